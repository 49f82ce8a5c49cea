using System.Text.Json.Serialization;

namespace Vpcep.Provisioning.Models;

/// <summary>How the deprovisioning of a request's endpoint ended.</summary>
public static class DeprovisionResult
{
    /// <summary>The endpoint was deleted: the service answered the delete and then no longer had it.</summary>
    public const string Deleted = "deleted";

    /// <summary>There was nothing to delete: the endpoint did not exist (any more), or the request never made one.</summary>
    public const string AlreadyGone = "already_gone";

    /// <summary>The cloud refused the delete (its error is given), or kept failing until the retries ran out.</summary>
    public const string Failed = "failed";

    /// <summary>The endpoint was still there (<c>deleting</c>) when the time ran out, or the cloud stayed busy too long.</summary>
    public const string TimedOut = "timed_out";
}

/// <summary>Where a deprovisioning is: its custom status while it runs.</summary>
public static class DeprovisionPhase
{
    /// <summary>Looking for the endpoint of a request that does not name one.</summary>
    public const string Finding = "finding";

    /// <summary>Asking the service to delete the endpoint.</summary>
    public const string Deleting = "deleting";

    /// <summary>Waiting (durable timers) until the service no longer has the endpoint.</summary>
    public const string Waiting = "waiting";

    /// <summary>Notifying the outcome.</summary>
    public const string Notifying = "notifying";

    /// <summary>Ended.</summary>
    public const string Completed = "completed";
}

/// <summary>The deprovisioning's custom status.</summary>
/// <param name="Phase">One of <see cref="DeprovisionPhase"/>.</param>
/// <param name="EndpointId">The endpoint, once known.</param>
/// <param name="EndpointStatus">Its status as last seen.</param>
/// <param name="Polls">Looks after the delete so far.</param>
public sealed record DeprovisionStatus(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("endpoint_id")] string? EndpointId = null,
    [property: JsonPropertyName("endpoint_status")] string? EndpointStatus = null,
    [property: JsonPropertyName("polls")] int Polls = 0);

/// <summary>The outcome of deprovisioning one request's endpoint; also the body of its notification.</summary>
public sealed record DeprovisionOutcome
{
    /// <summary>The provisioning request whose endpoint it is.</summary>
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary>The deprovisioning's own instance.</summary>
    [JsonPropertyName("deprovision_instance_id")] public string DeprovisionInstanceId { get; init; } = "";

    /// <summary>One of <see cref="DeprovisionResult"/>.</summary>
    [JsonPropertyName("result")] public string Result { get; init; } = "";
    [JsonPropertyName("project_id")] public string ProjectId { get; init; } = "";
    [JsonPropertyName("region")] public string? Region { get; init; }

    /// <summary>The endpoint deleted (or looked for); none when the request never made one.</summary>
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }

    /// <summary>The cloud's error (<c>failed</c>), or why the time ran out (<c>timed_out</c>).</summary>
    [JsonPropertyName("error")] public ProvisioningError? Error { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("completed_at")] public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Whether the notification reached its receivers (absent in the notification itself).</summary>
    [JsonPropertyName("notification")] public NotificationReport? Notification { get; init; }
}
