using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// Logs the callback client's requests in place of HttpClientFactory's default loggers, which write the request URI
/// with its user information: only the redacted target (<see cref="CallbackUrls.Redacted"/>) is logged.
/// </summary>
internal sealed class CallbackHttpLogger(ILogger<CallbackHttpLogger> logger) : IHttpClientLogger
{
    /// <inheritdoc/>
    public object? LogRequestStart(HttpRequestMessage request) => null;

    /// <inheritdoc/>
    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        logger.CallbackAnswered(Target(request), (int)response.StatusCode, elapsed.TotalMilliseconds);
    }

    /// <inheritdoc/>
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(exception);
        logger.CallbackFailed(Target(request), exception.Message, elapsed.TotalMilliseconds);
    }

    private static string Target(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } url ? CallbackUrls.Redacted(url.OriginalString) : "(no URL)";
}
