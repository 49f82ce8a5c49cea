using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>A VPC (VPC service, <c>GET /v1/{project_id}/vpcs/{vpc_id}</c>).</summary>
public sealed record Vpc
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("cidr")] public string? Cidr { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
}

/// <summary>A subnet (VPC service, <c>GET /v1/{project_id}/subnets/{subnet_id}</c>).</summary>
public sealed record Subnet
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("vpc_id")] public string? VpcId { get; init; }
    [JsonPropertyName("cidr")] public string? Cidr { get; init; }
    [JsonPropertyName("gateway_ip")] public string? GatewayIp { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
}

/// <summary>The VPC service wraps a VPC in <c>{"vpc": ...}</c>.</summary>
public sealed record VpcEnvelope([property: JsonPropertyName("vpc")] Vpc Vpc);

/// <summary>The VPC service wraps a subnet in <c>{"subnet": ...}</c>.</summary>
public sealed record SubnetEnvelope([property: JsonPropertyName("subnet")] Subnet Subnet);
