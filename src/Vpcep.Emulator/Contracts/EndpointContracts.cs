using System.Text.Json;

namespace Vpcep.Emulator.Contracts;

// The emulator's own wire shapes. They are written from the API documentation on purpose,
// independently of Vpcep.HuaweiCloud.Models, so a mismatch between client and emulator shows up
// in tests instead of being shared by both. Names become snake_case through EmulatorJsonContext.

/// <summary>Body of <c>POST /v1/{project_id}/vpc-endpoints</c>.</summary>
public sealed class CreateEndpointRequest
{
    public string? EndpointServiceId { get; init; }
    public string? VpcId { get; init; }
    public string? SubnetId { get; init; }
    public bool? EnableDns { get; init; }
    public IReadOnlyList<ResourceTagBody>? Tags { get; init; }
    public IReadOnlyList<string>? Routetables { get; init; }
    public string? PortIp { get; init; }
    public IReadOnlyList<string>? Whitelist { get; init; }
    public bool? EnableWhitelist { get; init; }
    public string? Description { get; init; }
    public JsonElement? PolicyStatement { get; init; }
    public JsonElement? PolicyDocument { get; init; }
    public string? IpVersion { get; init; }
    public string? Ipv6Address { get; init; }

    /// <summary>The endpoint specification (Open Telekom Cloud's create reference, Table 2; examples show <c>default</c>).</summary>
    public string? SpecificationName { get; init; }
}

/// <summary>A resource tag, <c>{key, value}</c>.</summary>
public sealed class ResourceTagBody
{
    public string? Key { get; init; }
    public string? Value { get; init; }
}

/// <summary>An error attached to a failed endpoint.</summary>
public sealed record EndpointErrorBody(string ErrorCode, string ErrorMessage);

/// <summary>An endpoint as every endpoint operation returns it.</summary>
public sealed class EndpointBody
{
    public required string Id { get; init; }
    public required string ServiceType { get; init; }
    public required string Status { get; init; }
    /// <summary>
    /// <c>["active"]</c>: an array of strings, as the official SDKs, the Terraform provider's golangsdk and Open
    /// Telekom Cloud's reference show it (<c>tests/wire-corpus/create_endpoint</c>); the plain string
    /// <c>"active"</c> of the seed page's example with <see cref="EmulatorOptions.LegacyWireShapes"/>.
    /// </summary>
    public required JsonElement ActiveStatus { get; init; }
    public required string EndpointServiceName { get; init; }
    public long MarkerId { get; init; }
    public required string EndpointServiceId { get; init; }
    public bool EnableDns { get; init; }
    public IReadOnlyList<string>? DnsNames { get; init; }
    public string? Ip { get; init; }
    public string? SubnetId { get; init; }
    public required string VpcId { get; init; }
    public required string CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }

    /// <summary>The seed page example's spelling of <see cref="UpdatedAt"/>, used instead of it in legacy mode.</summary>
    public string? UpdateAt { get; init; }
    public required string ProjectId { get; init; }
    public IReadOnlyList<ResourceTagBody> Tags { get; init; } = [];
    public IReadOnlyList<string> Whitelist { get; init; } = [];
    public bool EnableWhitelist { get; init; }
    public IReadOnlyList<string>? Routetables { get; init; }
    public string EnableStatus { get; init; } = "enable";
    public string? Description { get; init; }
    public IReadOnlyList<EndpointErrorBody>? Error { get; init; }
    public JsonElement? PolicyStatement { get; init; }
    public JsonElement? PolicyDocument { get; init; }
    public string? IpVersion { get; init; }
    public string? Ipv6Address { get; init; }
    public string? SpecificationName { get; init; }
}

/// <summary>A page of endpoints; <c>total_count</c> ignores paging.</summary>
public sealed record EndpointListBody(IReadOnlyList<EndpointBody> Endpoints, int TotalCount);

/// <summary>Body of <c>PUT /v1/{project_id}/vpc-endpoints/{id}</c> (whitelist update).</summary>
public sealed class UpdateWhitelistRequest
{
    public IReadOnlyList<string>? Whitelist { get; init; }
    public bool? EnableWhitelist { get; init; }
}

/// <summary>Body of <c>PUT .../vpc-endpoints/{id}/policy</c>.</summary>
public sealed class UpdatePolicyRequest
{
    public JsonElement? PolicyStatement { get; init; }
    public JsonElement? PolicyDocument { get; init; }
}

/// <summary>Body of <c>PUT .../vpc-endpoints/{id}/routetables</c>.</summary>
public sealed class UpdateRouteTablesRequest
{
    public IReadOnlyList<string>? Routetables { get; init; }
}
