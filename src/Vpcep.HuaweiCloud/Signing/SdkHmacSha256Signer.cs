using System.Net.Http.Headers;

namespace Vpcep.HuaweiCloud.Signing;

/// <summary>
/// Signs HTTP requests with Huawei Cloud's AK/SK scheme (<c>SDK-HMAC-SHA256</c>).
/// </summary>
public static class SdkHmacSha256Signer
{
    /// <summary>The algorithm name in the string to sign and the <c>Authorization</c> header.</summary>
    public const string Algorithm = "SDK-HMAC-SHA256";

    /// <summary>The request time header.</summary>
    public const string DateHeader = "X-Sdk-Date";

    /// <summary>The header that, when present, replaces the body hash (for example <c>UNSIGNED-PAYLOAD</c>).</summary>
    public const string ContentSha256Header = "X-Sdk-Content-Sha256";

    /// <summary>The header carrying the token of temporary credentials.</summary>
    public const string SecurityTokenHeader = "X-Security-Token";

    /// <summary>
    /// Computes the <c>Authorization</c> header value for a request described by its parts.
    /// Every header given is signed, except those whose name contains <c>_</c> (as the official SDKs do).
    /// </summary>
    public static string Authorize(
        string method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        HuaweiCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(credentials);
        var signed = headers.Where(h => !h.Key.Contains('_', StringComparison.Ordinal)).ToList();
        string sdkDate = signed.FirstOrDefault(h => h.Key.Equals(DateHeader, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new ArgumentException($"The {DateHeader} header is required.", nameof(headers));
        string? contentSha = signed.FirstOrDefault(h => h.Key.Equals(ContentSha256Header, StringComparison.OrdinalIgnoreCase)).Value;
        string payloadHash = contentSha ?? CanonicalRequest.HexSha256(body);
        string canonical = CanonicalRequest.Build(method, uri.AbsolutePath, uri.Query, signed, payloadHash);
        string signature = CanonicalRequest.Signature(CanonicalRequest.StringToSign(canonical, sdkDate), credentials.SecretKey);
        string signedList = CanonicalRequest.SignedHeaderList(signed.Select(h => h.Key));
        return $"{Algorithm} Access={credentials.AccessKey}, SignedHeaders={signedList}, Signature={signature}";
    }

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets <c>X-Sdk-Date</c> (and <c>X-Security-Token</c> for
    /// temporary credentials) and the <c>Authorization</c> header. <c>Host</c>, every request header and
    /// <c>Content-Type</c> are signed; the body is read as the exact bytes that will be sent.
    /// </summary>
    public static async Task SignAsync(
        HttpRequestMessage request, HuaweiCredentials credentials, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        Uri uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        request.Headers.Remove(DateHeader);
        request.Headers.TryAddWithoutValidation(DateHeader, CanonicalRequest.FormatSdkDate(now));
        if (credentials.IsTemporary)
        {
            request.Headers.Remove(SecurityTokenHeader);
            request.Headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.SecurityToken);
        }

        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", request.Headers.Host ?? uri.Authority),
        };
        headers.AddRange(request.Headers
            .Where(h => !h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value))));
        MediaTypeHeaderValue? contentType = request.Content?.Headers.ContentType;
        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType.ToString()));
        }

        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", Authorize(request.Method.Method, uri, headers, body, credentials));
    }
}
