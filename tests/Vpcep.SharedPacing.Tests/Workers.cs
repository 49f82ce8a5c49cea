using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Vpcep.HuaweiCloud;

namespace Vpcep.SharedPacing.Tests;

/// <summary>A project's schedule in memory, with the table's rules: a write names the version it read, or fails.</summary>
internal sealed class InMemoryScheduleStore : IPacingScheduleStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (DateTimeOffset NextTurn, int Version)> rows = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public int LostRaces { get; private set; }

    public Task<StoredSchedule?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Reads++;
            return Task.FromResult(rows.TryGetValue(key, out var row) ? new StoredSchedule(row.NextTurn, Etag(row.Version)) : null);
        }
    }

    public Task<string?> TryWriteAsync(string key, DateTimeOffset nextTurn, string? etag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Writes++;
            bool exists = rows.TryGetValue(key, out var row);
            if (etag is null ? exists : !exists || Etag(row.Version) != etag)
            {
                LostRaces++;
                return Task.FromResult<string?>(null);
            }

            rows[key] = (nextTurn, row.Version + 1);
            return Task.FromResult<string?>(Etag(row.Version + 1));
        }
    }

    public DateTimeOffset? NextTurn(string key)
    {
        lock (gate)
        {
            return rows.TryGetValue(key, out var row) ? row.NextTurn : null;
        }
    }

    private static string Etag(int version) => "W/\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
}

/// <summary>Workers on one fake clock, and the times their calls were let through.</summary>
internal sealed class Workers
{
    public const string Project = "0123456789abcdef0123456789abcdef";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public DateTimeOffset Start { get; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public ConcurrentBag<(int Worker, TimeSpan At)> Sent { get; } = [];

    public SharedRequestPacer Worker(IPacingScheduleStore store, double rate, SharedPacingOptions? options = null) =>
        new(store, Monitor(options ?? new SharedPacingOptions { ConnectionString = "UseDevelopmentStorage=true" }),
            Monitor(new HuaweiCloudOptions { MaxRequestsPerSecondPerProject = rate }), Time, NullLogger<SharedRequestPacer>.Instance);

    /// <summary>Starts <paramref name="calls"/> callers on <paramref name="worker"/>, each recording when it was let through.</summary>
    public List<Task> Call(SharedRequestPacer worker, int index, int calls, CancellationToken cancellationToken = default) =>
        [.. Enumerable.Range(0, calls).Select(_ => Task.Run(async () =>
        {
            await worker.WaitForTurnAsync(Project, cancellationToken);
            Sent.Add((index, Time.GetUtcNow() - Start));
        }, CancellationToken.None))];

    /// <summary>Moves the clock in small steps, giving the callers' continuations real time to run between steps.</summary>
    public async Task RunForAsync(TimeSpan span, TimeSpan? step = null)
    {
        TimeSpan by = step ?? TimeSpan.FromMilliseconds(10);
        for (TimeSpan run = TimeSpan.Zero; run < span; run += by)
        {
            await Settle();
            Time.Advance(by);
        }

        await Settle();
    }

    /// <summary>The most calls let through in any span of <paramref name="window"/>.</summary>
    public int MostIn(TimeSpan window)
    {
        TimeSpan[] at = [.. Sent.Select(s => s.At).Order()];
        int most = 0;
        for (int i = 0; i < at.Length; i++)
        {
            most = Math.Max(most, at.Skip(i).TakeWhile(t => t < at[i] + window).Count());
        }

        return most;
    }

    private static async Task Settle()
    {
        await Task.Delay(2);
        await Task.Yield();
    }

    private static IOptionsMonitor<T> Monitor<T>(T value)
        where T : class
    {
        IOptionsMonitor<T> monitor = Substitute.For<IOptionsMonitor<T>>();
        monitor.CurrentValue.Returns(value);
        return monitor;
    }
}
