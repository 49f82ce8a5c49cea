using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Remembers the cloud's answers to the validation look-ups (endpoint service, VPC, subnet, quota) for
/// <see cref="ValidationOptions.CloudLookupCacheDuration"/>, per process, so the items of a batch (which
/// mostly name the same service, VPC and subnet) cost one look-up per distinct value instead of one each.
/// Concurrent look-ups of one key share a single call. A failed look-up (throttling, 5xx) is never kept:
/// the next caller asks again. A duration of zero turns the cache off.
/// </summary>
/// <remarks>
/// A remembered answer can be up to one duration old. That is harmless for the existence checks (a VPC
/// deleted meanwhile fails the create with the cloud's own error, which the outcome reports) and for the
/// quota, which the create enforces itself (<c>EndPoint.1018</c>); the pre-check only spares a request
/// that cannot succeed a create call.
/// </remarks>
public sealed class CloudLookupCache
{
    /// <summary>How many entries may accumulate before expired ones are swept.</summary>
    private const int SweepThreshold = 1024;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly IOptions<ValidationOptions> options;

    /// <summary>Initializes a new instance of the <see cref="CloudLookupCache"/> class.</summary>
    /// <param name="time">The clock that ages entries.</param>
    /// <param name="options">Supplies <see cref="ValidationOptions.CloudLookupCacheDuration"/>.</param>
    public CloudLookupCache(TimeProvider time, IOptions<ValidationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        this.options = options;
    }

    /// <summary>The answer remembered for <paramref name="key"/>, or <paramref name="lookup"/>'s, which is then remembered.</summary>
    /// <typeparam name="T">The answer's type; <c>null</c> (for example "does not exist") is remembered too.</typeparam>
    /// <param name="key">Names the look-up and everything it depends on (kind, project, region, id).</param>
    /// <param name="lookup">Asks the cloud.</param>
    public async Task<T?> GetAsync<T>(string key, Func<Task<T?>> lookup)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(lookup);
        TimeSpan duration = options.Value.CloudLookupCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return await lookup();
        }

        DateTimeOffset now = time.GetUtcNow();
        while (true)
        {
            if (entries.TryGetValue(key, out Entry? entry) && entry.ExpiresAt > now && !entry.HasFailed)
            {
                return (T?)await entry.Answer.Value;
            }

            var fresh = new Entry(new Lazy<Task<object?>>(async () => await lookup()), now + duration);
            bool stored = entry is null ? entries.TryAdd(key, fresh) : entries.TryUpdate(key, fresh, entry);
            if (!stored)
            {
                continue; // another caller stored an entry meanwhile: use it
            }

            SweepWhenLarge(now);
            try
            {
                return (T?)await fresh.Answer.Value;
            }
            catch (Exception)
            {
                entries.TryRemove(KeyValuePair.Create(key, fresh));
                throw;
            }
        }
    }

    private void SweepWhenLarge(DateTimeOffset now)
    {
        if (entries.Count < SweepThreshold)
        {
            return;
        }

        foreach (KeyValuePair<string, Entry> pair in entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                entries.TryRemove(pair);
            }
        }
    }

    private sealed record Entry(Lazy<Task<object?>> Answer, DateTimeOffset ExpiresAt)
    {
        public bool HasFailed => Answer.IsValueCreated && (Answer.Value.IsFaulted || Answer.Value.IsCanceled);
    }
}
