using System.Text.Json.Serialization;
using Vpcep.Provisioning.Models;

namespace Vpcep.Api.Contracts;

/// <summary>The answer to <c>POST /api/vpc-endpoints/{id}/notifications</c>: the redelivery started.</summary>
public sealed record AcceptedRedelivery(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("delivery_instance_id")] string DeliveryInstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl);

/// <summary>One delivery in <c>GET /api/notifications</c>.</summary>
public sealed record DeliveryListItem
{
    [JsonPropertyName("event_id")] public string EventId { get; init; } = "";
    [JsonPropertyName("event_type")] public string EventType { get; init; } = "";

    /// <summary>The request (or batch) the event is about.</summary>
    [JsonPropertyName("subject")] public string Subject { get; init; } = "";
    [JsonPropertyName("delivery_instance_id")] public string DeliveryInstanceId { get; init; } = "";

    /// <summary><c>Running</c> while it is being retried, <c>Completed</c> when it has ended.</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";
    [JsonPropertyName("notification")] public NotificationReport? Notification { get; init; }
}

/// <summary>A page of <c>GET /api/notifications</c>.</summary>
public sealed record DeliveryList(
    [property: JsonPropertyName("items")] IReadOnlyList<DeliveryListItem> Items,
    [property: JsonPropertyName("continuation_token")] string? ContinuationToken);

/// <summary>The follow-up of a request that ended <c>pending_acceptance</c>, in <c>GET</c> of the request.</summary>
public sealed record FollowUpState
{
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary><c>Running</c> while the endpoint is followed, <c>Completed</c> when the second word was sent.</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";

    /// <summary>The outcome as it is now, with the second notification's report, once the follow-up has ended.</summary>
    [JsonPropertyName("outcome")] public ProvisioningOutcome? Outcome { get; init; }
}
