using Microsoft.DurableTask;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Orchestrations;

public class EndpointWatchOrchestratorTests
{
    private readonly FakeWatch watch = new();

    private static TaskFailedException Failure() =>
        new(nameof(ObserveEndpointsActivity), 3, new TaskFailureDetails("Vpcep.Provisioning.Activities.CloudBusyException", "throttled", null, null, null));

    [Fact]
    public async Task An_idle_watcher_waits_for_a_registration_then_looks_at_its_first_look_time_and_tells_the_waiter()
    {
        watch.Registers(FakeWatch.Request("ep-1", TimeSpan.FromSeconds(5), instanceId: "vpcep-waiter"));

        await watch.RunAsync(FakeWatch.State());

        var look = Assert.Single(watch.Looks);
        Assert.Equal(nameof(ObserveEndpointsActivity), look.Name);
        Assert.Equal(["ep-1"], look.Input.EndpointIds);
        Assert.Equal(FakeWatch.ProjectId, look.Input.ProjectId);
        Assert.Equal("cn-north-4", look.Input.Region);
        Assert.Equal(FakeWatch.Start, look.Input.OldestCreatedAt);
        Assert.Equal(FakeWatch.Start.AddSeconds(5), look.At);
        var sent = Assert.Single(watch.Sent);
        Assert.Equal(("vpcep-waiter", EndpointWatchOrchestrator.SettledEvent), (sent.InstanceId, sent.EventName));
        Assert.Equal(EndpointStatus.Accepted, ((EndpointSnapshot)sent.Data).Status);
        Assert.Empty(watch.ContinuedWith!.Watched);
        Assert.Equal(look.At, watch.ContinuedWith.LastLookAt);
    }

