using Microsoft.DurableTask;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>The follow-up's input: the request, its outcome (pending acceptance) and when to stop looking.</summary>
/// <param name="Request">The request's input.</param>
/// <param name="Outcome">Its outcome, <c>pending_acceptance</c>.</param>
/// <param name="Deadline">When the follow-up says the endpoint is still pending.</param>
/// <param name="Polls">Looks so far (the history restarts every <see cref="FollowPendingAcceptanceOrchestrator.PollsPerGeneration"/>).</param>
public sealed record FollowUpInput(ProvisioningInput Request, ProvisioningOutcome Outcome, DateTime Deadline, int Polls = 0);

/// <summary>
/// Follows an endpoint that ended <c>pending_acceptance</c> until the service owner accepts or rejects it (or it
/// disappears, or the follow-up's time runs out), then sends a second notification, with its own event id
/// (<c>outcome_followup_...</c>), carrying the outcome as it is now. Looks at the endpoint every
/// <see cref="DeliverySettings.PendingAcceptancePollInterval"/> with durable timers; its history starts afresh
/// every few looks (continue-as-new), so a week of waiting stays small.
/// </summary>
public sealed class FollowPendingAcceptanceOrchestrator : TaskOrchestrator<FollowUpInput, ProvisioningOutcome>
{
    /// <summary>The orchestration's name in the task hub.</summary>
    public const string Name = nameof(FollowPendingAcceptanceOrchestrator);

    /// <summary>Looks per history generation.</summary>
    internal const int PollsPerGeneration = 20;

    /// <inheritdoc/>
    public override async Task<ProvisioningOutcome> RunAsync(TaskOrchestrationContext context, FollowUpInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ProvisioningInput request = input.Request;
        DeliverySettings settings = request.Settings.EffectiveDelivery;
        ProvisioningOutcome outcome = input.Outcome;
        string endpointId = outcome.Endpoint?.Id ?? throw new InvalidOperationException("A followed outcome names its endpoint.");
        EndpointSnapshot? seen = outcome.Endpoint;
        for (int polls = 0; polls < PollsPerGeneration; polls++)
        {
            if (context.CurrentUtcDateTime >= input.Deadline)
            {
                return await NotifyAsync(context, request, outcome with
                {
                    Error = new ProvisioningError("still_pending", "The endpoint still waits for the service owner's approval; it is no longer followed."),
                    CompletedAt = context.CurrentUtcDateTime,
                });
            }

            DateTime due = context.CurrentUtcDateTime + settings.PendingAcceptancePollInterval;
            if (due > input.Deadline)
            {
                due = input.Deadline;
            }

            while (context.CurrentUtcDateTime < due)
            {
                await context.CreateTimer(due, CancellationToken.None);
            }

            seen = await context.CallActivityAsync<EndpointSnapshot?>(
                nameof(GetEndpointActivity), new GetEndpointInput(request.Request.ProjectId, request.Request.Region, endpointId), request.Settings.ActivityRetry());
            if (seen?.Status != EndpointStatus.PendingAcceptance)
            {
                return await NotifyAsync(context, request, Settled(outcome, seen, endpointId) with { CompletedAt = context.CurrentUtcDateTime });
            }
        }

        context.ContinueAsNew(input with { Outcome = outcome with { Endpoint = seen }, Polls = input.Polls + PollsPerGeneration });
        return outcome;
    }

    private static ProvisioningOutcome Settled(ProvisioningOutcome outcome, EndpointSnapshot? seen, string endpointId) => seen?.Status switch
    {
        null => outcome with
        {
            Result = ProvisioningResult.Failed,
            Endpoint = outcome.Endpoint! with { Status = EndpointStatus.Deleting },
            Error = new ProvisioningError("endpoint_disappeared", $"Endpoint {endpointId} no longer exists; it was deleted while waiting for approval."),
        },
        EndpointStatus.Accepted => outcome with { Result = ProvisioningResult.Accepted, Endpoint = seen, Error = null },
        EndpointStatus.Rejected => outcome with
        {
            Result = ProvisioningResult.Rejected,
            Endpoint = seen,
            Error = new ProvisioningError("rejected", "The endpoint service's owner rejected the connection."),
        },
        _ => outcome with
        {
            Result = ProvisioningResult.Failed,
            Endpoint = seen,
            Error = new ProvisioningError("endpoint_failed", $"The endpoint ended in status '{seen.Status}'."),
        },
    };

    private static async Task<ProvisioningOutcome> NotifyAsync(TaskOrchestrationContext context, ProvisioningInput request, ProvisioningOutcome outcome)
    {
        NotificationReport report = await NotificationDelivery.DeliverAsync(
            context, request.Targets, NotificationDocument.FollowUp(outcome), request.Settings.EffectiveDelivery, "There is nowhere to send the follow-up.", request.Settings.ActivityRetry());
        return outcome with { Notification = report, FollowUpInstanceId = null };
    }
}
