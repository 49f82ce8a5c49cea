using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vpcep.HuaweiCloud.Signing;

/// <summary>
/// Builds the canonical request of Huawei Cloud's <c>SDK-HMAC-SHA256</c> scheme. Signer and verifier
/// (the emulator) both use this type, so there is one definition of the canonical form.
/// </summary>
public static class CanonicalRequest
{
    /// <summary>SHA-256 of the empty body, as lower-case hex.</summary>
    public const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Builds the six-line canonical request.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path as sent (percent-encoded or not; it is decoded, then re-encoded).</param>
    /// <param name="query">The raw query string, with or without the leading <c>?</c>.</param>
    /// <param name="signedHeaders">The headers to sign, name to value; names are compared case-insensitively.</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body, or the value of <c>X-Sdk-Content-Sha256</c>.</param>
    public static string Build(
        string method,
        string path,
        string? query,
        IEnumerable<KeyValuePair<string, string>> signedHeaders,
        string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        SortedDictionary<string, string> headers = NormalizeHeaders(signedHeaders);
        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(path)).Append('\n');
        builder.Append(CanonicalQuery(query)).Append('\n');
        foreach ((string name, string value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n');
        builder.Append(SignedHeaderList(headers.Keys)).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The canonical URI: each segment decoded then encoded, always ending in <c>/</c>.</summary>
    public static string CanonicalUri(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        string[] segments = path.Split('/');
        string joined = string.Join('/', segments.Select(s => SignatureEncoding.Encode(SignatureEncoding.Decode(s))));
        return joined.EndsWith('/') ? joined : joined + "/";
    }

    /// <summary>The canonical query: keys in byte order, each key's values sorted, <c>enc(k)=enc(v)</c> joined by <c>&amp;</c>.</summary>
    public static string CanonicalQuery(string? query) => CanonicalQuery(ParseQuery(query));

    /// <summary>The canonical query for already-decoded parameters.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        IEnumerable<string> parts = parameters
            .Select(p => (Key: SignatureEncoding.Encode(p.Key), Value: SignatureEncoding.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        return string.Join('&', parts);
    }

    /// <summary>Splits a raw query string into decoded key/value pairs, keeping repeated keys.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return [];
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            result.Add(new(SignatureEncoding.Decode(key), SignatureEncoding.Decode(value)));
        }

        return result;
    }

    /// <summary>The <c>SignedHeaders</c> list: lower-case names, sorted, joined by <c>;</c>.</summary>
    public static string SignedHeaderList(IEnumerable<string> names) =>
        string.Join(';', names.Select(n => n.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));

    /// <summary>The string to sign for a canonical request and an <c>X-Sdk-Date</c> value.</summary>
    public static string StringToSign(string canonicalRequest, string sdkDate) =>
        $"{SdkHmacSha256Signer.Algorithm}\n{sdkDate}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> keyed with the UTF-8 bytes of the secret key.</summary>
    public static string Signature(string stringToSign, string secretKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string HexSha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Formats a time as an <c>X-Sdk-Date</c> value (<c>yyyyMMddTHHmmssZ</c>, UTC).</summary>
    public static string FormatSdkDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses an <c>X-Sdk-Date</c> value.</summary>
    public static bool TryParseSdkDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static SortedDictionary<string, string> NormalizeHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in headers)
        {
            result[name.Trim().ToLowerInvariant()] = value.Trim();
        }

        return result;
    }
}
