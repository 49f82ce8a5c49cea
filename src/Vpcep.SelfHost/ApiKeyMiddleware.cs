using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Vpcep.SelfHost;

/// <summary>Refuses <c>/api</c> calls without a configured key, with the same 401 on every path.</summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptionsMonitor<SelfHostOptions> options)
{
    /// <summary>The header Azure Functions reads function keys from.</summary>
    public const string KeyHeader = "x-functions-key";

    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IList<string> keys = options.CurrentValue.ApiKeys;
        if (keys.Count == 0 || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        string? presented = context.Request.Headers[KeyHeader].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        if (presented is not null && keys.Any(k => FixedTimeEquals(k, presented)))
        {
            return next(context);
        }

        return Results.Problem(
            $"Send a valid API key in the {KeyHeader} header or the code query parameter.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required").ExecuteAsync(context);
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
