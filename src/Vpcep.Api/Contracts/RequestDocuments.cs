using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api.Contracts;

// The request bodies as the OpenAPI document describes them. The handlers read and validate the raw JSON themselves
// (ProvisioningRequestParser lists every problem at once), so these types only describe: the rules, and the source of
// each, are in docs/validation-rules.md; schemas/provisioning-message.schema.json describes the same documents (a test
// keeps the member names of the two in step).

/// <summary>The body of <c>POST /api/vpc-endpoints</c>: one provisioning request.</summary>
[Description("One provisioning request. Unknown members are refused; the Idempotency-Key header names a retry of the same request.")]
public sealed record ProvisioningRequestDocument
{
    /// <summary>The Huawei Cloud project (32 hexadecimal characters).</summary>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{32}$")]
    [JsonPropertyName("project_id")] public string ProjectId { get; init; } = "";

    /// <summary>The region, e.g. <c>cn-north-4</c>; <c>HuaweiCloud:Region</c> when absent.</summary>
    [RegularExpression("^[a-z]{2,}(-[a-z]+)+-[0-9]+$")]
    [JsonPropertyName("region")] public string? Region { get; init; }

    /// <summary>Where the outcome is POSTed (absolute http(s) URL); <c>Provisioning:DefaultCallbackUrl</c> when absent.</summary>
    [JsonPropertyName("callback_url")] public Uri? CallbackUrl { get; init; }

    /// <summary>How the outcome is delivered; the <c>Notifications</c> settings when absent.</summary>
    [JsonPropertyName("notify")] public NotifyDocument? Notify { get; init; }

    /// <summary>The body of Huawei Cloud's <c>POST /v1/{project_id}/vpc-endpoints</c>.</summary>
    [Required]
    [JsonPropertyName("endpoint")] public EndpointDocument Endpoint { get; init; } = new();
}

/// <summary>One request of a batch: a provisioning request with an optional key of its own.</summary>
[Description("One request of a batch, optionally with its own idempotency_key (otherwise batch_id and position key it).")]
public sealed record BatchItemDocument
{
    /// <summary>The item's idempotency key (1-255 printable characters).</summary>
    [StringLength(255, MinimumLength = 1)]
    [JsonPropertyName("idempotency_key")] public string? IdempotencyKey { get; init; }

    /// <inheritdoc cref="ProvisioningRequestDocument.ProjectId"/>
    [Required]
    [RegularExpression("^[0-9a-fA-F]{32}$")]
    [JsonPropertyName("project_id")] public string ProjectId { get; init; } = "";

    /// <inheritdoc cref="ProvisioningRequestDocument.Region"/>
    [RegularExpression("^[a-z]{2,}(-[a-z]+)+-[0-9]+$")]
    [JsonPropertyName("region")] public string? Region { get; init; }

    /// <inheritdoc cref="ProvisioningRequestDocument.CallbackUrl"/>
    [JsonPropertyName("callback_url")] public Uri? CallbackUrl { get; init; }

    /// <inheritdoc cref="ProvisioningRequestDocument.Notify"/>
    [JsonPropertyName("notify")] public NotifyDocument? Notify { get; init; }

    /// <inheritdoc cref="ProvisioningRequestDocument.Endpoint"/>
    [Required]
    [JsonPropertyName("endpoint")] public EndpointDocument Endpoint { get; init; } = new();
}

/// <summary>How an outcome is delivered.</summary>
public sealed record NotifyDocument
{
    /// <summary>The channels: <c>webhook</c>, <c>queue</c>, <c>smn</c>; <c>Notifications:DefaultChannels</c> when absent.</summary>
    [JsonPropertyName("channels")] public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>The SMN topic URN of the <c>smn</c> channel; <c>Notifications:SmnTopicUrn</c> when absent.</summary>
    [JsonPropertyName("smn_topic_urn")] public string? SmnTopicUrn { get; init; }

    /// <summary>Follow an endpoint left <c>pending_acceptance</c> to a second notification.</summary>
    [JsonPropertyName("follow_pending_acceptance")] public bool? FollowPendingAcceptance { get; init; }
}

/// <summary>
/// The endpoint to create, as Huawei Cloud's create API takes it. Members not listed are passed to Huawei unchanged,
/// unless they look like a misspelling of a listed one.
/// </summary>
[Description("The body of Huawei Cloud's POST /v1/{project_id}/vpc-endpoints. Members not listed here are passed to Huawei unchanged, unless they look like a misspelling of a listed one (then the request is refused); see docs/validation-rules.md.")]
public sealed record EndpointDocument
{
    /// <summary>The endpoint service (UUID).</summary>
    [Required]
    [JsonPropertyName("endpoint_service_id")] public Guid EndpointServiceId { get; init; }

    /// <summary>The VPC (UUID).</summary>
    [Required]
    [JsonPropertyName("vpc_id")] public Guid VpcId { get; init; }

