using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning;

namespace Vpcep.Api;

/// <summary>
/// The function key a host wants its status URLs to carry, set on the request's features (the Functions app sets it
/// when a request came with a key; the self-host never does, so its URLs stay clean). The key is a secret: it is
/// written into the URLs the caller gets back and nowhere else (never logged).
/// </summary>
/// <param name="Code">The key, as the caller presented it.</param>
public sealed record StatusUrlKey(string Code)
{
    /// <summary>The key's value is never shown, so a record printed in a log or a debugger does not leak it.</summary>
    public override string ToString() => "StatusUrlKey { Code = *** }";
}

/// <summary>
/// The asynchronous request-reply contract of the status routes: absolute status URLs (with the function key when the
/// host asked for one), whether an instance has ended, and how long a poller should wait.
/// </summary>
/// <remarks>
/// The pattern: Azure Architecture Center, "Asynchronous Request-Reply pattern"
/// (https://learn.microsoft.com/azure/architecture/patterns/async-request-reply): the status endpoint answers 202 with
/// <c>Location</c> and <c>Retry-After</c> while the work runs, and the result when it has ended. Durable Functions' own
/// "HTTP API reference" (https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api) answers its
/// status query the same way (202 while Pending or Running, 200 once Completed, Failed or Terminated) and puts the
/// <c>code</c> of a function key in its <c>statusQueryGetUri</c>, <c>terminatePostUri</c> and <c>purgeHistoryDeleteUri</c>
/// so a client can follow them without holding the key apart.
/// </remarks>
public static class StatusUrls
{
    /// <summary>The query parameter Azure Functions reads a function key from.</summary>
    public const string CodeParameter = "code";

    /// <summary>The absolute URL of <paramref name="path"/> (already escaped) as seen by the caller of <paramref name="request"/>,
    /// with <c>?code=</c> when the host set a <see cref="StatusUrlKey"/>.</summary>
    public static string For(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        string url = $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
        return request.HttpContext.Features.Get<StatusUrlKey>() is { Code.Length: > 0 } key
            ? $"{url}?{CodeParameter}={Uri.EscapeDataString(key.Code)}"
            : url;
    }

    /// <summary>Whether an instance has ended (Completed, Failed or Terminated): its status answers 200, otherwise 202.</summary>
    public static bool HasEnded(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>
    /// Seconds a poller should wait before asking again (RFC 9110, section 10.2.3 "Retry-After": a delay in whole
    /// seconds): the workflow's own status poll interval (<c>Provisioning:PollInterval</c>), rounded up, at least 1.
    /// Asking more often than the workflow looks at the endpoint cannot learn anything sooner.
    /// </summary>
    public static int RetryAfterSeconds(IOptionsMonitor<ProvisioningOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double seconds = Math.Ceiling(options.CurrentValue.PollInterval.TotalSeconds);
        return seconds < 1 ? 1 : seconds > 3600 ? 3600 : (int)seconds;
    }

    /// <summary>
    /// Marks an answer about an instance that has not ended: 202 instead of 200 (the body stays the same document), with
    /// <c>Location</c> (the same status URL, RFC 9110 section 10.2.2) and <c>Retry-After</c>.
    /// </summary>
    internal static int StillRunning(HttpContext context, string statusUrl, IOptionsMonitor<ProvisioningOptions> options)
    {
        context.Response.Headers.Location = statusUrl;
        context.Response.Headers.RetryAfter = RetryAfterSeconds(options).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return StatusCodes.Status202Accepted;
    }
}
