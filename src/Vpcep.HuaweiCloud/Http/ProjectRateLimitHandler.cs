using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// Asks the <see cref="IRequestPacer"/> for a turn before every attempt of a call to a project (the
/// <c>X-Project-Id</c> header), so requests over the rate wait their turn instead of being throttled by the service.
/// </summary>
internal sealed class ProjectRateLimitHandler(IRequestPacer pacer) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string project = request.Headers.TryGetValues("X-Project-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() ?? "" : "";
        await pacer.WaitForTurnAsync(project, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The default <see cref="IRequestPacer"/>: paces calls per project to
/// <see cref="HuaweiCloudOptions.MaxRequestsPerSecondPerProject"/> in this process only (off when it is 0). Several
/// processes calling one project each pace at the full rate; hosts with shared storage replace it with a pacer shared
/// by their workers.
/// </summary>
internal sealed class InProcessRequestPacer(ProjectRateLimiters limiters) : IRequestPacer
{
    /// <inheritdoc/>
    public async ValueTask WaitForTurnAsync(string projectId, CancellationToken cancellationToken)
    {
        RateLimiter? limiter = limiters.For(projectId);
        if (limiter is not null)
        {
            using RateLimitLease lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
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
