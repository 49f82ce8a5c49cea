using System.Text.Json.Nodes;

namespace Vpcep.Cli.Tests.Infrastructure;

/// <summary>The API's documents as the hosts send them (README "The HTTP contract"), for the fake server to answer.</summary>
internal static class Documents
{
    public static string Request(string instanceId, string runtimeStatus, string? result = null, string phase = "polling", string? errorCode = null) => new JsonObject
    {
        ["instance_id"] = instanceId,
        ["runtime_status"] = runtimeStatus,
        ["phase"] = phase,
        ["endpoint_id"] = "41819873-f5d3-4f99-9c8a-1d543cb2e090",
        ["endpoint_status"] = result is null ? "creating" : result,
        ["polls"] = 3,
        ["created_at"] = "2026-11-30T10:00:00+00:00",
        ["last_updated_at"] = "2026-11-30T10:00:05+00:00",
        ["outcome"] = result is null ? null : new JsonObject
        {
            ["instance_id"] = instanceId,
            ["result"] = result,
            ["project_id"] = "6e9dfd51d1124e8d8498dce894923a0d",
            ["endpoint"] = new JsonObject { ["id"] = "41819873-f5d3-4f99-9c8a-1d543cb2e090", ["status"] = result },
            ["error"] = errorCode is null ? null : new JsonObject { ["code"] = errorCode, ["message"] = "The endpoint failed." },
        },
    }.ToJsonString();

    /// <summary>A batch document; <paramref name="items"/> null leaves the member out (as <c>include_items=false</c> does).</summary>
    public static string Batch(string batchId, string runtimeStatus, int total, IReadOnlyDictionary<string, int> counts, IEnumerable<JsonObject>? items) => new JsonObject
    {
        ["batch_id"] = batchId,
        ["instance_id"] = "vpcep-batch-0123",
        ["runtime_status"] = runtimeStatus,
        ["total"] = total,
        ["completed"] = counts.Values.Sum(),
        ["counts"] = new JsonObject([.. counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
        ["created_at"] = "2026-11-30T10:00:00+00:00",
        ["last_updated_at"] = "2026-11-30T10:01:00+00:00",
    }.Also(o =>
    {
        if (items is not null)
        {
            o["items"] = new JsonArray([.. items]);
        }
    }).ToJsonString();

    public static JsonObject Item(int index, string? result, string? code = null, string? message = null) => new()
    {
        ["index"] = index,
        ["instance_id"] = $"vpcep-item{index}",
        ["status_url"] = $"http://127.0.0.1/api/vpc-endpoints/vpcep-item{index}",
        ["result"] = result,
        ["error"] = code is null ? null : new JsonObject { ["code"] = code, ["message"] = message },
    };

    public static string Problem(int status, string title, string detail, params (string Pointer, string Code, string Message)[] errors) => new JsonObject
    {
        ["type"] = "urn:vpcep-functions:problem:invalid-request",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["errors"] = errors.Length == 0 ? null : new JsonArray([.. errors.Select(e => new JsonObject { ["pointer"] = e.Pointer, ["code"] = e.Code, ["message"] = e.Message })]),
    }.ToJsonString();
}
