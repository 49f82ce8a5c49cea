using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpcep.Cli.Api;

// The API's documents as the CLI reads them: only the members it shows or decides on. The JSON names are the HTTP
// contract's (README "The HTTP contract"); members the CLI does not know are ignored, so a newer host keeps working.

/// <summary>The answer to <c>POST /api/vpc-endpoints</c>: the request's orchestration and where to follow it.</summary>
internal sealed record AcceptedRequest(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("existing")] bool Existing);

/// <summary><c>GET /api/vpc-endpoints/{instance_id}</c>: where a provisioning request stands.</summary>
internal sealed record RequestStatus
{
    /// <summary>The request's orchestration instance id.</summary>
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary><c>Pending</c>, <c>Running</c>, <c>Suspended</c>, <c>Completed</c>, <c>Failed</c> or <c>Terminated</c>.</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";

    /// <summary><c>validating</c>, <c>creating</c>, <c>polling</c>, <c>notifying</c> or <c>completed</c>.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; init; }

    /// <summary>The endpoint's id once created.</summary>
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }

    /// <summary>The endpoint's last known status in the cloud.</summary>
    [JsonPropertyName("endpoint_status")] public string? EndpointStatus { get; init; }

    /// <summary>When the request started.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When its state last changed.</summary>
    [JsonPropertyName("last_updated_at")] public DateTimeOffset? LastUpdatedAt { get; init; }

    /// <summary>How it ended, once it has.</summary>
    [JsonPropertyName("outcome")] public RequestOutcome? Outcome { get; init; }

    /// <summary>Why the orchestration itself failed, when it did.</summary>
    [JsonPropertyName("failure")] public string? Failure { get; init; }
}

/// <summary>The outcome of one request.</summary>
internal sealed record RequestOutcome
{
    /// <summary><c>accepted</c>, <c>pending_acceptance</c>, <c>rejected</c>, <c>failed</c>, <c>invalid</c> or <c>timed_out</c>.</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }

    /// <summary>The endpoint as last seen.</summary>
    [JsonPropertyName("endpoint")] public EndpointSnapshot? Endpoint { get; init; }

    /// <summary>The cloud's error, where there is one.</summary>
    [JsonPropertyName("error")] public ProvisioningError? Error { get; init; }

    /// <summary>What the cloud said is wrong with the request (<c>invalid</c>).</summary>
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ProblemError>? ValidationErrors { get; init; }
}

/// <summary>An endpoint as an outcome shows it.</summary>
internal sealed record EndpointSnapshot(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string? Status);

/// <summary>The cloud's error of an outcome or a batch item.</summary>
internal sealed record ProvisioningError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary><c>GET /api/batches/{batch_id}</c>: a batch's progress and, at the end, its outcome.</summary>
internal sealed record BatchStatus
{
    /// <summary>The batch's id.</summary>
    [JsonPropertyName("batch_id")] public string BatchId { get; init; } = "";

    /// <summary>The batch's orchestration.</summary>
    [JsonPropertyName("instance_id")] public string? InstanceId { get; init; }

    /// <summary>The batch orchestration's runtime status.</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";

    /// <summary>How many items the batch has.</summary>
    [JsonPropertyName("total")] public int Total { get; init; }

    /// <summary>How many have ended.</summary>
    [JsonPropertyName("completed")] public int Completed { get; init; }

    /// <summary>Ended items by result.</summary>
    [JsonPropertyName("counts")] public IReadOnlyDictionary<string, int>? Counts { get; init; }

    /// <summary>The items; absent with <c>include_items=false</c>.</summary>
    [JsonPropertyName("items")] public IReadOnlyList<BatchItem>? Items { get; init; }

    /// <summary>When the batch started.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When its state last changed.</summary>
    [JsonPropertyName("last_updated_at")] public DateTimeOffset? LastUpdatedAt { get; init; }
}

/// <summary>One item of a batch.</summary>
internal sealed record BatchItem
{
    /// <summary>Its position in the batch document.</summary>
    [JsonPropertyName("index")] public int Index { get; init; }

