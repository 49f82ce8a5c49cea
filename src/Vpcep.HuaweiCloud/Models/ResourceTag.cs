using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>A resource tag.</summary>
public sealed record ResourceTag(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("value")] string? Value);
