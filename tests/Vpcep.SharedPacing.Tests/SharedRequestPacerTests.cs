using Azure;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Vpcep.SharedPacing.Tests;

/// <summary>
/// The shared schedule with a fake clock and an in-memory store that keeps the table's ETag rules: workers together
/// stay under the rate, a busy worker writes once per slice, a dead worker's turns expire, and a worker that cannot
/// reach storage goes on alone at its fallback share, never stopping and never failing a call.
/// </summary>
public sealed class SharedRequestPacerTests
{
    private const string Project = Workers.Project;

    [Fact]
    public async Task Two_busy_workers_on_one_schedule_together_stay_within_the_rate_and_its_burst()
    {
        var workers = new Workers();
        var store = new InMemoryScheduleStore();
        using SharedRequestPacer first = workers.Worker(store, rate: 5);
        using SharedRequestPacer second = workers.Worker(store, rate: 5);
        List<Task> calls = [.. workers.Call(first, 1, 40), .. workers.Call(second, 2, 40)];

        await workers.RunForAsync(TimeSpan.FromSeconds(10));

        // 5 calls/s and a burst of 1: at most 5 × 1 + 1 in any second, and the rate is used (50 turns in 10 s).
        Assert.InRange(workers.MostIn(TimeSpan.FromSeconds(1)), 5, 6);
        Assert.InRange(workers.Sent.Count, 46, 51);
        Assert.True(workers.Sent.Count(s => s.Worker == 1) >= 10, "the first worker was starved");
        Assert.True(workers.Sent.Count(s => s.Worker == 2) >= 10, "the second worker was starved");
    }

    [Fact]
    public async Task A_busy_worker_writes_once_per_slice_of_turns_not_once_per_call()
    {
        var workers = new Workers();
        var store = new InMemoryScheduleStore();
        using SharedRequestPacer worker = workers.Worker(store, rate: 10, new SharedPacingOptions { ConnectionString = "x", MaxSlice = 10 });
        List<Task> calls = workers.Call(worker, 1, 50);

        await workers.RunForAsync(TimeSpan.FromSeconds(6));

        Assert.Equal(50, workers.Sent.Count);
        Assert.InRange(store.Writes, 5, 8);
    }

    [Fact]
    public async Task Turns_a_dead_worker_reserved_expire_and_cost_the_others_at_most_its_slice()
    {
        var workers = new Workers();
        var store = new InMemoryScheduleStore();

        // A worker reserved a slice of 10 turns at 5/s (until 2 s from now) and died before using any of them.
        Assert.NotNull(await store.TryWriteAsync(Project, workers.Start + TimeSpan.FromSeconds(2), null, CancellationToken.None));

        using SharedRequestPacer survivor = workers.Worker(store, rate: 5);
        List<Task> calls = workers.Call(survivor, 2, 10);
        await workers.RunForAsync(TimeSpan.FromSeconds(5));

        TimeSpan[] sent = [.. workers.Sent.Select(s => s.At).Order()];
        Assert.Equal(10, sent.Length);
        Assert.Equal(TimeSpan.FromSeconds(2), sent[0]);
        Assert.Equal(TimeSpan.FromSeconds(3.8), sent[^1]); // then 5/s again
    }

