using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>
/// Huawei's error body: <c>{"error_code","error_msg","request_id"}</c>, or the older
/// <c>{"error":{"code","message"}}</c>.
/// </summary>
public sealed record HuaweiErrorBody
{
    [JsonPropertyName("error_code")] public string? ErrorCode { get; init; }
    [JsonPropertyName("error_msg")] public string? ErrorMsg { get; init; }
    [JsonPropertyName("request_id")] public string? RequestId { get; init; }
    [JsonPropertyName("error")] public LegacyError? Error { get; init; }

    /// <summary>The older nested shape.</summary>
    public sealed record LegacyError(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("message")] string? Message);
}
