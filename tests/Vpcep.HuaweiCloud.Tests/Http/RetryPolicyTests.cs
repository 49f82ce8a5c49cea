using System.Net.Http.Headers;
using Vpcep.HuaweiCloud.Http;

namespace Vpcep.HuaweiCloud.Tests.Http;

public class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(10, 1000)]
    public void The_largest_backoff_doubles_per_attempt_up_to_MaxDelay(int attempt, int expectedCeilingMs)
    {
        var policy = new PinnedRandomPolicy(1.0) { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(expectedCeilingMs), policy.Delay(attempt, null));
    }

    [Fact]
    public void Full_jitter_can_pick_any_wait_down_to_zero()
    {
        var zero = new PinnedRandomPolicy(0.0) { BaseDelay = TimeSpan.FromMilliseconds(100) };
        var half = new PinnedRandomPolicy(0.5) { BaseDelay = TimeSpan.FromMilliseconds(100) };

        Assert.Equal(TimeSpan.Zero, zero.Delay(3, null));
        Assert.Equal(TimeSpan.FromMilliseconds(200), half.Delay(3, null));
    }

    [Fact]
    public void Random_backoffs_stay_between_zero_and_the_ceiling_and_spread_out()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        List<TimeSpan> delays = [.. Enumerable.Range(0, 500).Select(_ => policy.Delay(3, null)!.Value)];

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(400)));
        Assert.Contains(delays, d => d < TimeSpan.FromMilliseconds(100));
        Assert.Contains(delays, d => d > TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_Retry_After_within_MaxDelay_is_the_wait()
    {
        var policy = new PinnedRandomPolicy(0.0) { MaxDelay = TimeSpan.FromSeconds(10) };

        Assert.Equal(TimeSpan.FromSeconds(3), policy.Delay(1, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_Retry_After_longer_than_MaxDelay_means_do_not_retry()
    {
        var policy = new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(10) };

        Assert.Null(policy.Delay(1, TimeSpan.FromSeconds(11)));
    }

    [Fact]
    public void Retry_After_is_read_as_seconds_or_as_an_HTTP_date()
    {
        var now = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfterOf(RetryConditionHeaderValue.Parse("7"), now));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryPolicy.RetryAfterOf(RetryConditionHeaderValue.Parse("Mon, 01 Jan 2024 12:00:04 GMT"), now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfterOf(RetryConditionHeaderValue.Parse("Mon, 01 Jan 2024 11:59:00 GMT"), now));
        Assert.Null(RetryPolicy.RetryAfterOf(null, now));
    }

    [Fact]
    public void The_options_set_attempts_and_delays()
    {
        var policy = new RetryPolicy(new HuaweiCloudOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) });

        Assert.True(policy.ShouldRetry(1));
        Assert.False(policy.ShouldRetry(2));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.MaxDelay);
    }

    private sealed class PinnedRandomPolicy(double value) : RetryPolicy
    {
        protected override double NextRandom() => value;
    }
}
