using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// Paces calls per project (the <c>X-Project-Id</c> header) to
/// <see cref="HuaweiCloudOptions.MaxRequestsPerSecondPerProject"/>: requests over the rate wait their
/// turn instead of being throttled by the service. Every attempt, retries included, takes a turn.
/// Off when the setting is 0. The limit holds per process; several workers share the project's budget.
/// </summary>
internal sealed class ProjectRateLimitHandler(ProjectRateLimiters limiters) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string project = request.Headers.TryGetValues("X-Project-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() ?? "" : "";
        RateLimiter? limiter = limiters.For(project);
        if (limiter is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using RateLimitLease lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One token bucket per project, evenly spaced (no bursts), created on first use.</summary>
internal sealed class ProjectRateLimiters(IOptionsMonitor<HuaweiCloudOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> limiters = new(StringComparer.Ordinal);

    /// <summary>The limiter of a project, or <c>null</c> when pacing is off.</summary>
    public RateLimiter? For(string projectId)
    {
        double rate = options.CurrentValue.MaxRequestsPerSecondPerProject;
        if (rate <= 0)
        {
            return null;
        }

        return limiters.GetOrAdd(projectId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / rate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (RateLimiter limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
