using Vpcep.Emulator.Faults;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Tests;

public sealed class NetworkMathTests
{
    [Theory]
    [InlineData("192.168.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("256.0.0.1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("1", false)]
    [InlineData("1.2.3.-4", false)]
    [InlineData("1.2.3.0004", false)]
    [InlineData("", false)]
    public void Ipv4_parsing_is_strict_dotted_quad(string text, bool valid)
    {
        Assert.Equal(valid, Ipv4.TryParse(text, out _));
    }

    [Fact]
    public void Cidr_contains_and_overlaps()
    {
        Assert.True(Cidr.TryParse("198.19.130.0/24", out Cidr subnet));
        Assert.True(Cidr.TryParse("198.19.128.0/17", out Cidr reserved));
        Assert.True(Cidr.TryParse("192.168.0.0/24", out Cidr other));
        Assert.True(Ipv4.TryParse("192.168.0.255", out uint broadcast));

        Assert.True(subnet.Overlaps(reserved));
        Assert.True(reserved.Overlaps(subnet));
        Assert.False(other.Overlaps(reserved));
        Assert.Equal(broadcast, other.Broadcast);
        Assert.False(Cidr.TryParse("10.0.0.0/33", out _));
        Assert.Equal("10.0.1.7", Ipv4.Format(Ipv4.TryParse("10.0.1.7", out uint a) ? a : 0));
    }

    [Fact]
    public void Token_bucket_allows_the_burst_then_refills_at_the_rate()
    {
        var start = DateTimeOffset.UnixEpoch;
        var bucket = new TokenBucket(rate: 2, capacity: 2, start);

        Assert.True(bucket.TryTake(start));
        Assert.True(bucket.TryTake(start));
        Assert.False(bucket.TryTake(start));
        Assert.False(bucket.TryTake(start.AddMilliseconds(400)));
        Assert.True(bucket.TryTake(start.AddMilliseconds(600)));
        Assert.True(bucket.TryTake(start.AddSeconds(10)));
        Assert.True(bucket.TryTake(start.AddSeconds(10)));
        Assert.False(bucket.TryTake(start.AddSeconds(10)));
    }
}
