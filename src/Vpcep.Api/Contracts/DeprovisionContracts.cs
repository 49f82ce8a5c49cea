using System.Text.Json.Serialization;
using Vpcep.Provisioning.Models;

namespace Vpcep.Api.Contracts;

/// <summary>The answer to <c>DELETE /api/vpc-endpoints/{id}</c>: the deprovisioning started (or found running or ended).</summary>
/// <param name="InstanceId">The provisioning request.</param>
/// <param name="DeprovisionInstanceId">The deprovisioning's own instance.</param>
/// <param name="StatusUrl">Its status URL (<c>GET /api/vpc-endpoints/{id}/deprovision</c>), also in <c>Location</c>.</param>
/// <param name="EndpointId">The endpoint it deletes, when the request's state names one (null: it is looked for, or there is none).</param>
/// <param name="Existing">True when this deprovisioning had been started before and nothing new was started.</param>
public sealed record AcceptedDeprovision(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("deprovision_instance_id")] string DeprovisionInstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("endpoint_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? EndpointId,
    [property: JsonPropertyName("existing")] bool Existing);

/// <summary>What <c>GET /api/vpc-endpoints/{id}/deprovision</c> answers.</summary>
public sealed record DeprovisionState
{
    /// <summary>The provisioning request.</summary>
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary>The deprovisioning's own instance.</summary>
    [JsonPropertyName("deprovision_instance_id")] public string DeprovisionInstanceId { get; init; } = "";

    /// <summary>The orchestration's runtime status: Pending, Running, Completed, Failed, Terminated, ...</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";

    /// <summary>Where it is (<see cref="DeprovisionPhase"/>) while it runs.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; init; }

    /// <summary>The endpoint, once known.</summary>
    [JsonPropertyName("endpoint_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? EndpointId { get; init; }

    /// <summary>One of <see cref="DeprovisionResult"/> once ended; null while it runs.</summary>
    [JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Result { get; init; }

    /// <summary>The cloud's error (<c>failed</c>), why the time ran out (<c>timed_out</c>), or the orchestration's own failure.</summary>
    [JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public ProvisioningError? Error { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("last_updated_at")] public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Where the notification of its outcome stands, as for the request's own outcome.</summary>
    [JsonPropertyName("notification"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public NotificationReport? Notification { get; init; }
}

/// <summary>The deprovisioning of a request, as the request's own <c>GET</c> shows it.</summary>
/// <param name="StatusUrl">Its status URL.</param>
/// <param name="RuntimeStatus">Its runtime status.</param>
/// <param name="Result">One of <see cref="DeprovisionResult"/> once ended.</param>
public sealed record DeprovisionSummary(
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("runtime_status")] string RuntimeStatus,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Result);

/// <summary>What became of one item of <c>DELETE /api/batches/{batch_id}</c>.</summary>
public static class BatchDeprovisionStates
{
    /// <summary>A deprovisioning of the item's request was started.</summary>
    public const string Started = "started";

    /// <summary>It had been started before (it runs, or it ended <c>deleted</c> or <c>already_gone</c>).</summary>
    public const string Existing = "existing";

    /// <summary>The item's request still runs and <c>cancel=true</c> was not given: nothing started.</summary>
    public const string StillProvisioning = "still_provisioning";

    /// <summary>The item has no request (it was invalid, or its history was purged): nothing to delete.</summary>
    public const string NothingToDelete = "nothing_to_delete";
}

/// <summary>The answer to <c>DELETE /api/batches/{batch_id}</c>.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="Items">Every item, in the batch's order.</param>
public sealed record AcceptedBatchDeprovision(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("items")] IReadOnlyList<BatchItemDeprovision> Items);

/// <summary>One item of <see cref="AcceptedBatchDeprovision"/>.</summary>
/// <param name="Index">The item's position in the batch.</param>
/// <param name="InstanceId">Its request, when it has one.</param>
/// <param name="DeprovisionInstanceId">The deprovisioning of that request (started or not).</param>
/// <param name="StatusUrl">The deprovisioning's status URL.</param>
/// <param name="State">One of <see cref="BatchDeprovisionStates"/>.</param>
public sealed record BatchItemDeprovision(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("instance_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? InstanceId,
    [property: JsonPropertyName("deprovision_instance_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DeprovisionInstanceId,
    [property: JsonPropertyName("status_url"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StatusUrl,
    [property: JsonPropertyName("state")] string State);

/// <summary>The optional body of <c>POST /api/cleanup</c>.</summary>
/// <param name="DryRun">Only list what would be started.</param>
/// <param name="OlderThan">Only requests that ended at least this long ago (an ISO 8601 duration, e.g. <c>PT1H</c>); none: every one.</param>
/// <param name="Limit">The most deprovisionings started (or listed) by one call, 1 to 1000 (default 100).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CleanupRequestDocument(
    [property: JsonPropertyName("dry_run")] bool DryRun = false,
    [property: JsonPropertyName("older_than")] string? OlderThan = null,
    [property: JsonPropertyName("limit")] int? Limit = null);

/// <summary>The answer to <c>POST /api/cleanup</c>.</summary>
/// <param name="DryRun">Whether nothing was started (only listed).</param>
/// <param name="Started">The deprovisionings started (or, in a dry run, that would be).</param>
/// <param name="Truncated">True when the limit was reached: call again for the rest.</param>
public sealed record CleanupAnswer(
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("started")] IReadOnlyList<CleanupItem> Started,
    [property: JsonPropertyName("truncated")] bool Truncated);

/// <summary>One request whose endpoint the clean-up deprovisions.</summary>
/// <param name="InstanceId">The request.</param>
/// <param name="Result">How it ended (<c>failed</c> or <c>timed_out</c>).</param>
/// <param name="EndpointId">The endpoint it left.</param>
/// <param name="DeprovisionInstanceId">The deprovisioning.</param>
/// <param name="StatusUrl">The deprovisioning's status URL.</param>
public sealed record CleanupItem(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("endpoint_id")] string EndpointId,
    [property: JsonPropertyName("deprovision_instance_id")] string DeprovisionInstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl);
