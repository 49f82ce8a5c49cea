using System.Text.Json.Serialization;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Batches;

/// <summary>One item of a batch as the batch orchestration receives it: valid (with its own orchestration) or not.</summary>
/// <param name="Index">The item's position in the message's <c>requests</c> array.</param>
/// <param name="InstanceId">The item's own orchestration instance; none for invalid items.</param>
/// <param name="Input">The item's workflow input; none for invalid items.</param>
/// <param name="Errors">Why the item is invalid; none for valid items.</param>
public sealed record BatchItem(int Index, string? InstanceId, ProvisioningInput? Input, IReadOnlyList<ValidationError>? Errors);

/// <summary>The batch orchestration's input.</summary>
/// <param name="BatchId">The batch's id from the message.</param>
/// <param name="Items">Every item, valid or not, in message order.</param>
/// <param name="CallbackUrl">Where the summary goes; none when neither the batch nor the configuration names one.</param>
/// <param name="Settings">The retry settings in force when the batch was accepted (for the summary notification).</param>
public sealed record BatchInput(string BatchId, IReadOnlyList<BatchItem> Items, string? CallbackUrl, WorkflowSettings Settings);

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
public sealed record BatchProgress(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, int> Counts);

/// <summary>What <c>GET /api/batches/{batch_id}</c> answers.</summary>
public sealed record BatchState
{
    [JsonPropertyName("batch_id")] public string BatchId { get; init; } = "";
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("completed")] public int Completed { get; init; }
    [JsonPropertyName("counts")] public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
    [JsonPropertyName("items")] public IReadOnlyList<BatchItemState> Items { get; init; } = [];
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("last_updated_at")] public DateTimeOffset LastUpdatedAt { get; init; }
    [JsonPropertyName("notification")] public Models.NotificationReport? Notification { get; init; }
}

/// <summary>One item in <see cref="BatchState"/>, with a link to its own status.</summary>
public sealed record BatchItemState
{
    [JsonPropertyName("index")] public int Index { get; init; }
    [JsonPropertyName("instance_id")] public string? InstanceId { get; init; }
    [JsonPropertyName("status_url")] public string? StatusUrl { get; init; }
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }
    [JsonPropertyName("error")] public Models.ProvisioningError? Error { get; init; }
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ValidationError>? ValidationErrors { get; init; }
}
