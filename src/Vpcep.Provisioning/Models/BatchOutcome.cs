using System.Text.Json.Serialization;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Models;

/// <summary>How one item of a batch ended.</summary>
public sealed record BatchItemResult
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("instance_id")] public string? InstanceId { get; init; }

    /// <summary>A <see cref="Models.ProvisioningResult"/> value; <c>null</c> while the item is still running.</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }
    [JsonPropertyName("error")] public Models.ProvisioningError? Error { get; init; }
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }
}

/// <summary>The batch's outcome: counts by result and every item; also the summary notification's body.</summary>
public sealed record BatchOutcome
{
    [JsonPropertyName("batch_id")] public string BatchId { get; init; } = "";
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("counts")] public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
    [JsonPropertyName("items")] public IReadOnlyList<BatchItemResult> Items { get; init; } = [];
    [JsonPropertyName("started_at")] public DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("completed_at")] public DateTimeOffset CompletedAt { get; init; }
    [JsonPropertyName("notification")] public Models.NotificationReport? Notification { get; init; }
}

/// <summary>The batch orchestration's custom status: progress so far.</summary>
/// <param name="Total">How many items the batch holds.</param>
/// <param name="Completed">How many have ended.</param>
/// <param name="Counts">The ended items by result.</param>
/// <param name="BatchId">
/// The batch's id, so a listing of batches reads it from the status instead of the batch's (large) input; absent in
/// the status of batches started before it was added.
/// </param>
public sealed record BatchProgress(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts,
    [property: JsonPropertyName("batch_id")] string? BatchId = null);
