using System.Text.Json.Serialization;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Models;

/// <summary>How a provisioning request ended.</summary>
public static class ProvisioningResult
{
    /// <summary>The endpoint exists and is usable.</summary>
    public const string Accepted = "accepted";

    /// <summary>The endpoint exists and waits for the service owner's approval.</summary>
    public const string PendingAcceptance = "pending_acceptance";

    /// <summary>The service owner rejected the endpoint.</summary>
    public const string Rejected = "rejected";

    /// <summary>The cloud refused or failed the creation.</summary>
    public const string Failed = "failed";

    /// <summary>The request was invalid for the cloud (service, VPC or subnet checks); nothing was created.</summary>
    public const string Invalid = "invalid";

    /// <summary>The endpoint did not leave <c>creating</c> before the deadline.</summary>
    public const string TimedOut = "timed_out";
}

/// <summary>The terminal, queryable outcome of one request; also the body of its notification.</summary>
public sealed record ProvisioningOutcome
{
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary>One of <see cref="ProvisioningResult"/>.</summary>
    [JsonPropertyName("result")] public string Result { get; init; } = "";
    [JsonPropertyName("project_id")] public string ProjectId { get; init; } = "";
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("endpoint")] public EndpointSnapshot? Endpoint { get; init; }
    [JsonPropertyName("error")] public ProvisioningError? Error { get; init; }

    /// <summary>
    /// The request id Huawei Cloud gave the answer to the create call (<c>X-Request-Id</c>), to trace the endpoint's
    /// creation at Huawei; absent when the endpoint was adopted after its create answer was lost.
    /// </summary>
    [JsonPropertyName("create_request_id")] public string? CreateRequestId { get; init; }
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("completed_at")] public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Whether the notification reached its receiver (absent in the notification itself).</summary>
    [JsonPropertyName("notification")] public NotificationReport? Notification { get; init; }

    /// <summary>
    /// The orchestration following an endpoint left <c>pending_acceptance</c> to a second notification, when the
    /// request asked for it (absent in the notification itself).
    /// </summary>
    [JsonPropertyName("follow_up_instance_id")] public string? FollowUpInstanceId { get; init; }
}

/// <summary>The cloud's error, with its code, message and request id.</summary>
public sealed record ProvisioningError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("http_status")] int? HttpStatus = null,
    [property: JsonPropertyName("request_id")] string? RequestId = null);

/// <summary>Where a notification stands.</summary>
public static class NotificationStates
{
    /// <summary>Every channel took it.</summary>
    public const string Delivered = "delivered";

    /// <summary>A channel failed and is tried again on the retry schedule (durable timers).</summary>
    public const string Retrying = "retrying";

    /// <summary>A channel still failed after the whole retry schedule; an operator can redeliver.</summary>
    public const string Failed = "failed";

    /// <summary>A receiver answered 410 Gone, so it is not tried again.</summary>
    public const string Gone = "gone";

    /// <summary>A target was refused by this service's policy; trying again cannot help.</summary>
    public const string Refused = "refused";

    /// <summary>There was nowhere to send it.</summary>
    public const string None = "none";
}

/// <summary>One delivery attempt on one channel.</summary>
/// <param name="At">When it was made.</param>
/// <param name="Channel">The channel (<c>webhook</c>, <c>queue</c>, <c>smn</c>).</param>
/// <param name="Verdict">delivered, retry, gone or refused.</param>
/// <param name="StatusCode">The receiver's HTTP status, when it answered.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RetryAfterSeconds">The wait the receiver asked for with <c>Retry-After</c>.</param>
public sealed record NotificationAttempt(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("status_code")] int? StatusCode = null,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("retry_after_seconds")] double? RetryAfterSeconds = null);

/// <summary>One channel's delivery: its target (shown without credentials), where it stands, and every attempt.</summary>
public sealed record ChannelReport(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("attempts")] IReadOnlyList<NotificationAttempt> Attempts);

/// <summary>
/// What became of the notification: whether every channel took it, the event's id (the receivers' de-duplication
/// key), where it stands, each channel with its attempts, and the instance that goes on trying when a first
/// attempt failed (<c>delivery_instance_id</c>; <c>GET</c> of the request shows its progress).
/// </summary>
public sealed record NotificationReport(
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("delivered")] bool Delivered,
    [property: JsonPropertyName("error")] string? Error = null)
{
    [JsonPropertyName("event_id")] public string? EventId { get; init; }

    /// <summary>One of <see cref="NotificationStates"/>.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    [JsonPropertyName("channels")] public IReadOnlyList<ChannelReport>? Channels { get; init; }
    [JsonPropertyName("delivery_instance_id")] public string? DeliveryInstanceId { get; init; }
    [JsonPropertyName("next_attempt_at")] public DateTimeOffset? NextAttemptAt { get; init; }
}
