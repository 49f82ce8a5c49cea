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

    /// <summary>How the outcome is delivered; the configured channels when absent.</summary>
    [JsonPropertyName("notify")]
    public NotifyRequest? Notify { get; init; }

    /// <summary>The create-endpoint body, exactly as Huawei's API takes it. Required.</summary>
    [JsonPropertyName("endpoint")]
    public CreateEndpointRequest Endpoint { get; init; } = new();
}

/// <summary>
/// The request's choice of notification channels (<c>webhook</c>, <c>queue</c>, <c>smn</c>), the SMN topic, and
/// whether an endpoint left waiting for the service owner's approval is followed to a second notification.
/// </summary>
public sealed record NotifyRequest
{
    /// <summary>The channels; the configured default when absent.</summary>
    [JsonPropertyName("channels")]
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>The SMN topic (<c>urn:smn:{region}:{project_id}:{name}</c>); the configured one when absent.</summary>
    [JsonPropertyName("smn_topic_urn")]
    public string? SmnTopicUrn { get; init; }

    /// <summary>Whether a <c>pending_acceptance</c> outcome is followed to a second notification; the configured default when absent.</summary>
    [JsonPropertyName("follow_pending_acceptance")]
    public bool? FollowPendingAcceptance { get; init; }
}
