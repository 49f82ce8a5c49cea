using System.Text;

namespace Vpcep.HuaweiCloud.Signing;

/// <summary>
/// The percent-encoding the SDK-HMAC-SHA256 canonical request uses: unreserved characters
/// (<c>A-Z a-z 0-9 - _ . ~</c>) stay, every other UTF-8 byte becomes <c>%XX</c> in upper-case hex.
/// </summary>
public static class SignatureEncoding
{
    /// <summary>Encodes <paramref name="value"/> for a canonical path segment, query key or query value.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a percent-encoded URI component; <c>+</c> is left as it is (it is not a space in a path).</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value);

    private const string HexUpper = "0123456789ABCDEF";

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z'
            or >= (byte)'a' and <= (byte)'z'
            or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
