namespace Vpcep.Emulator.Faults;

/// <summary>A token bucket: <c>rate</c> tokens per second, holding at most <c>capacity</c>. Not thread-safe; the injector locks.</summary>
internal sealed class TokenBucket(double rate, double capacity, DateTimeOffset now)
{
    private double _tokens = capacity;
    private DateTimeOffset _last = now;

    public double Rate { get; } = rate;

    public double Capacity { get; } = capacity;

    public bool TryTake(DateTimeOffset now)
    {
        double elapsed = Math.Max(0, (now - _last).TotalSeconds);
        _last = now;
        _tokens = Math.Min(Capacity, _tokens + (elapsed * Rate));
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
