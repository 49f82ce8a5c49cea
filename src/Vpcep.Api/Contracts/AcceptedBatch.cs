using System.Text.Json.Serialization;

namespace Vpcep.Api.Contracts;

/// <summary>The answer to a batch that was accepted (<c>POST /api/batches</c>).</summary>
/// <param name="BatchId">The batch's id, as submitted.</param>
/// <param name="InstanceId">The batch orchestration's instance id.</param>
/// <param name="StatusUrl">Where the batch's progress and outcome are read (<c>GET /api/batches/{batch_id}</c>).</param>
/// <param name="Total">How many requests the batch holds.</param>
/// <param name="Existing">Whether the same batch had been submitted before (nothing new was started).</param>
public sealed record AcceptedBatch(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("existing")] bool Existing);
