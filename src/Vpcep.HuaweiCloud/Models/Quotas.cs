using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>One quota line: how many of <see cref="Type"/> exist and how many may.</summary>
public sealed record QuotaResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("used")] int Used,
    [property: JsonPropertyName("quota")] int Quota);

/// <summary>The inner object of the quota answer.</summary>
public sealed record QuotaSet(IReadOnlyList<QuotaResource>? Resources)
{
    /// <summary>The quota lines; empty when the answer has none.</summary>
    [JsonPropertyName("resources")] public IReadOnlyList<QuotaResource> Resources { get; init; } = Resources ?? [];
}

/// <summary>The answer of <c>GET /v1/{project_id}/quotas</c>: <c>{"quotas":{"resources":[...]}}</c>.</summary>
public sealed record QuotaEnvelope(
    [property: JsonPropertyName("quotas")] QuotaSet Quotas);
