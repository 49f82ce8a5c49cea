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
    [JsonPropertyName("is_charge")] public bool? IsCharge { get; init; }
    [JsonPropertyName("enable_policy")] public bool? EnablePolicy { get; init; }
}

/// <summary>Endpoint service types.</summary>
public static class EndpointServiceType
{
    public const string Interface = "interface";
    public const string Gateway = "gateway";
}
