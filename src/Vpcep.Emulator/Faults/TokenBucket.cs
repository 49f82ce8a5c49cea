namespace Vpcep.Emulator.Faults;

/// <summary>A token bucket: <c>rate</c> tokens per second, holding at most <c>capacity</c>. Not thread-safe; the injector locks.</summary>
internal sealed class TokenBucket(double rate, double capacity, DateTimeOffset now)
{
    private double tokens = capacity;
    private DateTimeOffset last = now;

    public double Rate { get; } = rate;

    public double Capacity { get; } = capacity;

    public bool TryTake(DateTimeOffset now)
    {
        double elapsed = Math.Max(0, (now - last).TotalSeconds);
        last = now;
        this.tokens = Math.Min(Capacity, this.tokens + (elapsed * Rate));
        if (this.tokens < 1)
        {
            return false;
        }

        this.tokens -= 1;
        return true;
    }
}
