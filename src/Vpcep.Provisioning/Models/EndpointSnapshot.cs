using System.Text.Json.Serialization;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.Provisioning.Models;

/// <summary>What the workflow knows of an endpoint at one moment.</summary>
public sealed record EndpointSnapshot
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("service_type")] public string? ServiceType { get; init; }
    [JsonPropertyName("endpoint_service_id")] public string? EndpointServiceId { get; init; }
    [JsonPropertyName("endpoint_service_name")] public string? EndpointServiceName { get; init; }
    [JsonPropertyName("vpc_id")] public string? VpcId { get; init; }
    [JsonPropertyName("marker_id")] public long? MarkerId { get; init; }
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("dns_names")] public IReadOnlyList<string>? DnsNames { get; init; }
    [JsonPropertyName("error")] public IReadOnlyList<EndpointError>? Error { get; init; }

    /// <summary>Takes the fields the workflow reports from the API's endpoint.</summary>
    public static EndpointSnapshot From(VpcEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new EndpointSnapshot
        {
            Id = endpoint.Id,
            Status = endpoint.Status,
            ServiceType = endpoint.ServiceType,
            EndpointServiceId = endpoint.EndpointServiceId,
            EndpointServiceName = endpoint.EndpointServiceName,
            VpcId = endpoint.VpcId,
            MarkerId = endpoint.MarkerId,
            Ip = endpoint.Ip,
            DnsNames = endpoint.DnsNames,
            Error = endpoint.Error,
        };
    }
}
