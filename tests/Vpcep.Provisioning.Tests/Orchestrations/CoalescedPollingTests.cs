using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Orchestrations;

/// <summary>A request whose endpoint its project's watcher observes: it waits for the watcher's word, and looks itself only after a silence.</summary>
public class CoalescedPollingTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromMinutes(2);
    private readonly FakeOrchestration orchestration = new();

    private Task<ProvisioningOutcome> RunAsync() =>
        orchestration.RunAsync(FakeOrchestration.Input(settings: FakeOrchestration.CoalescedSettings(Fallback)));

    [Fact]
    public async Task The_endpoint_is_registered_with_its_projects_watcher_with_its_first_look_and_deadline()
    {
        orchestration.Settled.SetResult(FakeOrchestration.Endpoint(EndpointStatus.Accepted));

        await RunAsync();

        var sent = Assert.Single(orchestration.Sent);
        ProvisioningRequest request = FakeOrchestration.Request();
        Assert.Equal(InstanceIds.ForWatcher(request.ProjectId, request.Region), sent.InstanceId);
        Assert.Equal(EndpointWatchOrchestrator.WatchEvent, sent.EventName);
        var watch = (WatchRequest)sent.Data;
        Assert.Equal(FakeOrchestration.InstanceId, watch.InstanceId);
        Assert.Equal(FakeOrchestration.EndpointId, watch.EndpointId);
        Assert.Equal(FakeOrchestration.Start, watch.CreatedAt);
        Assert.Equal(sent.At.AddSeconds(5), watch.FirstLookAt);
        Assert.Equal(sent.At.AddMinutes(10), watch.Until);
    }

    [Fact]
    public async Task The_watchers_word_ends_the_wait_without_a_status_call_of_its_own()
    {
        orchestration.Settled.SetResult(FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance));

        ProvisioningOutcome outcome = await RunAsync();

        Assert.Equal(ProvisioningResult.PendingAcceptance, outcome.Result);
        Assert.DoesNotContain(nameof(GetEndpointActivity), orchestration.CallNames);
    }

    [Fact]
    public async Task The_pending_fallback_timer_is_cancelled_when_the_word_arrives_so_the_orchestration_can_complete()
    {
        orchestration.TimersHang = true;

        Task<ProvisioningOutcome> run = RunAsync();
        Assert.False(run.IsCompleted);
        orchestration.Settled.SetResult(FakeOrchestration.Endpoint(EndpointStatus.Accepted));
        ProvisioningOutcome outcome = await run;

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.True(Assert.Single(orchestration.TimerTokens).IsCancellationRequested);
    }

    [Fact]
    public async Task A_silent_watcher_makes_the_request_look_itself_after_the_fallback_and_register_again()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating));

        ProvisioningOutcome outcome = await RunAsync();

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        DateTime[] looks = [.. orchestration.Calls.Where(c => c.Name == nameof(GetEndpointActivity)).Select(c => c.At)];
        Assert.Equal(2, looks.Length);
        Assert.Equal(FakeOrchestration.Start + TimeSpan.FromSeconds(5) + Fallback, looks[0]);
        Assert.Equal(looks[0] + Fallback, looks[1]);
        Assert.Equal(2, orchestration.Sent.Count(s => s.EventName == EndpointWatchOrchestrator.WatchEvent));
        Assert.Equal(looks[0], ((WatchRequest)orchestration.Sent[1].Data).FirstLookAt);
    }

    [Fact]
    public async Task A_silent_watcher_and_an_endpoint_that_never_settles_still_end_at_the_deadline()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Creating));

        ProvisioningOutcome outcome = await RunAsync();

        Assert.Equal(ProvisioningResult.TimedOut, outcome.Result);
        Assert.True(orchestration.Calls.Count(c => c.Name == nameof(GetEndpointActivity)) <= 6, "at most one look per fallback over 10 minutes");
    }

    [Fact]
    public async Task Timers_that_fire_early_are_re_armed_so_the_fallback_is_never_early()
    {
        orchestration.TimersFireEarlyBy = TimeSpan.FromSeconds(1);
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating));

        await RunAsync();

        DateTime first = orchestration.Calls.First(c => c.Name == nameof(GetEndpointActivity)).At;
        Assert.Equal(FakeOrchestration.Start + TimeSpan.FromSeconds(5) + Fallback, first);
    }

    [Fact]
    public async Task Without_coalesced_polling_nothing_is_sent_to_a_watcher()
    {
        await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Empty(orchestration.Sent);
        Assert.Contains(nameof(GetEndpointActivity), orchestration.CallNames);
    }
}