    [Fact]
    public async Task After_a_quiet_spell_at_most_Burst_calls_go_at_once_then_one_per_interval()
    {
        var workers = new Workers();
        var store = new InMemoryScheduleStore();
        using SharedRequestPacer worker = workers.Worker(store, rate: 2, new SharedPacingOptions { ConnectionString = "x", Burst = 3 });
        List<Task> calls = workers.Call(worker, 1, 5);

        await workers.RunForAsync(TimeSpan.FromSeconds(3));

        TimeSpan[] sent = [.. workers.Sent.Select(s => s.At).Order()];
        Assert.Equal(5, sent.Length);
        Assert.Equal(3, sent.Count(t => t == TimeSpan.Zero));
        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], sent[3..]);
    }

    [Fact]
    public async Task When_storage_is_unreachable_calls_go_on_alone_at_the_fallback_share_and_none_fails()
    {
        var workers = new Workers();
        IPacingScheduleStore store = Substitute.For<IPacingScheduleStore>();
        store.ReadAsync(default!, default).ThrowsAsyncForAnyArgs(new RequestFailedException(503, "Service Unavailable"));
        using SharedRequestPacer worker = workers.Worker(store, rate: 4, new SharedPacingOptions { ConnectionString = "x", FallbackShare = 0.25 });
        List<Task> calls = workers.Call(worker, 1, 5);

        await workers.RunForAsync(TimeSpan.FromSeconds(4.5));

        await Task.WhenAll(calls);
        TimeSpan[] sent = [.. workers.Sent.Select(s => s.At).Order()];
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)], sent); // 4/s × 0.25
        await store.ReceivedWithAnyArgs(1).ReadAsync(default!, default); // not again before StorageRetryInterval
    }

    [Fact]
    public async Task When_storage_does_not_answer_within_the_storage_timeout_the_call_goes_on_alone()
    {
        var workers = new Workers();
        IPacingScheduleStore store = Substitute.For<IPacingScheduleStore>();
        store.ReadAsync(default!, default).ReturnsForAnyArgs(async call =>
        {
            await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
            return (StoredSchedule?)null;
        });
        using SharedRequestPacer worker = workers.Worker(store, rate: 4, new SharedPacingOptions { ConnectionString = "x", StorageTimeout = TimeSpan.FromSeconds(2) });
        List<Task> calls = workers.Call(worker, 1, 1);

        await workers.RunForAsync(TimeSpan.FromSeconds(2.5));

        await Task.WhenAll(calls);
        Assert.InRange(Assert.Single(workers.Sent).At, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.05));
    }

    [Fact]
    public async Task After_the_retry_interval_a_worker_that_paced_alone_goes_back_to_the_shared_schedule()
    {
        var workers = new Workers();
        var shared = new InMemoryScheduleStore();
        IPacingScheduleStore store = Substitute.For<IPacingScheduleStore>();
        int reads = 0;
        store.ReadAsync(default!, default).ReturnsForAnyArgs(call => ++reads == 1
            ? throw new HttpRequestException("connection refused")
            : shared.ReadAsync(call.ArgAt<string>(0), call.Arg<CancellationToken>()));
        store.TryWriteAsync(default!, default, default, default).ReturnsForAnyArgs(call =>
            shared.TryWriteAsync(call.ArgAt<string>(0), call.ArgAt<DateTimeOffset>(1), call.ArgAt<string?>(2), call.Arg<CancellationToken>()));
        using SharedRequestPacer worker = workers.Worker(store, rate: 4, new SharedPacingOptions { ConnectionString = "x", StorageRetryInterval = TimeSpan.FromSeconds(3) });
        List<Task> calls = workers.Call(worker, 1, 12);

        await workers.RunForAsync(TimeSpan.FromSeconds(5));

        // Alone at 1/s for 3 s (turns at 0, 1, 2), then back on the shared 4/s from 3 s.
        TimeSpan[] sent = [.. workers.Sent.Select(s => s.At).Order()];
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], sent[..3]);
        Assert.True(sent.Length >= 10, $"only {sent.Length} calls went");
        Assert.True(shared.Writes >= 1);
    }

    [Fact]
    public async Task A_caller_cancelled_while_it_waits_is_cancelled_and_its_turn_goes_to_the_next_caller()
    {
        var workers = new Workers();
        var store = new InMemoryScheduleStore();
        using SharedRequestPacer worker = workers.Worker(store, rate: 1);
        List<Task> first = workers.Call(worker, 1, 1);
        await workers.RunForAsync(TimeSpan.FromMilliseconds(50));
        using var cancel = new CancellationTokenSource();
        List<Task> impatient = workers.Call(worker, 2, 1, cancel.Token);
        await workers.RunForAsync(TimeSpan.FromMilliseconds(50));
        await cancel.CancelAsync();
        List<Task> patient = workers.Call(worker, 3, 1);

        await workers.RunForAsync(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient[0]);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(workers.Sent, s => s.Worker == 3).At);
    }

    [Fact]
    public async Task With_pacing_off_no_call_waits_and_storage_is_never_asked()
    {
        var workers = new Workers();
        IPacingScheduleStore store = Substitute.For<IPacingScheduleStore>();
        using SharedRequestPacer worker = workers.Worker(store, rate: 0);

        await worker.WaitForTurnAsync(Project, CancellationToken.None);

        Assert.Empty(store.ReceivedCalls());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef")]
    [InlineData("my-project_1.x", "my-project_1.x")]
    public void A_project_id_the_table_accepts_is_its_own_key(string projectId, string key)
    {
        Assert.Equal(key, SharedRequestPacer.KeyOf(projectId));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("")]
    [InlineData("a?b\\c")]
    public void A_project_id_with_characters_keys_refuse_is_keyed_by_its_hash(string projectId)
    {
        string key = SharedRequestPacer.KeyOf(projectId);

        Assert.StartsWith("sha256-", key, StringComparison.Ordinal);
        Assert.Equal(key, SharedRequestPacer.KeyOf(projectId));
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?');
    }
}
