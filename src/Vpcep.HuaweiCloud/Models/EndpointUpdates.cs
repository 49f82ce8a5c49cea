using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>
/// The body of <c>PUT /v1/{project_id}/vpc-endpoints/{id}</c>: the new whitelist replaces the old one
/// (an empty list clears it).
/// </summary>
public sealed record UpdateWhitelistRequest
{
    /// <summary>IPv4 addresses or CIDR blocks; <see langword="null"/> leaves the list as it is.</summary>
    [JsonPropertyName("whitelist")] public IReadOnlyList<string>? Whitelist { get; init; }

    /// <summary>Whether the whitelist is enforced; <see langword="null"/> leaves it as it is.</summary>
    [JsonPropertyName("enable_whitelist")] public bool? EnableWhitelist { get; init; }
}

/// <summary>The body of <c>PUT /v1/{project_id}/vpc-endpoints/{id}/policy</c>.</summary>
public sealed record UpdatePolicyRequest
{
    /// <summary>Policy statements (gateway endpoints of OBS/SFS): items <c>{Effect, Action[], Resource[], Condition?, Sid?}</c>.</summary>
    [JsonPropertyName("policy_statement")] public JsonElement? PolicyStatement { get; init; }

    /// <summary>A policy document (interface services with <c>enable_policy</c>).</summary>
    [JsonPropertyName("policy_document")] public JsonElement? PolicyDocument { get; init; }
}

/// <summary>The body of <c>PUT /v1/{project_id}/vpc-endpoints/{id}/routetables</c> (gateway endpoints only).</summary>
public sealed record UpdateRouteTablesRequest(
    [property: JsonPropertyName("routetables")] IReadOnlyList<string> RouteTables);

/// <summary>Filters, paging and order of <c>GET /v1/{project_id}/vpc-endpoints</c>; <see langword="null"/> leaves a parameter out.</summary>
public sealed record EndpointQuery
{
    /// <summary>Endpoint service name; the service matches it case-insensitively and fuzzily.</summary>
    public string? EndpointServiceName { get; init; }

    /// <summary>The VPC the endpoints are in.</summary>
    public string? VpcId { get; init; }

    /// <summary>One endpoint id.</summary>
    public string? Id { get; init; }

    /// <summary>Page size, 0 to 1000 (the service's default is 10).</summary>
    public int? Limit { get; init; }

    /// <summary>How many endpoints to skip.</summary>
    public int? Offset { get; init; }

    /// <summary>Sort key: <see cref="EndpointSortKey.CreatedAt"/> or <see cref="EndpointSortKey.UpdatedAt"/>.</summary>
    public string? SortKey { get; init; }

    /// <summary>Sort direction: <see cref="SortDirection.Descending"/> (the service's default) or <see cref="SortDirection.Ascending"/>.</summary>
    public string? SortDir { get; init; }
}

/// <summary>Values of <see cref="EndpointQuery.SortKey"/>, in the spelling of the current API reference.</summary>
public static class EndpointSortKey
{
    public const string CreatedAt = "create_at";
    public const string UpdatedAt = "update_at";
}

/// <summary>Values of <see cref="EndpointQuery.SortDir"/>.</summary>
public static class SortDirection
{
    public const string Ascending = "asc";
    public const string Descending = "desc";
}
