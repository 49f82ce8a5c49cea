using System.Text.Json.Serialization;
using Vpcep.Provisioning.Models;

namespace Vpcep.Api.Contracts;

/// <summary>The answer to a submission that was accepted.</summary>
public sealed record AcceptedProvisioning(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("existing")] bool Existing);

/// <summary>What <c>GET /api/vpc-endpoints/{id}</c> answers: where the request is, and its outcome once ended.</summary>
public sealed record ProvisioningState
{
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary>The orchestration's runtime status: Pending, Running, Completed, Failed, Terminated, ...</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";
    [JsonPropertyName("phase")] public string? Phase { get; init; }
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }
    [JsonPropertyName("endpoint_status")] public string? EndpointStatus { get; init; }
    [JsonPropertyName("polls")] public int Polls { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("last_updated_at")] public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The outcome, once the orchestration has completed.</summary>
    [JsonPropertyName("outcome")] public ProvisioningOutcome? Outcome { get; init; }

    /// <summary>Why the orchestration itself failed (a bug or an infrastructure fault, not a cloud verdict).</summary>
    [JsonPropertyName("failure")] public string? Failure { get; init; }

    /// <summary>The follow-up of a <c>pending_acceptance</c> outcome, when the request asked for one.</summary>
    [JsonPropertyName("follow_up")] public FollowUpState? FollowUp { get; init; }

    /// <summary>The deprovisioning of the request's endpoint, once one was started (<c>DELETE</c>); null before.</summary>
    [JsonPropertyName("deprovision"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public DeprovisionSummary? Deprovision { get; init; }
}
