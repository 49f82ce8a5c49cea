using Microsoft.AspNetCore.Http;
using Vpcep.Api;

namespace Vpcep.Functions.Functions;

/// <summary>
/// Lets the status URLs the API returns carry the function key the request came with, as Durable Functions' own
/// <c>statusQueryGetUri</c> carries <c>code</c> ("HTTP API reference",
/// https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api): a client follows the
/// <c>status_url</c> or <c>Location</c> it got without holding the key apart. The Functions host has checked the key
/// before the worker sees the request; the key goes into those URLs only, never into a log.
/// </summary>
internal static class FunctionKeys
{
    /// <summary>The header Azure Functions reads a function key from.</summary>
    public const string Header = "x-functions-key";

    /// <summary>Marks the request's status URLs to carry its key (the header's, else the <c>code</c> parameter's), if it has one.</summary>
    public static HttpRequest CarryInStatusUrls(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? key = request.Headers[Header].FirstOrDefault() is { Length: > 0 } header
            ? header
            : request.Query[StatusUrls.CodeParameter].FirstOrDefault();
        if (!string.IsNullOrEmpty(key))
        {
            request.HttpContext.Features.Set(new StatusUrlKey(key));
        }

        return request;
    }
}
