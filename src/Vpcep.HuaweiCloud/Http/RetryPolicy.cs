using System.Net.Http.Headers;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// Exponential backoff with full jitter for idempotent calls, honouring <c>Retry-After</c>. Which calls
/// are idempotent is the client's decision (create never is); this type only decides how long to wait.
/// </summary>
internal class RetryPolicy
{
    /// <summary>A policy with the defaults of <see cref="HuaweiCloudOptions"/>.</summary>
    public RetryPolicy()
    {
    }

    /// <summary>A policy with the retry settings of <paramref name="options"/>.</summary>
    public RetryPolicy(HuaweiCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxAttempts = options.MaxAttempts;
        BaseDelay = options.BaseDelay;
        MaxDelay = options.MaxDelay;
    }

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The backoff ceiling of the first retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff, and the longest <c>Retry-After</c> that is waited out.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether another attempt may follow attempt number <paramref name="attempt"/> (1-based).</summary>
    public virtual bool ShouldRetry(int attempt) => attempt < MaxAttempts;

    /// <summary>
    /// The wait before the attempt after <paramref name="attempt"/>: the server's <paramref name="retryAfter"/>
    /// when it gave one, else a uniformly random time between zero and
    /// <c>min(MaxDelay, BaseDelay * 2^(attempt-1))</c> (full jitter, so many clients throttled together
    /// spread out instead of retrying in lock step). <see langword="null"/> means do not retry: the
    /// server asked for a longer wait than <see cref="MaxDelay"/>.
    /// </summary>
    public virtual TimeSpan? Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after)
        {
            return after > MaxDelay ? null : after < TimeSpan.Zero ? TimeSpan.Zero : after;
        }

        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        return TimeSpan.FromMilliseconds(ceiling * NextRandom());
    }

    /// <summary>
    /// Reads <c>Retry-After</c> in either of its forms, seconds or an HTTP date (relative to <paramref name="now"/>);
    /// <see langword="null"/> when the header is absent.
    /// </summary>
    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            TimeSpan wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>A random number in [0, 1); tests override it to pin the jitter.</summary>
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
    protected virtual double NextRandom() => Random.Shared.NextDouble();
#pragma warning restore CA5394
}
