using System.Globalization;

namespace Vpcep.Emulator.State;

/// <summary>
/// Strict dotted-quad IPv4 parsing and CIDR arithmetic. <see cref="System.Net.IPAddress.TryParse(string, out System.Net.IPAddress)"/>
/// is too lenient for validation (it accepts "1" as 0.0.0.1), so the emulator parses by hand.
/// </summary>
internal static class Ipv4
{
    public static bool TryParse(string? text, out uint address)
    {
        address = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string[] parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out byte octet))
            {
                return false;
            }

            address = (address << 8) | octet;
        }

        return true;
    }

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
}

/// <summary>An IPv4 CIDR block.</summary>
internal readonly record struct Cidr(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public uint Broadcast => Network | ~Mask;

    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = default;
        if (text is null)
        {
            return false;
        }

        string[] parts = text.Split('/');
        if (parts.Length != 2 || !Ipv4.TryParse(parts[0], out uint address)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) || prefix > 32)
        {
            return false;
        }

        uint mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        cidr = new Cidr(address & mask, prefix);
        return true;
    }

    public bool Contains(uint address) => (address & Mask) == Network;

    public bool Overlaps(Cidr other) => Contains(other.Network) || other.Contains(Network);
}
