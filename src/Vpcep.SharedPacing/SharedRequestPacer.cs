using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud;

namespace Vpcep.SharedPacing;

/// <summary>
/// Paces calls per project for every worker together: the project's rate
/// (<see cref="HuaweiCloudOptions.MaxRequestsPerSecondPerProject"/>) is one schedule of turns, one every 1/rate
/// seconds, kept in the storage account the workers already share. A worker reserves a few consecutive turns per
/// storage round trip and sends each of its calls in a turn of its own.
/// </summary>
/// <remarks>
/// <para>
/// Why a schedule in storage rather than a scheduler orchestration per project: a turn is needed before every HTTP
/// attempt, deep inside the client, where an orchestration is far away (an event and a reply through the task hub's
/// queues cost several storage operations and a second or more per turn on Azurite, more than the turn itself is
/// worth at a few calls per second), and a worker must keep calling when the task hub's storage is slow or down. A row
/// per project costs one conditional write per slice of turns, needs nothing the task hub does not have, and a
/// worker that cannot reach it simply paces on its own.
/// </para>
/// <para>
/// The row holds one value: the time of the first turn not handed out yet (a "theoretical arrival time", as in
/// the generic cell rate algorithm). To reserve n turns a worker reads it, starts at that time or at
/// <c>now - (Burst - 1)/rate</c> if that is later (turns nobody used in the past are gone), and writes it forward
/// by n/rate with the ETag it read; if another worker wrote first (412), it reads again. Turns handed out are
/// therefore distinct and 1/rate apart on one time line, whatever the number of workers. A turn may be used from
/// its time until <c>(Burst - ½)</c>/rate later and then expires, so in any span of W seconds the workers send at
/// most <c>rate × W + Burst + ½</c> calls: a token bucket of size <c>Burst</c>, with half a turn of slack for a
/// caller woken a little late. (Letting a turn be used a whole interval late allowed three calls within one
/// interval, which a 5/s API with a bucket of 2 throttled when the network brought them closer still.) A worker
/// that dies holding turns wastes
/// them and nothing else: they expire. The clocks of the workers matter only as far as they disagree: a worker
/// whose clock is ahead by d sends its turns d early, adding at most <c>rate × d</c> to the burst.
/// </para>
/// <para>
/// A worker reserves as many turns as it has calls waiting or sent in the last second, up to
/// <see cref="SharedPacingOptions.MaxSlice"/>, so a busy worker writes once per slice rather than once per call, and
/// an idle one holds no turns others could use. When storage fails or is slower than
/// <see cref="SharedPacingOptions.StorageTimeout"/>, the worker paces the project on its own at
/// <see cref="SharedPacingOptions.FallbackShare"/> of the rate for <see cref="SharedPacingOptions.StorageRetryInterval"/>,
/// then tries the schedule again: calls slow down, they never stop, and no storage error reaches a caller.
/// </para>
/// </remarks>
internal sealed class SharedRequestPacer : IRequestPacer, IDisposable
{
    /// <summary>Lost races in one reservation before it yields for a moment and starts over.</summary>
    internal const int MaxRacesPerReservation = 8;

    private readonly IPacingScheduleStore store;
    private readonly IOptionsMonitor<SharedPacingOptions> options;
    private readonly IOptionsMonitor<HuaweiCloudOptions> huaweiOptions;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, ProjectSchedule> projects = new(StringComparer.Ordinal);

    public SharedRequestPacer(
        IPacingScheduleStore store,
        IOptionsMonitor<SharedPacingOptions> options,
        IOptionsMonitor<HuaweiCloudOptions> huaweiOptions,
        TimeProvider time,
        ILogger<SharedRequestPacer> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(huaweiOptions);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.store = store;
        this.options = options;
        this.huaweiOptions = huaweiOptions;
        this.time = time;
        this.logger = logger;
    }

    /// <inheritdoc/>
    public async ValueTask WaitForTurnAsync(string projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        double rate = huaweiOptions.CurrentValue.MaxRequestsPerSecondPerProject;
        if (rate <= 0)
        {
            return;
        }

        ProjectSchedule project = projects.GetOrAdd(projectId, id => new ProjectSchedule(id, KeyOf(id)));
        Interlocked.Increment(ref project.Waiting);
        try
        {
            // One caller at a time takes the project's next turn; the others queue behind it, so turns go in order.
            await project.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await TakeTurnAsync(project, rate, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                project.Gate.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref project.Waiting);
        }
    }