    /// <summary>The subnet (UUID); required for interface services.</summary>
    [JsonPropertyName("subnet_id")] public Guid? SubnetId { get; init; }

    /// <summary>Whether a private domain name is created.</summary>
    [JsonPropertyName("enable_dns")] public bool? EnableDns { get; init; }

    /// <summary>Tags (at most 10 by default, see <c>Validation:MaxTags</c>).</summary>
    [JsonPropertyName("tags")] public IReadOnlyList<TagDocument>? Tags { get; init; }

    /// <summary>Route tables of a gateway endpoint (UUIDs).</summary>
    [JsonPropertyName("routetables")] public IReadOnlyList<Guid>? RouteTables { get; init; }

    /// <summary>The endpoint's IPv4 address in the subnet.</summary>
    [JsonPropertyName("port_ip")] public string? PortIp { get; init; }

    /// <summary>Allowed addresses or CIDR blocks.</summary>
    [JsonPropertyName("whitelist")] public IReadOnlyList<string>? Whitelist { get; init; }

    /// <summary>Whether the whitelist is enforced.</summary>
    [JsonPropertyName("enable_whitelist")] public bool? EnableWhitelist { get; init; }

    /// <summary>A description (at most 128 characters).</summary>
    [StringLength(128)]
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Policy statements of a gateway endpoint (Huawei's format).</summary>
    [JsonPropertyName("policy_statement")] public IReadOnlyList<JsonElement>? PolicyStatement { get; init; }

    /// <summary>A policy document (Huawei's format).</summary>
    [JsonPropertyName("policy_document")] public JsonElement? PolicyDocument { get; init; }

    /// <summary><c>ipv4</c> or <c>dualstack</c>.</summary>
    [JsonPropertyName("ip_version")] public string? IpVersion { get; init; }

    /// <summary>The endpoint's IPv6 address (dual stack).</summary>
    [JsonPropertyName("ipv6_address")] public string? Ipv6Address { get; init; }

    /// <summary>The endpoint's specification.</summary>
    [JsonPropertyName("specification_name")] public string? SpecificationName { get; init; }

    /// <summary>Any other member, passed to Huawei unchanged.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? Others { get; init; }
}

/// <summary>One tag of an endpoint.</summary>
public sealed record TagDocument
{
    /// <summary>The key (at most 36 characters by default).</summary>
    [Required]
    [StringLength(36, MinimumLength = 1)]
    [JsonPropertyName("key")] public string Key { get; init; } = "";

    /// <summary>The value (at most 43 characters by default).</summary>
    [StringLength(43)]
    [JsonPropertyName("value")] public string? Value { get; init; }
}

/// <summary>The body of <c>POST /api/batches</c>: the batch document of a queue message.</summary>
public sealed record BatchDocument
{
    /// <summary>Names the batch: <c>GET /api/batches/{batch_id}</c>. Used before for the same document: nothing new starts.</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    [JsonPropertyName("batch_id")] public string BatchId { get; init; } = "";

    /// <summary>Receives the batch summary when every item has ended; <c>Provisioning:DefaultCallbackUrl</c> when absent.</summary>
    [JsonPropertyName("callback_url")] public Uri? CallbackUrl { get; init; }

    /// <summary>The requests, 1 to <c>ProvisioningQueue:MaxBatchItems</c> (500).</summary>
    [Required]
    [JsonPropertyName("requests")] public IReadOnlyList<BatchItemDocument> Requests { get; init; } = [];
}

/// <summary>The optional body of <c>POST /api/vpc-endpoints/{id}/terminate</c>.</summary>
public sealed record TerminateRequestDocument
{
    /// <summary>Why the request is terminated (at most 1024 characters); kept as the instance's output.</summary>
    [StringLength(VpcEndpointsApi.MaxReasonLength)]
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}

/// <summary>The answer to <c>POST /api/vpc-endpoints/{id}/terminate</c>: the termination is queued.</summary>
/// <param name="InstanceId">The request's instance id.</param>
/// <param name="StatusUrl">Where the request's state is read; it answers 200 with <c>runtime_status: Terminated</c> once done.</param>
public sealed record AcceptedTermination(
    [property: JsonPropertyName("instance_id")] string InstanceId,
    [property: JsonPropertyName("status_url")] string StatusUrl);

/// <summary>A 400 answer listing every problem (<c>application/problem+json</c>, RFC 9457) with an <c>errors</c> member.</summary>
public sealed record InvalidRequestProblem
{
    /// <summary>A URI naming the kind of problem.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>A short summary.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>400.</summary>
    [JsonPropertyName("status")] public int? Status { get; init; }

    /// <summary>How many problems were found; nothing was started.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }

    /// <summary>Every problem, each with a JSON pointer into the submitted document.</summary>
    [JsonPropertyName("errors")] public IReadOnlyList<ValidationError> Errors { get; init; } = [];
}
