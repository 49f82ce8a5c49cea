using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>Basic information of an endpoint service (<c>vpc-endpoint-services/describe</c>).</summary>
public sealed record EndpointServiceInfo
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("service_name")] public string? ServiceName { get; init; }

    /// <summary><c>interface</c> or <c>gateway</c>.</summary>
    [JsonPropertyName("service_type")] public string? ServiceType { get; init; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }

    /// <summary>Whether connections are billed; read from a boolean, <c>"true"</c>/<c>"false"</c> or 0/1, as sources differ.</summary>
    [JsonPropertyName("is_charge")] public bool? IsCharge { get; init; }
    [JsonPropertyName("enable_policy")] public bool? EnablePolicy { get; init; }
}

/// <summary>Endpoint service types.</summary>
public static class EndpointServiceType
{
    public const string Interface = "interface";
    public const string Gateway = "gateway";
}

/// <summary>A public endpoint service (<c>vpc-endpoint-services/public</c>).</summary>
public sealed record PublicEndpointService
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("owner")] public string? Owner { get; init; }
    [JsonPropertyName("service_name")] public string? ServiceName { get; init; }
    [JsonPropertyName("service_type")] public string? ServiceType { get; init; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }

    /// <summary>Whether connections are billed; read from a boolean, <c>"true"</c>/<c>"false"</c> or 0/1, as sources differ.</summary>
    [JsonPropertyName("is_charge")] public bool? IsCharge { get; init; }
    [JsonPropertyName("enable_policy")] public bool? EnablePolicy { get; init; }
}

/// <summary>A page of public endpoint services; <see cref="TotalCount"/> ignores paging.</summary>
public sealed record PublicEndpointServiceList(
    IReadOnlyList<PublicEndpointService>? EndpointServices,
    [property: JsonPropertyName("total_count")] int TotalCount)
{
    /// <summary>The services of this page; empty when the answer has none.</summary>
    [JsonPropertyName("endpoint_services")] public IReadOnlyList<PublicEndpointService> EndpointServices { get; init; } = EndpointServices ?? [];
}

/// <summary>The body of <c>POST .../vpc-endpoint-services/{service_id}/connections/action</c> (service owners).</summary>
public sealed record ConnectionActionRequest(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<string> Endpoints);

/// <summary>One connection (an endpoint as its service owner sees it).</summary>
public sealed record EndpointConnection
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("marker_id")] public long? MarkerId { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("created_at")] public string? CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public string? UpdatedAt { get; init; }
    [JsonPropertyName("domain_id")] public string? DomainId { get; init; }
}

/// <summary>The answer of the accept/reject call.</summary>
public sealed record EndpointConnectionList(
    [property: JsonPropertyName("connections")] IReadOnlyList<EndpointConnection> Connections);
