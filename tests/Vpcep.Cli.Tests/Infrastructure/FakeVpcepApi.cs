using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vpcep.Cli.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server that answers the provisioning API's routes as a test scripts them, for the routes a branch
/// does not serve yet and for answers a real host gives only in rare states (problems, outages). Records every request.
/// </summary>
internal sealed class FakeVpcepApi : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeVpcepApi(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The server's base address.</summary>
    public Uri Url { get; }

    /// <summary>Every request received: method, path and query, and the headers the CLI sends.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Starts a server whose routes <paramref name="routes"/> maps.</summary>
    public static async Task<FakeVpcepApi> StartAsync(Action<IEndpointRouteBuilder> routes)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(["--urls=http://127.0.0.1:0"]);
        WebApplication app = builder.Build();
        FakeVpcepApi? api = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            string body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            api!.Requests.Enqueue(new Received(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers["X-Api-Key"].ToString(),
                context.Request.Headers["x-functions-key"].ToString(),
                context.Request.Headers["Idempotency-Key"].ToString(),
                body));
            await next(context);
        });
        routes(app);
        Uri url = await InProcessServer.StartAsync(app);
        api = new FakeVpcepApi(app, url);
        return api;
    }

    /// <summary>A JSON answer with a status code and, optionally, <c>Retry-After</c>.</summary>
    public static IResult Json(int status, string json, int? retryAfter = null, string contentType = "application/json") => new JsonText(status, json, retryAfter, contentType);

    public async ValueTask DisposeAsync() => await InProcessServer.StopAsync(app);

    /// <summary>One request the server received.</summary>
    internal sealed record Received(string Method, string PathAndQuery, string ApiKey, string FunctionKey, string IdempotencyKey, string Body);

    private sealed class JsonText(int status, string json, int? retryAfter, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            if (retryAfter is { } seconds)
            {
                httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await httpContext.Response.WriteAsync(json);
        }
    }
}
