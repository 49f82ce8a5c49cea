using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>The input of <see cref="DeprovisionEndpointOrchestrator"/>: which request's endpoint, and how to find it.</summary>
/// <param name="RequestInstanceId">The provisioning request whose endpoint is deleted.</param>
/// <param name="ProjectId">The request's project.</param>
/// <param name="Region">The request's region.</param>
/// <param name="EndpointId">The endpoint, when the request's state names it.</param>
/// <param name="Lookup">
/// When the request's state names no endpoint although it may have made one (it was cancelled or failed around its
/// create, whose answer may have been lost): the create's input, with which <see cref="FindCreatedEndpointActivity"/>
/// finds what the create made, as the request itself does after a lost answer. None: there is nothing to look for.
/// </param>
/// <param name="Targets">Where the outcome goes: the request's own channels.</param>
/// <param name="Settings">The poll, timeout and retry settings in force when the deprovisioning started.</param>
/// <param name="Caller">The caller that submitted the request, when the host tells callers apart; reads are scoped to it.</param>
/// <param name="LookAgainAfter">
/// Set when the request was cancelled while it ran: a create it had already sent may still land, so when the first
/// look finds nothing, the deprovisioning looks once more after this wait before it concludes there is nothing.
/// </param>
/// <param name="Run">1 for the first deprovisioning of the request, one more for each start after a <c>failed</c> or <c>timed_out</c> one.</param>
public sealed record DeprovisionInput(
    string RequestInstanceId,
    string ProjectId,
    string? Region,
    string? EndpointId,
    CreateEndpointInput? Lookup,
    IReadOnlyList<NotificationTarget> Targets,
    WorkflowSettings Settings,
    string? Caller = null,
    TimeSpan? LookAgainAfter = null,
    int Run = 1)
{
    /// <inheritdoc/>
    public bool Equals(DeprovisionInput? other) =>
        other is not null
        && RequestInstanceId == other.RequestInstanceId
        && ProjectId == other.ProjectId
        && Region == other.Region
        && EndpointId == other.EndpointId
        && Lookup == other.Lookup
        && Targets.SequenceEqual(other.Targets)
        && Settings == other.Settings
        && Caller == other.Caller
        && LookAgainAfter == other.LookAgainAfter
        && Run == other.Run;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RequestInstanceId, EndpointId, Run);
}
