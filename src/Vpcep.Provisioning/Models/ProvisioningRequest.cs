using System.Text.Json.Serialization;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.Provisioning.Models;

/// <summary>
/// One request to provision a VPC endpoint: the envelope the webhook and queue messages carry around
/// the body of Huawei's <c>POST /v1/{project_id}/vpc-endpoints</c>.
/// </summary>
public sealed record ProvisioningRequest
{
    /// <summary>The Huawei Cloud project to create the endpoint in. Required.</summary>
    [JsonPropertyName("project_id")]
    public string ProjectId { get; init; } = "";

    /// <summary>The region, for example <c>cn-north-4</c>; the configured default when absent.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>Where the outcome is POSTed; the configured default when absent.</summary>
    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; init; }

    /// <summary>The create-endpoint body, exactly as Huawei's API takes it. Required.</summary>
    [JsonPropertyName("endpoint")]
    public CreateEndpointRequest Endpoint { get; init; } = new();
}
