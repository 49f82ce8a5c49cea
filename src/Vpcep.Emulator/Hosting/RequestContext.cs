namespace Vpcep.Emulator.Hosting;

/// <summary>Per-request values the middlewares share through <see cref="HttpContext.Items"/>.</summary>
internal static class RequestContext
{
    private const string RequestIdKey = "emulator.request_id";
    private const string ErrorCodeKey = "emulator.error_code";

    public const string RequestIdHeader = "X-Request-Id";

    public static string GetRequestId(HttpContext context) =>
        context.Items.TryGetValue(RequestIdKey, out object? id) && id is string s ? s : "";

    public static void SetRequestId(HttpContext context, string requestId) => context.Items[RequestIdKey] = requestId;

    public static string? GetErrorCode(HttpContext context) =>
        context.Items.TryGetValue(ErrorCodeKey, out object? code) ? code as string : null;

    public static void SetErrorCode(HttpContext context, string code) => context.Items[ErrorCodeKey] = code;

    /// <summary>The operation name (<c>CreateEndpoint</c>, ...) of the matched route, or null for admin and unknown routes.</summary>
    public static string? GetOperation(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
}
