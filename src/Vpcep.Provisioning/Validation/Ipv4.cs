using System.Globalization;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Strict IPv4 parsing and CIDR arithmetic. Strict means dotted-quad only: exactly four decimal
/// parts of 0-255 without leading zeros, so the forms <see cref="System.Net.IPAddress.TryParse(string, out System.Net.IPAddress)"/>
/// also accepts ("10.1", "0x0a.0.0.1", "010.0.0.1") are rejected: they name different addresses in
/// different parsers (010 is 8 or 10). Whether Huawei's API accepts them is unverified.
/// </summary>
internal static class Ipv4
{
    /// <summary>Parses a dotted-quad IPv4 address into its 32-bit value.</summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        for (int part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (text.IsEmpty || text[0] != '.')
                {
                    return false;
                }

                text = text[1..];
            }

            int digits = 0;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits is 0 or > 3 || (digits > 1 && text[0] == '0'))
            {
                return false;
            }

            int value = int.Parse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            if (value > 255)
            {
                return false;
            }

            address = (address << 8) | (uint)value;
            text = text[digits..];
        }

        return text.IsEmpty;
    }

    /// <summary>Formats a 32-bit value as a dotted quad.</summary>
    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
}

/// <summary>An IPv4 CIDR block: an address and a prefix length of 0-32.</summary>
/// <param name="Address">The address as written (host bits may be set; see <see cref="IsCanonical"/>).</param>
/// <param name="PrefixLength">The number of network bits, 0-32.</param>
internal readonly record struct Ipv4Cidr(uint Address, int PrefixLength)
{
    /// <summary>Gets the network mask.</summary>
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Gets the network address (the first address of the block).</summary>
    public uint Network => Address & Mask;

    /// <summary>Gets the broadcast address (the last address of the block).</summary>
    public uint Broadcast => Network | ~Mask;

    /// <summary>Gets a value indicating whether no host bits are set, so the text names the block exactly.</summary>
    public bool IsCanonical => Address == Network;

    /// <summary>Parses <c>a.b.c.d/n</c>; the prefix is 0-32 in decimal without sign or leading zeros.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Cidr cidr)
    {
        cidr = default;
        int slash = text.IndexOf('/');
        if (slash < 0 || !Ipv4.TryParseAddress(text[..slash], out uint address))
        {
            return false;
        }

        ReadOnlySpan<char> prefix = text[(slash + 1)..];
        if (prefix.IsEmpty || prefix.Length > 2 || (prefix.Length > 1 && prefix[0] == '0'))
        {
            return false;
        }

        foreach (char c in prefix)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        int length = int.Parse(prefix, NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > 32)
        {
            return false;
        }

        cidr = new Ipv4Cidr(address, length);
        return true;
    }

    /// <summary>Whether <paramref name="address"/> lies in this block.</summary>
    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>Whether this block and <paramref name="other"/> share at least one address.</summary>
    public bool Overlaps(Ipv4Cidr other)
    {
        // Two CIDR blocks overlap exactly when they agree on the shorter prefix.
        uint mask = PrefixLength <= other.PrefixLength ? Mask : other.Mask;
        return (Address & mask) == (other.Address & mask);
    }

    /// <summary>The canonical text of the block, for example <c>192.168.0.0/24</c>.</summary>
    public override string ToString() =>
        Ipv4.Format(Network) + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
}
