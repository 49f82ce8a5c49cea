using System.Diagnostics;
using Vpcep.Emulator.Api;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Hosting;

/// <summary>
/// The outermost emulator middleware: gives every request an id (the <c>X-Request-Id</c> header and the
/// error bodies' <c>request_id</c>), counts it per operation, turns <see cref="HuaweiApiException"/> into
/// error bodies, and logs one line per request.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, RequestCounter counter, ILogger<RequestContextMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp();
        string requestId = Guid.NewGuid().ToString("N");
        RequestContext.SetRequestId(context, requestId);
        context.Response.Headers[RequestContext.RequestIdHeader] = requestId;
        if (RequestContext.GetOperation(context) is { } operation)
        {
            counter.Increment(operation);
        }

        try
        {
            await next(context);
        }
        catch (HuaweiApiException error) when (!context.Response.HasStarted)
        {
            await ErrorWriter.WriteAsync(context, error);
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.UnhandledError(error, context.Request.Method, context.Request.Path.Value ?? "");
            await ErrorWriter.WriteAsync(context, Errors.SystemError());
        }
        finally
        {
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            logger.RequestCompleted(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.RequestAborted.IsCancellationRequested ? "aborted" : context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                elapsedMs,
                RequestContext.GetErrorCode(context) ?? "");
        }
    }
}
