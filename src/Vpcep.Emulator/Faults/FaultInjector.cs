using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Vpcep.Emulator.Api;

namespace Vpcep.Emulator.Faults;

/// <summary>What the fault middleware must do to one request.</summary>
internal sealed record FaultDecision(TimeSpan Latency, HuaweiApiException? Error, string? DropMode, TimeSpan Hang)
{
    public static readonly FaultDecision None = new(TimeSpan.Zero, null, null, TimeSpan.Zero);
}

/// <summary>
/// Holds the active fault settings and decides, per request, which faults fire. Counted faults count
/// down here, under one lock, so "fail the next 2 creates" is exact even with concurrent callers.
/// </summary>
internal sealed class FaultInjector(IOptions<EmulatorOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private FaultSettings settings = options.Value.Faults;
    private readonly Dictionary<(string Scope, string Project), TokenBucket> buckets = [];
    private readonly Dictionary<string, long> throttled = new(StringComparer.Ordinal);

    public FaultSettings Current
    {
        get
        {
            lock (gate)
            {
                return this.settings;
            }
        }
    }

    public void Replace(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (gate)
        {
            this.settings = settings;
            buckets.Clear();
        }
    }

    /// <summary>Back to no faults at all (the admin reset).</summary>
    public void Clear() => Replace(new FaultSettings());

    /// <summary>The calls the rate limit refused, by operation, since <see cref="ClearThrottled"/>; changing the faults keeps them.</summary>
    public IReadOnlyDictionary<string, long> Throttled()
    {
        lock (gate)
        {
            return new SortedDictionary<string, long>(throttled, StringComparer.Ordinal);
        }
    }

    /// <summary>Forgets the throttled calls counted so far (the admin reset).</summary>
    public void ClearThrottled()
    {
        lock (gate)
        {
            throttled.Clear();
        }
    }

    public FaultDecision Decide(string operation, string? projectId, double timeScale)
    {
        lock (gate)
        {
            TimeSpan latency = TimeSpan.Zero;
            HuaweiApiException? error = null;
            string? drop = null;
            TimeSpan hang = TimeSpan.Zero;

            FaultRule? global = this.settings.Global;
            this.settings.Operations.TryGetValue(operation, out FaultRule? specific);
            foreach ((string scope, FaultRule? rule) in (ReadOnlySpan<(string, FaultRule?)>)[("*", global), (operation, specific)])
            {
                if (rule is null)
                {
                    continue;
                }

                latency += TimeSpan.FromMilliseconds(rule.LatencyMs * timeScale);
                if (error is null && Throttle(scope, projectId ?? "", rule) is { } refused)
                {
                    throttled[operation] = throttled.GetValueOrDefault(operation) + 1;
                    error = refused;
                }

                error ??= Fail(scope, rule);
                if (error is null && drop is null && Drop(scope, rule))
                {
                    drop = rule.DropMode;
                    hang = TimeSpan.FromMilliseconds(rule.HangMs);
                }
            }

            return error is null && drop is null && latency == TimeSpan.Zero ? FaultDecision.None : new FaultDecision(latency, error, drop, hang);
        }
    }

    private HuaweiApiException? Throttle(string scope, string projectId, FaultRule rule)
    {
        if (rule.RateLimitPerSecond <= 0)
        {
            return null;
        }

        // One bucket per project and rule scope, as the real limits are per tenant.
        if (!buckets.TryGetValue((scope, projectId), out TokenBucket? bucket))
        {
            double capacity = rule.Burst > 0 ? rule.Burst : Math.Max(1, rule.RateLimitPerSecond);
            bucket = new TokenBucket(rule.RateLimitPerSecond, capacity, time.GetUtcNow());
            buckets[(scope, projectId)] = bucket;
        }

        if (bucket.TryTake(time.GetUtcNow()))
        {
            return null;
        }

        return string.Equals(rule.ThrottleMode, "gateway", StringComparison.OrdinalIgnoreCase) ? Errors.GatewayThrottled() : Errors.Throttled();
    }

    private HuaweiApiException? Fail(string scope, FaultRule rule)
    {
        bool fire = false;
        if (rule.FailNext > 0)
        {
            Update(scope, rule with { FailNext = rule.FailNext - 1 });
            fire = true;
        }
        else if (rule.ErrorRate > 0 && Draw() < rule.ErrorRate)
        {
            fire = true;
        }

        return fire ? new HuaweiApiException(rule.ErrorStatus, rule.ErrorCode, "Injected fault: system error, please try again later.") : null;
    }

    private bool Drop(string scope, FaultRule rule)
    {
        // Counted rules are re-read: Fail may just have replaced this rule with a decremented copy.
        FaultRule current = scope == "*" ? this.settings.Global ?? rule : this.settings.Operations.GetValueOrDefault(scope, rule);
        if (current.DropNext > 0)
        {
            Update(scope, current with { DropNext = current.DropNext - 1 });
            return true;
        }

        return current.DropRate > 0 && Draw() < current.DropRate;
    }

    private void Update(string scope, FaultRule rule)
    {
        this.settings = scope == "*"
            ? this.settings with { Global = rule }
            : this.settings with { Operations = new Dictionary<string, FaultRule>(this.settings.Operations) { [scope] = rule } };
    }

    private static double Draw() => RandomNumberGenerator.GetInt32(1_000_000) / 1_000_000.0;
}
