using System.Text.Json.Serialization;

namespace Vpcep.Api.Contracts;

/// <summary>One batch in <c>GET /api/batches</c>: its progress, without its items.</summary>
public sealed record BatchListItem
{
    [JsonPropertyName("batch_id")] public string BatchId { get; init; } = "";
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("completed")] public int Completed { get; init; }
    [JsonPropertyName("counts")] public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("last_updated_at")] public DateTimeOffset LastUpdatedAt { get; init; }
    [JsonPropertyName("status_url")] public string StatusUrl { get; init; } = "";
}

/// <summary>A page of <c>GET /api/batches</c>; <c>continuation_token</c> is null (present) on the last page.</summary>
public sealed record BatchList(
    [property: JsonPropertyName("batches")] IReadOnlyList<BatchListItem> Batches,
    [property: JsonPropertyName("continuation_token"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>A page of <c>GET /api/batches/{batch_id}/items</c>; <c>continuation_token</c> is null (present) on the last page.</summary>
public sealed record BatchItemList(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("items")] IReadOnlyList<BatchItemState> Items,
    [property: JsonPropertyName("continuation_token"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>One provisioning request in <c>GET /api/vpc-endpoints</c>.</summary>
public sealed record RequestListItem
{
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";
    [JsonPropertyName("status_url")] public string StatusUrl { get; init; } = "";
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";
    [JsonPropertyName("phase")] public string? Phase { get; init; }

    /// <summary>The outcome's result once the request has ended; null while it runs.</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }
    [JsonPropertyName("project_id")] public string? ProjectId { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("last_updated_at")] public DateTimeOffset LastUpdatedAt { get; init; }
}

/// <summary>A page of <c>GET /api/vpc-endpoints</c>; <c>continuation_token</c> is null (present) on the last page.</summary>
public sealed record RequestList(
    [property: JsonPropertyName("requests")] IReadOnlyList<RequestListItem> Requests,
    [property: JsonPropertyName("continuation_token"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>One problem with a listing's query string.</summary>
/// <param name="Parameter">The query parameter, e.g. <c>result</c>.</param>
/// <param name="Code">What is wrong: <c>unknown_value</c>, <c>out_of_range</c>, <c>not_a_number</c>, <c>invalid_token</c>.</param>
/// <param name="Message">A sentence naming the value and what is allowed.</param>
public sealed record QueryError(
    [property: JsonPropertyName("parameter")] string Parameter,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The 400 answer of a listing with a bad query string (<c>application/problem+json</c>), for the OpenAPI document.</summary>
public sealed record InvalidQueryProblem
{
    /// <summary><c>urn:vpcep-functions:problem:invalid-query</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>A short summary.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>400.</summary>
    [JsonPropertyName("status")] public int? Status { get; init; }

    /// <summary>Every problem, in one sentence.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }

    /// <summary>Every problem, each naming its parameter.</summary>
    [JsonPropertyName("errors")] public IReadOnlyList<QueryError> Errors { get; init; } = [];
}
