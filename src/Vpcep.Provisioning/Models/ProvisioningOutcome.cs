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
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("completed_at")] public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Whether the notification reached its receiver (absent in the notification itself).</summary>
    [JsonPropertyName("notification")] public NotificationReport? Notification { get; init; }
}

/// <summary>The cloud's error, with its code, message and request id.</summary>
public sealed record ProvisioningError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("http_status")] int? HttpStatus = null,
    [property: JsonPropertyName("request_id")] string? RequestId = null);

/// <summary>What became of the notification.</summary>
public sealed record NotificationReport(
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("delivered")] bool Delivered,
    [property: JsonPropertyName("error")] string? Error = null);