    /// <summary>
    /// The row key of a project: the project id itself when the table accepts it (Huawei project ids are 32 hex
    /// characters), else a hash of it, since <c>/ \ # ?</c> and control characters are not allowed in keys.
    /// </summary>
    internal static string KeyOf(string projectId) =>
        projectId.Length is > 0 and <= 128 && projectId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? projectId
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(projectId)));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (ProjectSchedule project in projects.Values)
        {
            project.Dispose();
        }
    }

    /// <summary>Waits for this caller's turn; runs with the project's gate held.</summary>
    private async Task TakeTurnAsync(ProjectSchedule project, double rate, CancellationToken cancellationToken)
    {
        SharedPacingOptions o = options.CurrentValue;
        TimeSpan interval = TimeSpan.FromSeconds(1 / rate);
        TimeSpan lifetime = (interval * (o.Burst - 1)) + (interval / 2);
        while (true)
        {
            DateTimeOffset now = time.GetUtcNow();
            int expired = 0;
            while (project.Turns.Count > 0 && project.Turns.Peek() + lifetime <= now)
            {
                project.Turns.Dequeue();
                expired++;
            }

            if (expired > 0)
            {
                logger.TurnsExpired(project.Id, expired);
            }

            if (project.Turns.Count > 0)
            {
                DateTimeOffset turn = project.Turns.Peek();
                if (turn > now)
                {
                    // Cancelled while waiting: the turn stays for the next caller.
                    await Task.Delay(turn - now, time, cancellationToken).ConfigureAwait(false);
                    continue; // woken late, the turn may have expired: look again
                }

                project.Turns.Dequeue();
                project.Sent(now);
                return;
            }

            if (now < project.AloneUntil)
            {
                await TakeTurnAloneAsync(project, interval / o.FallbackShare, now, cancellationToken).ConfigureAwait(false);
                return;
            }

            int wanted = Math.Clamp(Math.Max(Volatile.Read(ref project.Waiting), project.SentInLastSecond(now)), 1, o.MaxSlice);
            try
            {
                if (!await ReserveAsync(project, wanted, interval, o, cancellationToken).ConfigureAwait(false))
                {
                    // Every try lost to another worker: storage works, so let the others finish and try again.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50)), time, cancellationToken).ConfigureAwait(false);
                }
                else if (project.AloneUntil != DateTimeOffset.MinValue)
                {
                    project.AloneUntil = DateTimeOffset.MinValue;
                    logger.PacingSharedAgain(project.Id);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Storage is unreachable, failing or too slow: never stop calling, never fail the call; pace alone.
                project.Known = null;
                project.AloneUntil = time.GetUtcNow() + o.StorageRetryInterval;
                logger.PacingAlone(project.Id, ex is OperationCanceledException ? $"no answer within {o.StorageTimeout}" : ex.GetType().Name + ": " + ex.Message, rate * o.FallbackShare, o.StorageRetryInterval);
            }
        }
    }

    /// <summary>This worker's own schedule while the shared one cannot be reached: evenly spaced, no burst.</summary>
    private async Task TakeTurnAloneAsync(ProjectSchedule project, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset turn = project.NextTurnAlone > now ? project.NextTurnAlone : now;
        project.NextTurnAlone = turn + interval;
        if (turn > now)
        {
            await Task.Delay(turn - now, time, cancellationToken).ConfigureAwait(false);
        }

        project.Sent(turn);
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive turns in the shared schedule; <see langword="false"/> when every
    /// try lost the race to other workers. Bounded by <see cref="SharedPacingOptions.StorageTimeout"/> in all.
    /// </summary>
    private async Task<bool> ReserveAsync(ProjectSchedule project, int count, TimeSpan interval, SharedPacingOptions o, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(o.StorageTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        for (int races = 0; races < MaxRacesPerReservation; races++)
        {
            // The schedule as this worker last wrote it: right unless another worker wrote since (then 412, and read).
            StoredSchedule? known = project.Known ?? await store.ReadAsync(project.Key, linked.Token).ConfigureAwait(false);
            DateTimeOffset earliest = time.GetUtcNow() - (interval * (o.Burst - 1));
            DateTimeOffset first = known is { } k && k.NextTurn > earliest ? k.NextTurn : earliest;
            DateTimeOffset next = first + (interval * count);
            string? etag = await store.TryWriteAsync(project.Key, next, known?.ETag, linked.Token).ConfigureAwait(false);
            if (etag is null)
            {
                project.Known = null;
                continue;
            }

            project.Known = new StoredSchedule(next, etag);
            for (int i = 0; i < count; i++)
            {
                project.Turns.Enqueue(first + (interval * i));
            }

            logger.TurnsReserved(project.Id, count, first, races);
            return true;
        }

        return false;
    }

    /// <summary>A project's state on this worker. Everything but <see cref="Waiting"/> is used with <see cref="Gate"/> held.</summary>
    private sealed class ProjectSchedule(string id, string key) : IDisposable
    {
        public readonly SemaphoreSlim Gate = new(1, 1);

        /// <summary>Callers waiting for a turn, the one holding the gate included.</summary>
        public int Waiting;

        public string Id { get; } = id;

        public string Key { get; } = key;

        /// <summary>Turns this worker reserved and has not used yet, earliest first.</summary>
        public Queue<DateTimeOffset> Turns { get; } = new();

        /// <summary>The shared schedule as this worker last read or wrote it.</summary>
        public StoredSchedule? Known { get; set; }

        /// <summary>Until when this worker paces alone (storage failed); <see cref="DateTimeOffset.MinValue"/> when sharing.</summary>
        public DateTimeOffset AloneUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The next turn of this worker's own schedule while alone.</summary>
        public DateTimeOffset NextTurnAlone { get; set; } = DateTimeOffset.MinValue;

        private Queue<DateTimeOffset> RecentlySent { get; } = new();

        public void Sent(DateTimeOffset at) => RecentlySent.Enqueue(at);

        public int SentInLastSecond(DateTimeOffset now)
        {
            while (RecentlySent.Count > 0 && RecentlySent.Peek() <= now - TimeSpan.FromSeconds(1))
            {
                RecentlySent.Dequeue();
            }

            return RecentlySent.Count;
        }

        public void Dispose() => Gate.Dispose();
    }
}
