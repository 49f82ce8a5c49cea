using Microsoft.Extensions.Options;
using Vpcep.Emulator.Api;

namespace Vpcep.Emulator.Auth;

/// <summary>
/// Guards the cloud API (<c>/v1</c>, <c>/v2</c>) like Huawei's API gateway: a valid AK/SK signature, or,
/// when enabled, an <c>X-Auth-Token</c>. The admin API (<c>/_emulator</c>) needs neither.
/// </summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, SignatureVerifier verifier, IOptions<EmulatorOptions> options, ILogger<AuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        PathString path = context.Request.Path;
        if (!path.StartsWithSegments("/v1", StringComparison.Ordinal) && !path.StartsWithSegments("/v2", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (context.Request.Headers.Authorization.Count == 0 && context.Request.Headers.TryGetValue("X-Auth-Token", out var token))
        {
            EmulatorOptions o = options.Value;
            bool tokenOk = o.AcceptAuthToken && !string.IsNullOrWhiteSpace(token) && (o.AuthTokens.Count == 0 || o.AuthTokens.Contains(token.ToString()));
            if (!tokenOk)
            {
                logger.AuthenticationRejected(context.Request.Method, path.Value ?? "", "X-Auth-Token not accepted");
                throw Errors.TokenRejected();
            }

            await next(context);
            return;
        }

        string? failure = await verifier.VerifyAsync(context);
        if (failure is not null)
        {
            logger.AuthenticationRejected(context.Request.Method, path.Value ?? "", failure);
            throw Errors.SignatureRejected();
        }

        await next(context);
    }
}
