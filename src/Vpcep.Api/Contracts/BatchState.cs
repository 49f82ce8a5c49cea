using System.Text.Json.Serialization;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api.Contracts;

/// <summary>What <c>GET /api/batches/{batch_id}</c> answers.</summary>
public sealed record BatchState
{
    [JsonPropertyName("batch_id")] public string BatchId { get; init; } = "";
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("completed")] public int Completed { get; init; }
    [JsonPropertyName("counts")] public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    /// <summary>Every item; absent when asked for without them (<c>include_items=false</c>).</summary>
    [JsonPropertyName("items")] public IReadOnlyList<BatchItemState>? Items { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("last_updated_at")] public DateTimeOffset LastUpdatedAt { get; init; }
    [JsonPropertyName("notification")] public NotificationReport? Notification { get; init; }
}

/// <summary>One item in <see cref="BatchState"/>, with a link to its own status.</summary>
public sealed record BatchItemState
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("instance_id")] public string? InstanceId { get; init; }
    [JsonPropertyName("status_url")] public string? StatusUrl { get; init; }
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }
    [JsonPropertyName("error")] public ProvisioningError? Error { get; init; }
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }
}
