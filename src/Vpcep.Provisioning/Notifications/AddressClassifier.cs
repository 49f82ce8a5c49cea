using System.Net;
using System.Net.Sockets;

namespace Vpcep.Provisioning.Notifications;

/// <summary>What kind of address a callback would reach; everything but <see cref="Public"/> is refused.</summary>
public enum AddressKind
{
    /// <summary>An ordinary, globally reachable unicast address.</summary>
    Public,

    /// <summary>0.0.0.0/8 ("this network") or <c>::</c>.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8 or <c>::1</c>.</summary>
    Loopback,

    /// <summary>169.254.0.0/16 (where cloud metadata services answer) or fe80::/10.</summary>
    LinkLocal,

    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7 (unique local) or fec0::/10 (deprecated site-local).</summary>
    Private,

    /// <summary>100.64.0.0/10, the carrier-grade NAT space.</summary>
    SharedAddressSpace,

    /// <summary>224.0.0.0/4 or ff00::/8.</summary>
    Multicast,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>The documentation blocks (TEST-NET-1/2/3, 2001:db8::/32, 3fff::/20).</summary>
    Documentation,

    /// <summary>198.18.0.0/15 (benchmarking).</summary>
    Benchmarking,

    /// <summary>Another block of the IANA special-purpose address registries (protocol assignments, AS112, AMT, translation).</summary>
    SpecialPurpose,

    /// <summary>Space reserved by the IETF: 240.0.0.0/4, IPv6 outside 2000::/3, the deprecated IPv4-compatible form.</summary>
    Reserved,
}

/// <summary>The verdict of <see cref="AddressClassifier.Classify"/> on one address.</summary>
/// <param name="Address">The address classified.</param>
/// <param name="Kind">What it reaches; <see cref="AddressKind.Public"/> only for an ordinary global address.</param>
/// <param name="Block">The block that decided it, for example <c>10.0.0.0/8</c>; null for a public address.</param>
/// <param name="Source">The document that defines the block, for example <c>RFC 1918</c>; null for a public address.</param>
/// <param name="Embedded">
/// For an IPv6 address that carries an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) and was judged by it:
/// the form and the IPv4 address, for example <c>IPv4-mapped (::ffff:0:0/96, RFC 4291 §2.5.5.2) of 127.0.0.1</c>.
/// </param>
public sealed record AddressClassification(IPAddress Address, AddressKind Kind, string? Block, string? Source, string? Embedded = null)
{
    /// <summary>Gets a value indicating whether a callback may go to the address.</summary>
    public bool IsPublic => Kind == AddressKind.Public;

    /// <summary>A sentence part naming the address and why it is what it is, for messages: <c>10.0.0.1, a private address (10.0.0.0/8, RFC 1918)</c>.</summary>
    public string Describe()
    {
        string what = Kind switch
        {
            AddressKind.Public => "a public address",
            AddressKind.Unspecified => "an unspecified (\"this network\") address",
            AddressKind.Loopback => "a loopback address",
            AddressKind.LinkLocal => "a link-local address",
            AddressKind.Private => "a private address",
            AddressKind.SharedAddressSpace => "a shared (carrier-grade NAT) address",
            AddressKind.Multicast => "a multicast address",
            AddressKind.Broadcast => "a broadcast address",
            AddressKind.Documentation => "a documentation address",
            AddressKind.Benchmarking => "a benchmarking address",
            AddressKind.SpecialPurpose => "a special-purpose address",
            _ => "a reserved address",
        };
        string why = Block is null ? "" : $" ({Block}, {Source})";
        string via = Embedded is null ? "" : $", {Embedded}";
        return $"{Address}{via}, {what}{why}";
    }
}

/// <summary>
/// Decides whether an address is an ordinary public one a callback may reach, or one inside a network the service
/// must not be made to call into (its own host, its VPC, a metadata service). One function, for intake and delivery.
/// </summary>
/// <remarks>
/// The rule: every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, updated by RFC 8190)
/// is refused, whether the registry marks it globally reachable or not (AS112, AMT, the PCP and TURN anycast addresses
/// in 192.0.0.0/24 are infrastructure, never a webhook receiver), plus multicast (IANA multicast registries; RFC 5771,
/// RFC 4291 §2.7), limited broadcast, 240.0.0.0/4, and IPv6 outside 2000::/3, which the IANA IPv6 Address Space registry
/// keeps "Reserved by IETF" (RFC 4291 §2.4; this covers 100::/64, 5f00::/16 and the other newer blocks there).
/// Addresses that carry an IPv4 address are judged by it: IPv4-mapped (::ffff:0:0/96, RFC 4291 §2.5.5.2), NAT64's
/// well-known prefix (64:ff9b::/96, RFC 6052 §2.1: a translator would connect to the embedded address) and 6to4
/// (2002::/16, RFC 3056 §2); the deprecated IPv4-compatible form (::/96, RFC 4291 §2.5.5.1) is refused whatever it
/// carries, and named by what it carries when that is not public. This follows the OWASP Server-Side Request Forgery
/// Prevention Cheat Sheet: refuse private, loopback, link-local and reserved destinations, and check the address
/// actually connected to, not only the name.
/// </remarks>
public static class AddressClassifier
{
    private const string Rfc1918 = "RFC 1918";

