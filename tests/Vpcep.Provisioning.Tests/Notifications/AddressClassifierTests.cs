using System.Net;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>
/// The one function that decides whether a callback may reach an address: every refused block at its edges, the
/// public addresses right beside them, the forms that carry an IPv4 address, and the spellings <see cref="Uri"/> reads.
/// </summary>
public class AddressClassifierTests
{
    [Theory]
    // Unspecified, "this network" (RFC 1122 §3.2.1.3).
    [InlineData("0.0.0.0", AddressKind.Unspecified, "0.0.0.0/8")]
    [InlineData("0.255.255.255", AddressKind.Unspecified, "0.0.0.0/8")]
    // Private (RFC 1918), first and last of each block.
    [InlineData("10.0.0.0", AddressKind.Private, "10.0.0.0/8")]
    [InlineData("10.0.0.1", AddressKind.Private, "10.0.0.0/8")]
    [InlineData("10.255.255.255", AddressKind.Private, "10.0.0.0/8")]
    [InlineData("172.16.0.0", AddressKind.Private, "172.16.0.0/12")]
    [InlineData("172.31.255.255", AddressKind.Private, "172.16.0.0/12")]
    [InlineData("192.168.0.0", AddressKind.Private, "192.168.0.0/16")]
    [InlineData("192.168.255.255", AddressKind.Private, "192.168.0.0/16")]
    // Shared address space, carrier-grade NAT (RFC 6598).
    [InlineData("100.64.0.0", AddressKind.SharedAddressSpace, "100.64.0.0/10")]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace, "100.64.0.0/10")]
    // Loopback (RFC 1122), link-local with the metadata services (RFC 3927).
    [InlineData("127.0.0.1", AddressKind.Loopback, "127.0.0.0/8")]
    [InlineData("127.255.255.254", AddressKind.Loopback, "127.0.0.0/8")]
    [InlineData("169.254.169.254", AddressKind.LinkLocal, "169.254.0.0/16")]
    [InlineData("169.254.0.0", AddressKind.LinkLocal, "169.254.0.0/16")]
    [InlineData("169.254.255.255", AddressKind.LinkLocal, "169.254.0.0/16")]
    // Other blocks of the IANA IPv4 Special-Purpose Address Registry (RFC 6890).
    [InlineData("192.0.0.8", AddressKind.SpecialPurpose, "192.0.0.0/24")]
    [InlineData("192.0.0.9", AddressKind.SpecialPurpose, "192.0.0.0/24")] // PCP anycast: globally reachable, still no receiver
    [InlineData("192.0.0.170", AddressKind.SpecialPurpose, "192.0.0.0/24")]
    [InlineData("192.0.2.1", AddressKind.Documentation, "192.0.2.0/24")]
    [InlineData("192.31.196.1", AddressKind.SpecialPurpose, "192.31.196.0/24")]
    [InlineData("192.52.193.1", AddressKind.SpecialPurpose, "192.52.193.0/24")]
    [InlineData("192.88.99.1", AddressKind.SpecialPurpose, "192.88.99.0/24")]
    [InlineData("192.175.48.1", AddressKind.SpecialPurpose, "192.175.48.0/24")]
    [InlineData("198.18.0.0", AddressKind.Benchmarking, "198.18.0.0/15")]
    [InlineData("198.19.255.255", AddressKind.Benchmarking, "198.18.0.0/15")]
    [InlineData("198.51.100.7", AddressKind.Documentation, "198.51.100.0/24")]
    [InlineData("203.0.113.200", AddressKind.Documentation, "203.0.113.0/24")]
    // Multicast (RFC 5771), reserved (RFC 1112 §4), limited broadcast (RFC 919).
    [InlineData("224.0.0.1", AddressKind.Multicast, "224.0.0.0/4")]
    [InlineData("239.255.255.255", AddressKind.Multicast, "224.0.0.0/4")]
    [InlineData("240.0.0.1", AddressKind.Reserved, "240.0.0.0/4")]
    [InlineData("255.255.255.254", AddressKind.Reserved, "240.0.0.0/4")]
    [InlineData("255.255.255.255", AddressKind.Broadcast, "255.255.255.255/32")]
    public void Every_non_public_ipv4_block_is_refused_and_named(string address, AddressKind kind, string block)
    {
        AddressClassification verdict = AddressClassifier.Classify(IPAddress.Parse(address));

        Assert.False(verdict.IsPublic);
        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(block, verdict.Block);
        Assert.False(string.IsNullOrEmpty(verdict.Source));
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")] // just below 10/8
    [InlineData("11.0.0.0")] // just above 10/8
    [InlineData("100.63.255.255")] // just below 100.64/10
    [InlineData("100.128.0.0")] // just above
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")] // just below multicast
    [InlineData("93.184.216.34")]
    public void Ordinary_ipv4_addresses_beside_the_blocks_are_public(string address)
    {
        AddressClassification verdict = AddressClassifier.Classify(IPAddress.Parse(address));

        Assert.True(verdict.IsPublic, verdict.Describe());
        Assert.Equal(AddressKind.Public, verdict.Kind);
        Assert.Null(verdict.Block);
    }

    [Theory]
    [InlineData("::", AddressKind.Unspecified, "::/128")]
    [InlineData("::1", AddressKind.Loopback, "::1/128")]
    [InlineData("fe80::1", AddressKind.LinkLocal, "fe80::/10")]
    [InlineData("febf:ffff::1", AddressKind.LinkLocal, "fe80::/10")]
    [InlineData("fc00::1", AddressKind.Private, "fc00::/7")]
    [InlineData("fd12:3456:789a::1", AddressKind.Private, "fc00::/7")]
    [InlineData("fec0::1", AddressKind.Private, "fec0::/10")]
    [InlineData("ff02::1", AddressKind.Multicast, "ff00::/8")]
    [InlineData("ff0e::101", AddressKind.Multicast, "ff00::/8")]
    [InlineData("64:ff9b:1::1", AddressKind.SpecialPurpose, "64:ff9b:1::/48")]
    [InlineData("2001::1", AddressKind.SpecialPurpose, "2001::/23")] // Teredo
    [InlineData("2001:1::1", AddressKind.SpecialPurpose, "2001::/23")]
    [InlineData("2001:1ff:ffff::1", AddressKind.SpecialPurpose, "2001::/23")]
    [InlineData("2001:db8::1", AddressKind.Documentation, "2001:db8::/32")]
    [InlineData("3fff::1", AddressKind.Documentation, "3fff::/20")]
    [InlineData("2620:4f:8000::1", AddressKind.SpecialPurpose, "2620:4f:8000::/48")]
    [InlineData("100::1", AddressKind.Reserved, "outside 2000::/3")] // discard-only (RFC 6666)
    [InlineData("5f00::1", AddressKind.Reserved, "outside 2000::/3")] // SRv6 SIDs (RFC 9602)
    [InlineData("4000::1", AddressKind.Reserved, "outside 2000::/3")]
    public void Every_non_public_ipv6_block_is_refused_and_named(string address, AddressKind kind, string block)
    {
        AddressClassification verdict = AddressClassifier.Classify(IPAddress.Parse(address));

        Assert.False(verdict.IsPublic);
        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(block, verdict.Block);
    }

    [Theory]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("2001:200::1")] // the first allocation after the IETF's 2001::/23
    [InlineData("2001:db9::1")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    [InlineData("::ffff:8.8.8.8")] // IPv4-mapped 8.8.8.8
    public void Ordinary_ipv6_addresses_and_embedded_public_ipv4_addresses_are_public(string address)
    {
        Assert.True(AddressClassifier.Classify(IPAddress.Parse(address)).IsPublic);
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback, "IPv4-mapped")]
    [InlineData("::ffff:7f00:1", AddressKind.Loopback, "IPv4-mapped")]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal, "IPv4-mapped")]
    [InlineData("::ffff:10.0.0.1", AddressKind.Private, "IPv4-mapped")]
    [InlineData("::ffff:0.0.0.0", AddressKind.Unspecified, "IPv4-mapped")]
    [InlineData("::127.0.0.1", AddressKind.Loopback, "IPv4-compatible")]
    [InlineData("::10.0.0.1", AddressKind.Private, "IPv4-compatible")]
    [InlineData("64:ff9b::127.0.0.1", AddressKind.Loopback, "NAT64")]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal, "NAT64")] // 169.254.169.254
    [InlineData("64:ff9b::192.168.1.1", AddressKind.Private, "NAT64")]
    [InlineData("2002:7f00:1::1", AddressKind.Loopback, "6to4")]
    [InlineData("2002:a00:1::", AddressKind.Private, "6to4")]
    [InlineData("2002:a9fe:a9fe::1", AddressKind.LinkLocal, "6to4")]
    public void An_ipv6_form_carrying_a_non_public_ipv4_address_is_judged_by_it(string address, AddressKind kind, string form)
    {
        AddressClassification verdict = AddressClassifier.Classify(IPAddress.Parse(address));

        Assert.Equal(kind, verdict.Kind);
        Assert.StartsWith(form, verdict.Embedded, StringComparison.Ordinal);
        Assert.Contains(form, verdict.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_deprecated_ipv4_compatible_form_is_refused_even_carrying_a_public_address()
    {
        AddressClassification verdict = AddressClassifier.Classify(IPAddress.Parse("::8.8.8.8"));

        Assert.Equal(AddressKind.Reserved, verdict.Kind);
        Assert.Equal("::/96", verdict.Block);
    }

    [Fact]
    public void A_zone_does_not_change_the_verdict()
    {
        Assert.Equal(AddressKind.LinkLocal, AddressClassifier.Classify(IPAddress.Parse("fe80::1%2")).Kind);
    }

    [Theory]
    [InlineData("http://2130706433/", "127.0.0.1")] // decimal
    [InlineData("http://017700000001/", "127.0.0.1")] // octal, one part
    [InlineData("http://0177.0.0.1/", "127.0.0.1")] // octal part
    [InlineData("http://0x7f.0.0.1/", "127.0.0.1")] // hexadecimal part
    [InlineData("http://0x7f000001/", "127.0.0.1")] // hexadecimal, one part
    [InlineData("http://0x7f.1/", "127.0.0.1")]
    [InlineData("http://127.1/", "127.0.0.1")] // two parts
    [InlineData("http://127.000.000.001/", "127.0.0.1")]
    [InlineData("http://0/", "0.0.0.0")]
    [InlineData("http://0xa9fea9fe/", "169.254.169.254")]
    [InlineData("http://0xffffffff/", "255.255.255.255")]
    [InlineData("http://127.0.0.1./", "127.0.0.1")] // a trailing dot makes Uri read a name; the host is still the address
    [InlineData("http://[::ffff:7f00:1]/", "::ffff:127.0.0.1")]
    [InlineData("http://[0:0:0:0:0:ffff:127.0.0.1]/", "::ffff:127.0.0.1")]
    [InlineData("http://[fe80::1%25eth0]/", "fe80::1")]
    public void Odd_address_spellings_come_to_the_address_uri_connects_to_and_are_refused(string url, string address)
    {
        string host = CallbackTargetPolicy.HostOf(new Uri(url));

        Assert.True(CallbackTargetPolicy.TryParseAddress(host, out IPAddress? parsed), host);
        Assert.Equal(IPAddress.Parse(address), parsed);
        Assert.False(AddressClassifier.Classify(parsed!).IsPublic);
    }

    [Fact]
    public void Full_width_digits_make_a_name_here_which_goes_through_the_resolver_and_its_vetting()
    {
        // With invariant globalization (Directory.Build.props) Uri maps no full-width digits: IdnHost, what HttpClient
        // connects to, is a punycode name, so intake and the connect callback resolve it and vet its addresses.
        string host = CallbackTargetPolicy.HostOf(new Uri("http://\uFF11\uFF12\uFF17.0.0.1/"));

        Assert.StartsWith("xn--", host, StringComparison.Ordinal);
        Assert.False(CallbackTargetPolicy.TryParseAddress(host, out _));
    }

    [Fact]
    public void A_description_names_the_address_the_kind_the_block_and_its_source()
    {
        Assert.Equal("10.0.0.1, a private address (10.0.0.0/8, RFC 1918)", AddressClassifier.Classify(IPAddress.Parse("10.0.0.1")).Describe());
        Assert.Equal(
            "::ffff:127.0.0.1, IPv4-mapped (::ffff:0:0/96, RFC 4291 §2.5.5.2) of 127.0.0.1, a loopback address (127.0.0.0/8, RFC 1122 §3.2.1.3)",
            AddressClassifier.Classify(IPAddress.Parse("::ffff:127.0.0.1")).Describe());
    }
}
