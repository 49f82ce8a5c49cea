using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// Signs webhook deliveries as the Standard Webhooks specification (standardwebhooks.com, spec.md "Signature
/// scheme") says: the signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>, the signature is the
/// base64 HMAC-SHA256 of it under the secret's bytes, sent as <c>v1,{signature}</c>; several secrets (a rotation)
/// give several signatures separated by spaces, and the receiver accepts the delivery when any one matches.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>The prefix of a secret in the specification's form (<c>whsec_</c> followed by base64).</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The header carrying the event's id, the same on every delivery of one event.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying the delivery's time, in whole seconds since the Unix epoch.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The shortest secret the specification allows (24 bytes; it recommends 24 to 64).</summary>
    public const int MinSecretBytes = 24;

    /// <summary>The longest secret the specification allows.</summary>
    public const int MaxSecretBytes = 64;

    /// <summary>
    /// The secret's key bytes: the base64 after <see cref="SecretPrefix"/> (the prefix is optional, as receivers'
    /// libraries accept it both ways); null when it is not base64 or not 24 to 64 bytes long.
    /// </summary>
    public static byte[]? KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        string encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        byte[] buffer = new byte[(encoded.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(encoded, buffer, out int written) && written is >= MinSecretBytes and <= MaxSecretBytes
            ? buffer[..written]
            : null;
    }

    /// <summary>The <see cref="SignatureHeader"/> value for one delivery: <c>v1,...</c> for each key, space-separated.</summary>
    public static string Sign(string eventId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(keys);
        byte[] prefix = Encoding.UTF8.GetBytes(eventId + "." + timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        byte[] content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', keys.Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content))));
    }
}