    private static readonly Block[] Ipv4Blocks =
    [
        new("0.0.0.0/8", AddressKind.Unspecified, "\"this network\", RFC 1122 §3.2.1.3"),
        new("10.0.0.0/8", AddressKind.Private, Rfc1918),
        new("100.64.0.0/10", AddressKind.SharedAddressSpace, "RFC 6598"),
        new("127.0.0.0/8", AddressKind.Loopback, "RFC 1122 §3.2.1.3"),
        new("169.254.0.0/16", AddressKind.LinkLocal, "RFC 3927"),
        new("172.16.0.0/12", AddressKind.Private, Rfc1918),
        new("192.0.0.0/24", AddressKind.SpecialPurpose, "IETF protocol assignments, RFC 6890 §2.2.2"),
        new("192.0.2.0/24", AddressKind.Documentation, "TEST-NET-1, RFC 5737"),
        new("192.31.196.0/24", AddressKind.SpecialPurpose, "AS112-v4, RFC 7535"),
        new("192.52.193.0/24", AddressKind.SpecialPurpose, "AMT, RFC 7450"),
        new("192.88.99.0/24", AddressKind.SpecialPurpose, "deprecated 6to4 relay anycast, RFC 7526"),
        new("192.168.0.0/16", AddressKind.Private, Rfc1918),
        new("192.175.48.0/24", AddressKind.SpecialPurpose, "Direct Delegation AS112 service, RFC 7534"),
        new("198.18.0.0/15", AddressKind.Benchmarking, "RFC 2544"),
        new("198.51.100.0/24", AddressKind.Documentation, "TEST-NET-2, RFC 5737"),
        new("203.0.113.0/24", AddressKind.Documentation, "TEST-NET-3, RFC 5737"),
        new("224.0.0.0/4", AddressKind.Multicast, "RFC 5771"),
        new("255.255.255.255/32", AddressKind.Broadcast, "limited broadcast, RFC 919 and RFC 8190"),
        new("240.0.0.0/4", AddressKind.Reserved, "reserved for future use, RFC 1112 §4"),
    ];

    // Checked after the forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4).
    private static readonly Block[] Ipv6Blocks =
    [
        new("::/128", AddressKind.Unspecified, "RFC 4291 §2.5.2"),
        new("::1/128", AddressKind.Loopback, "RFC 4291 §2.5.3"),
        new("64:ff9b:1::/48", AddressKind.SpecialPurpose, "local-use IPv4/IPv6 translation, RFC 8215"),
        new("2001::/23", AddressKind.SpecialPurpose, "IETF protocol assignments, RFC 2928, with Teredo 2001::/32, RFC 4380"),
        new("2001:db8::/32", AddressKind.Documentation, "RFC 3849"),
        new("3fff::/20", AddressKind.Documentation, "RFC 9637"),
        new("2620:4f:8000::/48", AddressKind.SpecialPurpose, "Direct Delegation AS112 service, RFC 7534"),
        new("fc00::/7", AddressKind.Private, "unique local, RFC 4193"),
        new("fe80::/10", AddressKind.LinkLocal, "RFC 4291 §2.5.6"),
        new("fec0::/10", AddressKind.Private, "deprecated site-local, RFC 3879"),
        new("ff00::/8", AddressKind.Multicast, "RFC 4291 §2.7"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Classifies one IPv4 or IPv6 address (an IPv6 zone, <c>%eth0</c>, is ignored).</summary>
    /// <param name="address">The address.</param>
    /// <returns>The verdict; <see cref="AddressClassification.IsPublic"/> says whether a callback may go there.</returns>
    public static AddressClassification Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return ClassifyIpv4(address, address, null);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{address.AddressFamily} is not an IP address family.", nameof(address));
        }

        byte[] bytes = address.GetAddressBytes();
        var bare = new IPAddress(bytes);
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyIpv4(address, address.MapToIPv4(), "IPv4-mapped (::ffff:0:0/96, RFC 4291 §2.5.5.2)");
        }

        if (Ipv4Compatible.Contains(bare) && !bare.Equals(IPAddress.IPv6None) && !bare.Equals(IPAddress.IPv6Loopback))
        {
            const string Compatible = "IPv4-compatible (::/96, deprecated by RFC 4291 §2.5.5.1)";
            AddressClassification carried = ClassifyIpv4(address, new IPAddress(bytes.AsSpan(12, 4)), Compatible);
            return carried.IsPublic ? new AddressClassification(address, AddressKind.Reserved, "::/96", "deprecated IPv4-compatible form, RFC 4291 §2.5.5.1") : carried;
        }

        if (Nat64.Contains(bare))
        {
            return ClassifyIpv4(address, new IPAddress(bytes.AsSpan(12, 4)), "NAT64 (64:ff9b::/96, RFC 6052 §2.1)");
        }

        if (SixToFour.Contains(bare))
        {
            return ClassifyIpv4(address, new IPAddress(bytes.AsSpan(2, 4)), "6to4 (2002::/16, RFC 3056 §2)");
        }

        foreach (Block block in Ipv6Blocks)
        {
            if (block.Network.Contains(bare))
            {
                return new AddressClassification(address, block.Kind, block.Text, block.Source);
            }
        }

        return GlobalUnicast.Contains(bare)
            ? new AddressClassification(address, AddressKind.Public, null, null)
            : new AddressClassification(address, AddressKind.Reserved, "outside 2000::/3", "reserved by the IETF, RFC 4291 §2.4 and the IANA IPv6 Address Space registry");
    }

    private static AddressClassification ClassifyIpv4(IPAddress shown, IPAddress ipv4, string? form)
    {
        string? embedded = form is null ? null : $"{form} of {ipv4}";
        foreach (Block block in Ipv4Blocks)
        {
            if (block.Network.Contains(ipv4))
            {
                return new AddressClassification(shown, block.Kind, block.Text, block.Source, embedded);
            }
        }

        return new AddressClassification(shown, AddressKind.Public, null, null, embedded);
    }

    private sealed record Block(string Text, AddressKind Kind, string Source)
    {
        public IPNetwork Network { get; } = IPNetwork.Parse(Text);
    }
}
