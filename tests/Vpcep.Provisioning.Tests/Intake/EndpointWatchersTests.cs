using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Intake;

public class EndpointWatchersTests
{
    private const string Project = "6e9dfd51d1124e8d8498dce894923a0d";
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("test-hub");
    private readonly FakeTimeProvider clock = new();
    private readonly ProvisioningOptions options = new() { PollInterval = TimeSpan.FromSeconds(4) };
    private readonly EndpointWatchers watchers;
    private readonly List<(string Name, WatchState? State, string? InstanceId)> started = [];

    public EndpointWatchersTests()
    {
        var monitor = Substitute.For<IOptionsMonitor<ProvisioningOptions>>();
        monitor.CurrentValue.Returns(options);
        watchers = new EndpointWatchers(monitor, clock, NullLogger<EndpointWatchers>.Instance);
        client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                started.Add((call.ArgAt<TaskName>(0).Name, call.ArgAt<object?>(1) as WatchState, call.ArgAt<StartOrchestrationOptions?>(2)?.InstanceId));
                return "started";
            });
    }

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus status) =>
        new(EndpointWatchOrchestrator.Name, "id") { RuntimeStatus = status };

    private Task EnsureAsync(params (string, string?)[] scopes) => watchers.EnsureRunningAsync(client, scopes, CancellationToken.None);

    [Fact]
    public async Task A_missing_watcher_is_started_for_the_project_and_region_with_the_poll_interval()
    {
        await EnsureAsync((Project, "cn-north-4"));

        var start = Assert.Single(started);
        Assert.Equal(EndpointWatchOrchestrator.Name, start.Name);
        Assert.Equal(InstanceIds.ForWatcher(Project, "cn-north-4"), start.InstanceId);
        Assert.NotNull(start.State);
        Assert.Equal((Project, "cn-north-4", TimeSpan.FromSeconds(4), (DateTime?)null), (start.State.ProjectId, start.State.Region, start.State.Interval, start.State.LastLookAt));
        Assert.Empty(start.State.Watched);
    }

    [Fact]
    public async Task A_running_watcher_is_left_alone()
    {
        client.GetInstanceAsync(default!, default, default).ReturnsForAnyArgs(Instance(OrchestrationRuntimeStatus.Running));

        await EnsureAsync((Project, "cn-north-4"));

        Assert.Empty(started);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    public async Task A_watcher_that_ended_is_started_again(OrchestrationRuntimeStatus status)
    {
        client.GetInstanceAsync(default!, default, default).ReturnsForAnyArgs(Instance(status));

        await EnsureAsync((Project, "cn-north-4"));

        Assert.Single(started);
    }

    [Fact]
    public async Task A_watcher_seen_running_is_not_asked_about_again_within_the_recheck_time()
    {
        client.GetInstanceAsync(default!, default, default).ReturnsForAnyArgs(Instance(OrchestrationRuntimeStatus.Running));

        await EnsureAsync((Project, "cn-north-4"), (Project, "cn-north-4"));
        await EnsureAsync((Project, "cn-north-4"));
        clock.Advance(EndpointWatchers.RecheckAfter);
        await EnsureAsync((Project, "cn-north-4"));

        await client.ReceivedWithAnyArgs(2).GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task Each_project_and_region_has_its_own_watcher()
    {
        await EnsureAsync((Project, "cn-north-4"), (Project, "ap-southeast-1"), ("0b2f6c8e0a7d4f3b9c1e5d7a8b9c0d1e", "cn-north-4"));

        Assert.Equal(3, started.Select(s => s.InstanceId).Distinct().Count());
    }

    [Fact]
    public async Task A_watcher_that_cannot_be_started_does_not_fail_the_intake()
    {
        client.ScheduleNewOrchestrationInstanceAsync(default, default, default, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("storage down"));

        await EnsureAsync((Project, "cn-north-4"));
    }

    [Fact]
    public async Task Nothing_is_started_with_coalesced_polling_off()
    {
        options.CoalescedPolling = false;

        await EnsureAsync((Project, "cn-north-4"));

        Assert.Empty(started);
        await client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public void Watcher_ids_are_not_request_ids_and_fit_storage_keys()
    {
        string id = InstanceIds.ForWatcher(Project, "cn-north-4");

        Assert.False(InstanceIds.IsWellFormed(id));
        Assert.Matches("^vpcep-watch-[0-9a-f]{32}$", id);
        Assert.NotEqual(id, InstanceIds.ForWatcher(Project, null));
    }
}
