using NSubstitute;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>A pending_acceptance outcome followed to the owner's decision and a second notification.</summary>
public class FollowPendingAcceptanceOrchestratorTests
{
    private readonly FakeOrchestration orchestration = new();

    private static ProvisioningOutcome Pending() => new()
    {
        InstanceId = FakeOrchestration.InstanceId,
        Result = ProvisioningResult.PendingAcceptance,
        ProjectId = "6e9dfd51d1124e8d8498dce894923a0d",
        Endpoint = FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance),
    };

    private static FollowUpInput Input(TimeSpan? within = null) =>
        new(FakeOrchestration.Input(), Pending(), FakeOrchestration.Start + (within ?? TimeSpan.FromDays(7)));

    private Task<ProvisioningOutcome> RunAsync(FollowUpInput input) => new FollowPendingAcceptanceOrchestrator().RunAsync(orchestration.Context, input);

    [Fact]
    public async Task An_endpoint_the_owner_accepts_is_notified_again_as_accepted_with_its_own_event_id()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance), FakeOrchestration.Endpoint(EndpointStatus.Accepted));

        ProvisioningOutcome outcome = await RunAsync(Input());

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Equal(2, orchestration.Timers.Count);
        var sent = Assert.IsType<NotificationInput>(Assert.Single(orchestration.Calls, c => c.Name == nameof(NotifyActivity)).Input);
        Assert.Equal(CallbackNotifier.FollowUpEventId(FakeOrchestration.InstanceId), sent.Document.EventId);
        Assert.Equal(NotificationDocument.FollowUpType, sent.Document.EventType);
        Assert.Equal(ProvisioningResult.Accepted, sent.Document.Outcome!.Result);
        Assert.True(outcome.Notification!.Delivered);
    }

    [Fact]
    public async Task A_rejected_endpoint_is_notified_as_rejected()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Rejected));

        ProvisioningOutcome outcome = await RunAsync(Input());

        Assert.Equal(ProvisioningResult.Rejected, outcome.Result);
        Assert.Equal("rejected", outcome.Error?.Code);
    }

    [Fact]
    public async Task When_the_follow_up_time_runs_out_the_second_word_says_it_is_still_pending()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance));

        ProvisioningOutcome outcome = await RunAsync(Input(within: TimeSpan.FromMinutes(3)));

        Assert.Equal(ProvisioningResult.PendingAcceptance, outcome.Result);
        Assert.Equal("still_pending", outcome.Error?.Code);
        Assert.Equal(3, orchestration.Timers.Count);
        Assert.Single(orchestration.Calls, c => c.Name == nameof(NotifyActivity));
    }

    [Fact]
    public async Task A_long_watch_starts_its_history_afresh()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance));

        await RunAsync(Input());

        Assert.Equal(FollowPendingAcceptanceOrchestrator.PollsPerGeneration, orchestration.Timers.Count);
        Assert.DoesNotContain(nameof(NotifyActivity), orchestration.CallNames);
        orchestration.Context.Received(1).ContinueAsNew(Arg.Is<object?>(o => ((FollowUpInput)o!).Polls == FollowPendingAcceptanceOrchestrator.PollsPerGeneration), Arg.Any<bool>());
    }

    [Fact]
    public async Task The_request_orchestration_starts_the_follow_up_only_when_asked_and_only_for_pending_acceptance()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input() with { FollowPendingAcceptance = true });

        var started = Assert.Single(orchestration.SubOrchestrations);
        Assert.Equal(FollowPendingAcceptanceOrchestrator.Name, started.Name);
        Assert.Equal(InstanceIds.ForFollowUp(FakeOrchestration.InstanceId), started.InstanceId);
        Assert.Equal(started.InstanceId, outcome.FollowUpInstanceId);
        Assert.Equal(FakeOrchestration.Start + TimeSpan.FromDays(7), ((FollowUpInput)started.Input!).Deadline - (orchestration.Now - FakeOrchestration.Start));
    }

    [Fact]
    public async Task Without_asking_a_pending_acceptance_outcome_is_the_last_word()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Empty(orchestration.SubOrchestrations);
        Assert.Null(outcome.FollowUpInstanceId);
    }
}
