using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

public class Ipv4Tests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("10.0.0.1", 0x0A000001u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    public void A_dotted_quad_parses_to_its_value(string text, uint expected)
    {
        Assert.True(Ipv4.TryParseAddress(text, out uint address));
        Assert.Equal(expected, address);
        Assert.Equal(text, Ipv4.Format(address));
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.")]
    [InlineData(".1.2.3")]
    [InlineData("1..2.3")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.1000")]
    [InlineData("+1.2.3.4")]
    [InlineData("١.٢.٣.٤")]
    public void Anything_but_a_strict_dotted_quad_does_not_parse(string text)
    {
        Assert.False(Ipv4.TryParseAddress(text, out _));
    }

    [Theory]
    [InlineData("192.168.0.0/24", true)]
    [InlineData("192.168.0.1/24", false)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("1.2.3.4/32", true)]
    public void A_cidr_is_canonical_when_no_host_bits_are_set(string text, bool canonical)
    {
        Assert.True(Ipv4Cidr.TryParse(text, out Ipv4Cidr cidr));
        Assert.Equal(canonical, cidr.IsCanonical);
    }

    [Fact]
    public void A_cidr_knows_its_network_and_broadcast_addresses()
    {
        Assert.True(Ipv4Cidr.TryParse("192.168.1.77/24", out Ipv4Cidr cidr));

        Assert.Equal("192.168.1.0", Ipv4.Format(cidr.Network));
        Assert.Equal("192.168.1.255", Ipv4.Format(cidr.Broadcast));
        Assert.Equal("192.168.1.0/24", cidr.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("10.0.0.5/32", "10.0.0.5", true)]
    [InlineData("10.0.0.5/32", "10.0.0.4", false)]
    public void A_cidr_contains_exactly_its_addresses(string block, string address, bool expected)
    {
        Assert.True(Ipv4Cidr.TryParse(block, out Ipv4Cidr cidr));
        Assert.True(Ipv4.TryParseAddress(address, out uint value));

        Assert.Equal(expected, cidr.Contains(value));
    }

    [Theory]
    [InlineData("198.19.128.0/17", "198.19.0.0/16", true)]
    [InlineData("198.19.128.0/17", "198.19.200.0/24", true)]
    [InlineData("198.19.128.0/17", "198.19.127.0/24", false)]
    [InlineData("198.19.128.0/17", "192.168.0.0/16", false)]
    [InlineData("0.0.0.0/0", "10.0.0.0/8", true)]
    public void Cidrs_overlap_when_they_share_an_address(string a, string b, bool expected)
    {
        Assert.True(Ipv4Cidr.TryParse(a, out Ipv4Cidr first));
        Assert.True(Ipv4Cidr.TryParse(b, out Ipv4Cidr second));

        Assert.Equal(expected, first.Overlaps(second));
        Assert.Equal(expected, second.Overlaps(first));
    }
}
