using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Vpcep.Api;

namespace Vpcep.SelfHost;

/// <summary>
/// Refuses <c>/api</c> calls without a configured key, with the same 401 on every path, and tells the HTTP
/// contract who is calling: a named caller's key sets its <see cref="Caller"/>; a shared key is the operator.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptionsMonitor<SelfHostOptions> options)
{
    /// <summary>The header Azure Functions reads function keys from.</summary>
    public const string KeyHeader = "x-functions-key";

    /// <summary>The caller a shared API key acts as: the operator, who reads every request.</summary>
    public const string OperatorName = "operator";

    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SelfHostOptions o = options.CurrentValue;
        if (!o.RequiresKey || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        string? presented = context.Request.Headers[KeyHeader].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        Caller? caller = presented is null ? null : Identify(o, presented);
        if (caller is not null)
        {
            context.Features.Set(caller);
            return next(context);
        }

        return Results.Problem(
            $"Send a valid API key in the {KeyHeader} header or the code query parameter.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required").ExecuteAsync(context);
    }

    private static Caller? Identify(SelfHostOptions options, string presented)
    {
        // Every key is compared, in fixed time, so the answer's timing says nothing about which key is near.
        Caller? found = null;
        foreach ((string name, CallerOptions caller) in options.Callers)
        {
            if (FixedTimeEquals(caller.Key, presented))
            {
                found = new Caller(name, caller.Projects.ToHashSet(StringComparer.Ordinal), caller.Admin);
            }
        }

        foreach (string key in options.ApiKeys)
        {
            if (FixedTimeEquals(key, presented))
            {
                found ??= new Caller(OperatorName, new HashSet<string>(StringComparer.Ordinal), IsAdmin: true);
            }
        }

        return found;
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
