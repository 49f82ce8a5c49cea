using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vpcep.SelfHost.StatusPage;

/// <summary>
/// The operator's status page of the self-host (<c>GET /status</c>): plain HTML, a small script and a style sheet,
/// embedded in the assembly. The page itself needs no key; its script reads the <c>/api</c> listings with the key the
/// operator types in (kept in the tab's sessionStorage, sent as <c>x-functions-key</c>), so the API's key rule holds.
/// </summary>
/// <remarks>
/// The Content-Security-Policy allows scripts, styles and requests of the page's own origin only, and no inline script
/// or style (CSP Level 3, W3C: <c>script-src 'self'</c> without <c>'unsafe-inline'</c>); the script writes every value
/// with <c>textContent</c>, never as HTML. Self-host only: the Functions app serves the API, not this page.
/// </remarks>
public static class StatusPageApi
{
    /// <summary>The page's address.</summary>
    public const string Route = "/status";

    /// <summary>The policy every file of the page is served with.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = new Dictionary<string, (byte[], string)>
    {
        [Route] = (Read("status.html"), "text/html; charset=utf-8"),
        [Route + "/status.js"] = (Read("status.js"), "text/javascript; charset=utf-8"),
        [Route + "/status.css"] = (Read("status.css"), "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The routes the page is served on (the page, its script, its style sheet).</summary>
    public static IReadOnlyCollection<string> Routes => Assets.Keys;

    /// <summary>Maps the page and its files (left out of the OpenAPI document: they are not the API).</summary>
    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder app)
    {
        foreach (string route in Assets.Keys)
        {
            app.MapGet(route, (HttpContext context) => Serve(context, route)).ExcludeFromDescription();
        }

        return app;
    }

    private static FileContentHttpResult Serve(HttpContext context, string route)
    {
        (byte[] content, string contentType) = Assets[route];
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Bytes(content, contentType);
    }

    private static byte[] Read(string name)
    {
        Assembly assembly = typeof(StatusPageApi).Assembly;
        using Stream stream = assembly.GetManifestResourceStream($"{typeof(StatusPageApi).Namespace}.{name}")
            ?? throw new InvalidOperationException($"The status page's {name} is not embedded in {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
