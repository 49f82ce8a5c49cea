using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.Emulator.Auth;

/// <summary>
/// Verifies <c>SDK-HMAC-SHA256</c> signatures the way Huawei's API gateway does: the canonical request
/// is rebuilt from what actually arrived (the headers the client lists, the raw path and query, the
/// body bytes) with the same <see cref="CanonicalRequest"/> the client library signs with.
/// </summary>
internal sealed class SignatureVerifier(IOptions<EmulatorOptions> options, TimeProvider time)
{
    /// <summary>Checks the request; returns null when it is authentic, else why not (for the log only).</summary>
    public async Task<string?> VerifyAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!AuthorizationHeader.TryParse(request.Headers.Authorization.ToString(), out AuthorizationHeader? header) || header is null)
        {
            return "missing or malformed Authorization header";
        }

        EmulatorOptions o = options.Value;
        EmulatorCredential? credential = o.EffectiveCredentials.FirstOrDefault(c => c.AccessKey == header.AccessKey);
        if (credential is null)
        {
            return $"unknown access key {header.AccessKey}";
        }

        var signed = header.SignedHeaders.Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        string sdkDate = request.Headers[SdkHmacSha256Signer.DateHeader].ToString();
        if (!signed.Contains("x-sdk-date") || !CanonicalRequest.TryParseSdkDate(sdkDate, out DateTimeOffset signedAt))
        {
            return "X-Sdk-Date missing, unsigned or malformed";
        }

        if ((time.GetUtcNow() - signedAt).Duration() > o.MaxClockSkew)
        {
            return $"X-Sdk-Date {sdkDate} is more than {o.MaxClockSkew} away from now";
        }

        if (!string.IsNullOrEmpty(credential.SecurityToken))
        {
            string token = request.Headers[SdkHmacSha256Signer.SecurityTokenHeader].ToString();
            if (!signed.Contains("x-security-token") || !FixedTimeEquals(token, credential.SecurityToken))
            {
                return "temporary credentials need a signed, matching X-Security-Token";
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (string name in signed)
        {
            string? value = name == "host" ? request.Host.Value : request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
            if (value is null)
            {
                return $"signed header {name} is absent";
            }

            headers.Add(new(name, value));
        }

        string payloadHash = request.Headers.TryGetValue(SdkHmacSha256Signer.ContentSha256Header, out var declared)
            ? declared.ToString()
            : await HashBodyAsync(request);

        // The path exactly as the client sent it (before ASP.NET Core decoding), without the query.
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        int queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];

        string canonical = CanonicalRequest.Build(request.Method, path, request.QueryString.Value, headers, payloadHash);
        string expected = CanonicalRequest.Signature(CanonicalRequest.StringToSign(canonical, sdkDate), credential.SecretKey);
        return FixedTimeEquals(expected, header.Signature) ? null : "signature mismatch";
    }

    /// <summary>Hashes the body and rewinds it, so the handler can still read it.</summary>
    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
