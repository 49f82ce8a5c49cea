using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>
/// Every error body shape Huawei's services and gateway send (samples in <c>tests/wire-corpus/error</c>):
/// <list type="bullet">
/// <item>VPCEP and the API gateway: <c>{"error_code", "error_msg", "request_id"}</c> (codes <c>EndPoint.*</c>, <c>APIG.*</c>);</item>
/// <item>the VPC API: <c>{"code", "message"}</c> at the top level;</item>
/// <item>older pages and some services: the same fields nested, <c>{"error": {"code", "message"}}</c> or
/// <c>{"error": {"error_code", "error_msg"}}</c>.</item>
/// </list>
/// The official SDKs' error readers look at the same keys; whichever is present wins, top level first.
/// </summary>
public sealed record HuaweiErrorBody
{
    [JsonPropertyName("error_code")] public string? ErrorCode { get; init; }
    [JsonPropertyName("error_msg")] public string? ErrorMsg { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("request_id")] public string? RequestId { get; init; }
    [JsonPropertyName("error")] public NestedError? Error { get; init; }

    /// <summary>The code, whichever shape carried it.</summary>
    [JsonIgnore] public string? EffectiveCode => First(ErrorCode, Code, Error?.ErrorCode, Error?.Code);

    /// <summary>The message, whichever shape carried it.</summary>
    [JsonIgnore] public string? EffectiveMessage => First(ErrorMsg, Message, Error?.ErrorMsg, Error?.Message);

    /// <summary>The request id, whichever shape carried it.</summary>
    [JsonIgnore] public string? EffectiveRequestId => First(RequestId, Error?.RequestId);

    private static string? First(params ReadOnlySpan<string?> values)
    {
        foreach (string? value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The nested shape, <c>{"error": {...}}</c>.</summary>
    public sealed record NestedError
    {
        [JsonPropertyName("code")] public string? Code { get; init; }
        [JsonPropertyName("message")] public string? Message { get; init; }
        [JsonPropertyName("error_code")] public string? ErrorCode { get; init; }
        [JsonPropertyName("error_msg")] public string? ErrorMsg { get; init; }
        [JsonPropertyName("request_id")] public string? RequestId { get; init; }
    }
}