    /// <summary>Its request's orchestration (none for an item refused at intake).</summary>
    [JsonPropertyName("instance_id")] public string? InstanceId { get; init; }

    /// <summary>Its request's status URL.</summary>
    [JsonPropertyName("status_url")] public string? StatusUrl { get; init; }

    /// <summary>Its result once ended; <see langword="null"/> while it runs.</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }

    /// <summary>Its endpoint, once created.</summary>
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }

    /// <summary>The cloud's error, where there is one.</summary>
    [JsonPropertyName("error")] public ProvisioningError? Error { get; init; }

    /// <summary>The problems of an invalid item.</summary>
    [JsonPropertyName("validation_errors")] public IReadOnlyList<ProblemError>? ValidationErrors { get; init; }
}

/// <summary><c>GET /api/batches/{batch_id}/items</c>: one page of a batch's items.</summary>
internal sealed record BatchItemsPage(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("items")] IReadOnlyList<BatchItem> Items,
    [property: JsonPropertyName("continuation_token")] string? ContinuationToken);

/// <summary>The answer to <c>DELETE /api/vpc-endpoints/{instance_id}</c>: the deprovisioning started (or found).</summary>
internal sealed record AcceptedDeprovision(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("deprovision_instance_id")] string? DeprovisionInstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("endpoint_id")] string? EndpointId,
    [property: JsonPropertyName("existing")] bool Existing);

/// <summary><c>GET /api/vpc-endpoints/{instance_id}/deprovision</c>: where a deprovisioning stands.</summary>
internal sealed record DeprovisionStatus
{
    /// <summary>The provisioning request whose endpoint is deleted.</summary>
    [JsonPropertyName("instance_id")] public string InstanceId { get; init; } = "";

    /// <summary>The deprovisioning's orchestration.</summary>
    [JsonPropertyName("deprovision_instance_id")] public string? DeprovisionInstanceId { get; init; }

    /// <summary>Its orchestration's runtime status.</summary>
    [JsonPropertyName("runtime_status")] public string RuntimeStatus { get; init; } = "";

    /// <summary>The endpoint deleted.</summary>
    [JsonPropertyName("endpoint_id")] public string? EndpointId { get; init; }

    /// <summary><c>deleted</c>, <c>already_gone</c>, <c>failed</c>, <c>timed_out</c>, or <see langword="null"/> while it runs.</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }

    /// <summary>What went wrong (its shape is the host's; shown as it comes).</summary>
    [JsonPropertyName("error")] public JsonElement? Error { get; init; }
}

/// <summary>The answer to <c>DELETE /api/batches/{batch_id}</c>: what happened to each item.</summary>
internal sealed record BatchDeprovision(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("items")] IReadOnlyList<BatchDeprovisionItem> Items);

/// <summary>One item of <see cref="BatchDeprovision"/>.</summary>
internal sealed record BatchDeprovisionItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("instance_id")] string? InstanceId,
    [property: JsonPropertyName("deprovision_instance_id")] string? DeprovisionInstanceId,
    [property: JsonPropertyName("status_url")] string? StatusUrl,
    [property: JsonPropertyName("state")] string State);

/// <summary>The answer to <c>POST /api/vpc-endpoints/{instance_id}/notifications</c>: the redelivery started.</summary>
internal sealed record AcceptedRedelivery(
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("delivery_instance_id")] string? DeliveryInstanceId,
    [property: JsonPropertyName("status_url")] string? StatusUrl);

/// <summary>An <c>application/problem+json</c> answer (RFC 9457) with the API's list of every problem.</summary>
internal sealed record Problem
{
    /// <summary>The problem type, a URN of the API's or a link.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>A short summary.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("status")] public int? Status { get; init; }

    /// <summary>What happened, for this occurrence.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }

    /// <summary>Every problem of the document, each at its JSON Pointer.</summary>
    [JsonPropertyName("errors")] public IReadOnlyList<ProblemError>? Errors { get; init; }
}

/// <summary>One problem of a document: where (a JSON Pointer), which rule, and what is wrong.</summary>
internal sealed record ProblemError(
    [property: JsonPropertyName("pointer")] string? Pointer,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);
