using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Vpcep.Testing;

/// <summary>An in-memory HTTP exchange: a request to hand to a handler, and the response an <see cref="IResult"/> writes.</summary>
public sealed class HttpExchange : IDisposable
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly MemoryStream responseBody = new();

    public HttpExchange(string method = "POST", string? body = null, string? idempotencyKey = null)
    {
        Context = new DefaultHttpContext { RequestServices = Services };
        Context.Request.Method = method;
        Context.Request.Scheme = "https";
        Context.Request.Host = new HostString("provisioning.example.test");
        Context.Request.PathBase = "/tenant-a";
        Context.Request.Path = "/api/vpc-endpoints";
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            Context.Request.Body = new MemoryStream(bytes);
            Context.Request.ContentLength = bytes.Length;
            Context.Request.ContentType = "application/json";
        }

        if (idempotencyKey is not null)
        {
            Context.Request.Headers["Idempotency-Key"] = idempotencyKey;
        }

        Context.Response.Body = responseBody;
    }

    public DefaultHttpContext Context { get; }

    public HttpRequest Request => Context.Request;

    public int StatusCode => Context.Response.StatusCode;

    public string? ContentType => Context.Response.ContentType;

    public string? Location => Context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;

    public string ResponseText => Encoding.UTF8.GetString(responseBody.ToArray());

    public async Task ExecuteAsync(IResult result) => await result.ExecuteAsync(Context);

    public JsonDocument ResponseJson() => JsonDocument.Parse(responseBody.ToArray());

    public void Dispose()
    {
        Context.Request.Body.Dispose();
        responseBody.Dispose();
    }
}
