using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vpcep.Testing;

/// <summary>
/// A receiver's check of a Standard Webhooks delivery, written from the specification (standardwebhooks.com,
/// spec.md, "Verifying webhook authenticity") and independent of the service's signer: the secret's bytes are the
/// base64 after <c>whsec_</c>; the signed content is <c>{id}.{timestamp}.{body}</c>; the header holds space-separated
/// <c>{version},{base64}</c> pairs of which one <c>v1</c> pair must match, compared in constant time; the timestamp
/// must be within the tolerance of now (5 minutes in the spec's reference libraries) to stop replays.
/// </summary>
public static class StandardWebhooksVerifier
{
    /// <summary>The tolerance the reference libraries use.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Whether the delivery is authentic and fresh; <paramref name="why"/> says what failed.</summary>
    public static bool Verify(string secret, string? id, string? timestamp, string? signatureHeader, byte[] body, DateTimeOffset now, out string why)
    {
        if (id is null || timestamp is null || signatureHeader is null)
        {
            why = "a webhook-id, webhook-timestamp or webhook-signature header is missing";
            return false;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            why = "the timestamp is not a number of seconds";
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > DefaultTolerance)
        {
            why = "the timestamp is too far from now";
            return false;
        }

        byte[] key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        byte[] expected = HMACSHA256.HashData(key, signed);
        foreach (string pair in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" && TryBase64(parts[1], out byte[]? given)
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                why = "";
                return true;
            }
        }

        why = "no v1 signature matches";
        return false;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        bool ok = Convert.TryFromBase64String(text, bytes, out int written);
        bytes = bytes[..written];
        return ok;
    }
}