    [Fact]
    public async Task One_look_covers_every_watched_endpoint_and_only_settled_ones_are_reported()
    {
        WatchState state = FakeWatch.State(
            new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.Zero)),
            new WatchedEndpoint(FakeWatch.Request("ep-2", TimeSpan.Zero)),
            new WatchedEndpoint(FakeWatch.Request("ep-3", TimeSpan.Zero)));
        watch.Look = _ =>
        [
            new EndpointSnapshot { Id = "ep-1", Status = EndpointStatus.Accepted },
            new EndpointSnapshot { Id = "ep-2", Status = EndpointStatus.Creating },
            new EndpointSnapshot { Id = "ep-3", Status = EndpointStatus.Failed },
        ];

        await watch.RunAsync(state);

        Assert.Equal(["ep-1", "ep-2", "ep-3"], Assert.Single(watch.Looks).Input.EndpointIds);
        Assert.Equal(["vpcep-ep-1", "vpcep-ep-3"], watch.Sent.Select(s => s.InstanceId));
        Assert.Equal(["ep-2"], watch.ContinuedWith!.Watched.Select(w => w.Request.EndpointId));
    }

    [Fact]
    public async Task Looks_are_never_closer_than_the_interval_even_when_timers_fire_early()
    {
        watch.TimersFireEarlyBy = TimeSpan.FromSeconds(1);
        WatchState state = FakeWatch.State(new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.Zero))) with { LastLookAt = FakeWatch.Start };
        watch.Look = _ => [new EndpointSnapshot { Id = "ep-1", Status = EndpointStatus.Creating }];

        await watch.RunAsync(state);

        Assert.Equal(FakeWatch.Start.AddSeconds(3), Assert.Single(watch.Looks).At);
        Assert.Equal([FakeWatch.Start.AddSeconds(3), FakeWatch.Start.AddSeconds(3)], watch.Timers);
    }

    [Fact]
    public async Task The_next_look_is_one_interval_after_this_one_started_however_long_it_took()
    {
        watch.LookTakes = TimeSpan.FromSeconds(2);
        watch.Look = _ => [new EndpointSnapshot { Id = "ep-1", Status = EndpointStatus.Creating }];

        await watch.RunAsync(FakeWatch.State(new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.Zero))));

        Assert.Equal(FakeWatch.Start, watch.ContinuedWith!.LastLookAt);
    }

    [Fact]
    public async Task An_endpoint_missing_from_the_listings_is_dropped_after_the_allowed_misses()
    {
        var entry = new WatchedEndpoint(FakeWatch.Request("ep-gone", TimeSpan.Zero), EndpointWatchOrchestrator.MaxMisses - 2);
        watch.Look = _ => [];

        await watch.RunAsync(FakeWatch.State(entry));
        Assert.Equal(EndpointWatchOrchestrator.MaxMisses - 1, Assert.Single(watch.ContinuedWith!.Watched).Misses);

        var again = new FakeWatch { Look = _ => [] };
        await again.RunAsync(watch.ContinuedWith);
        Assert.Empty(again.ContinuedWith!.Watched);
        Assert.Empty(again.Sent);
    }

    [Fact]
    public async Task A_watch_past_its_deadline_ends()
    {
        var entry = new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.Zero, until: TimeSpan.FromSeconds(1)));
        watch.Now = FakeWatch.Start.AddSeconds(2);
        watch.Look = _ => [new EndpointSnapshot { Id = "ep-1", Status = EndpointStatus.Creating }];

        await watch.RunAsync(FakeWatch.State(entry));

        Assert.Empty(watch.ContinuedWith!.Watched);
    }

    [Fact]
    public async Task A_failed_look_is_skipped_and_everything_stays_watched()
    {
        var entry = new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.Zero));
        watch.Look = _ => throw Failure();

        await watch.RunAsync(FakeWatch.State(entry));

        Assert.Empty(watch.Sent);
        Assert.Equal(entry, Assert.Single(watch.ContinuedWith!.Watched));
        Assert.NotNull(watch.ContinuedWith.LastLookAt);
    }

    [Fact]
    public async Task A_registration_that_arrives_during_the_look_is_carried_into_the_next_run()
    {
        var entry = new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.Zero));
        watch.Look = _ => [new EndpointSnapshot { Id = "ep-1", Status = EndpointStatus.Accepted }];
        watch.RegistersDuringTheLook(FakeWatch.Request("ep-late", TimeSpan.FromSeconds(5)));

        await watch.RunAsync(FakeWatch.State(entry));

        Assert.Equal(["ep-late"], watch.ContinuedWith!.Watched.Select(w => w.Request.EndpointId));
    }

    [Fact]
    public async Task Endpoints_not_yet_due_for_a_first_look_are_not_asked_about()
    {
        WatchState state = FakeWatch.State(
            new WatchedEndpoint(FakeWatch.Request("ep-due", TimeSpan.FromSeconds(5))),
            new WatchedEndpoint(FakeWatch.Request("ep-later", TimeSpan.FromSeconds(60))));

        await watch.RunAsync(state);

        Assert.Equal(["ep-due"], Assert.Single(watch.Looks).Input.EndpointIds);
        Assert.Equal(["ep-later"], watch.ContinuedWith!.Watched.Select(w => w.Request.EndpointId));
    }

    [Fact]
    public async Task A_second_registration_of_an_endpoint_replaces_the_first()
    {
        var entry = new WatchedEndpoint(FakeWatch.Request("ep-1", TimeSpan.FromSeconds(5)), Misses: 2);
        watch.Registers(FakeWatch.Request("ep-1", TimeSpan.FromSeconds(5)) with { Until = FakeWatch.Start.AddMinutes(20) });
        watch.Look = _ => [new EndpointSnapshot { Id = "ep-1", Status = EndpointStatus.Creating }];

        await watch.RunAsync(FakeWatch.State(entry));

        WatchedEndpoint kept = Assert.Single(watch.ContinuedWith!.Watched);
        Assert.Equal((0, FakeWatch.Start.AddMinutes(20)), (kept.Misses, kept.Request.Until));
    }
}
