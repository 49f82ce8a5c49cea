using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>The body of <c>POST /v1/{project_id}/vpc-endpoints</c>.</summary>
/// <remarks>
/// Members this model does not name are kept in <see cref="AdditionalProperties"/> and written back out
/// after the named ones, so a field Huawei adds later reaches the service unchanged (and survives a
/// round trip through any System.Text.Json serializer, source-generated or not).
/// </remarks>
public sealed record CreateEndpointRequest
{
    /// <summary>The endpoint service to connect to (UUID). Required.</summary>
    [JsonPropertyName("endpoint_service_id")]
    public string? EndpointServiceId { get; init; }

    /// <summary>The VPC the endpoint is created in (UUID). Required.</summary>
    [JsonPropertyName("vpc_id")]
    public string? VpcId { get; init; }

    /// <summary>The subnet of <see cref="VpcId"/> (UUID). Required for interface services.</summary>
    [JsonPropertyName("subnet_id")]
    public string? SubnetId { get; init; }

    /// <summary>Whether to create a private domain name (interface services only).</summary>
    [JsonPropertyName("enable_dns")]
    public bool? EnableDns { get; init; }

    /// <summary>Resource tags, at most 10 by the seed's rules.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<ResourceTag>? Tags { get; init; }

    /// <summary>Route table ids (gateway services only).</summary>
    [JsonPropertyName("routetables")]
    public IReadOnlyList<string>? RouteTables { get; init; }

    /// <summary>The IPv4 address the endpoint takes in the subnet (interface services only).</summary>
    [JsonPropertyName("port_ip")]
    public string? PortIp { get; init; }

    /// <summary>IPv4 addresses or CIDR blocks allowed to use the endpoint (interface services only).</summary>
    [JsonPropertyName("whitelist")]
    public IReadOnlyList<string>? Whitelist { get; init; }

    /// <summary>Whether the whitelist is enforced.</summary>
    [JsonPropertyName("enable_whitelist")]
    public bool? EnableWhitelist { get; init; }

    /// <summary>A description: no <c>&lt;</c> or <c>&gt;</c>, at most 128 characters.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Policy statements (gateway endpoints of OBS/SFS).</summary>
    [JsonPropertyName("policy_statement")]
    public JsonElement? PolicyStatement { get; init; }

    /// <summary>A policy document (interface services with policies enabled).</summary>
    [JsonPropertyName("policy_document")]
    public JsonElement? PolicyDocument { get; init; }

    /// <summary><c>ipv4</c> or <c>dualstack</c>.</summary>
    [JsonPropertyName("ip_version")]
    public string? IpVersion { get; init; }

    /// <summary>The IPv6 address of a dual-stack endpoint.</summary>
    [JsonPropertyName("ipv6_address")]
    public string? Ipv6Address { get; init; }

    /// <summary>
    /// The name of the endpoint's specification. Open Telekom Cloud's VPCEP API reference (Creating a VPC
    /// Endpoint, Table 2) lists it as an optional request string; its examples show <c>default</c>. Huawei's
    /// SDKs (vpcep v1) know it only in responses.
    /// </summary>
    [JsonPropertyName("specification_name")]
    public string? SpecificationName { get; init; }

    /// <summary>
    /// Members of the body this model does not name, passed to the service as they came. Must not repeat a
    /// named member. Null when there are none.
    /// </summary>
    /// <remarks>
    /// A settable property, not <c>init</c>: System.Text.Json's source generator sets init-only members
    /// through the object initializer, which extension data cannot take part in.
    /// </remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
