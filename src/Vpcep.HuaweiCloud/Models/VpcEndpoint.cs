using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>A VPC endpoint as the API returns it. Unknown fields are ignored.</summary>
public sealed record VpcEndpoint : IHuaweiAnswer
{
    /// <inheritdoc/>
    [JsonIgnore] public string? RequestId { get; set; }

    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("service_type")] public string? ServiceType { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>
    /// <c>active</c> or <c>*_frozen</c> values; a list in the official SDKs and Open Telekom Cloud's reference,
    /// a lone string in the seed page's example (read as a one-item list).
    /// </summary>
    [JsonPropertyName("active_status")] public IReadOnlyList<string>? ActiveStatus { get; init; }
    [JsonPropertyName("endpoint_service_name")] public string? EndpointServiceName { get; init; }
    [JsonPropertyName("marker_id")] public long? MarkerId { get; init; }
    [JsonPropertyName("endpoint_service_id")] public string? EndpointServiceId { get; init; }
    [JsonPropertyName("enable_dns")] public bool? EnableDns { get; init; }
    [JsonPropertyName("dns_names")] public IReadOnlyList<string>? DnsNames { get; init; }
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("subnet_id")] public string? SubnetId { get; init; }
    [JsonPropertyName("vpc_id")] public string? VpcId { get; init; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }

    /// <summary>
    /// <see cref="CreatedAt"/> as a UTC time, whatever notation the service used (with or without fractions or an
    /// offset); none when it is absent or unreadable.
    /// </summary>
    [JsonIgnore]
    public DateTime? CreatedAtUtc =>
        System.DateTime.TryParse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out DateTime created)
            ? created
            : null;
    [JsonPropertyName("updated_at")] public string? UpdatedAt { get; init; }

    /// <summary>The spelling of the seed page's example response; read both.</summary>
    [JsonPropertyName("update_at")] public string? UpdateAt { get; init; }
    [JsonPropertyName("project_id")] public string? ProjectId { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<ResourceTag>? Tags { get; init; }
    [JsonPropertyName("whitelist")] public IReadOnlyList<string>? Whitelist { get; init; }
    [JsonPropertyName("enable_whitelist")] public bool? EnableWhitelist { get; init; }
    [JsonPropertyName("routetables")] public IReadOnlyList<string>? RouteTables { get; init; }
    [JsonPropertyName("enable_status")] public string? EnableStatus { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("specification_name")] public string? SpecificationName { get; init; }
    [JsonPropertyName("error")] public IReadOnlyList<EndpointError>? Error { get; init; }
    [JsonPropertyName("public_border_group")] public string? PublicBorderGroup { get; init; }
    [JsonPropertyName("ip_version")] public string? IpVersion { get; init; }
    [JsonPropertyName("ipv6_address")] public string? Ipv6Address { get; init; }
    [JsonPropertyName("endpoint_pool_id")] public string? EndpointPoolId { get; init; }

    /// <summary>Policy statements (gateway endpoints of OBS/SFS), kept as raw JSON.</summary>
    [JsonPropertyName("policy_statement")] public JsonElement? PolicyStatement { get; init; }

    /// <summary>The policy document (interface services with policies enabled), kept as raw JSON.</summary>
    [JsonPropertyName("policy_document")] public JsonElement? PolicyDocument { get; init; }

    /// <summary>The last update time, whichever spelling the service used.</summary>
    [JsonIgnore] public string? LastUpdatedAt => UpdatedAt ?? UpdateAt;
}

/// <summary>An error attached to a failed endpoint.</summary>
public sealed record EndpointError(
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("error_message")] string? ErrorMessage);

/// <summary>Endpoint status values.</summary>
public static class EndpointStatus
{
    public const string Creating = "creating";
    public const string PendingAcceptance = "pendingAcceptance";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Deleting = "deleting";
}

/// <summary>A page of endpoints; <see cref="TotalCount"/> ignores paging.</summary>
public sealed record EndpointList(
    IReadOnlyList<VpcEndpoint>? Endpoints,
    [property: JsonPropertyName("total_count")] int TotalCount)
{
    /// <summary>The endpoints of this page; empty when the answer has none.</summary>
    [JsonPropertyName("endpoints")] public IReadOnlyList<VpcEndpoint> Endpoints { get; init; } = Endpoints ?? [];
}
