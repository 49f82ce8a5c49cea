using System.Text.Json;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Deprovisioning;

/// <summary>The deletion of a request's endpoint: delete, wait until gone with durable timers, notify.</summary>
public class DeprovisionEndpointOrchestratorTests
{
    private const string RequestId = "vpcep-fedcba9876543210fedcba9876543210";

    private readonly FakeOrchestration orchestration = new();

    private static DeprovisionInput Input(string? endpointId = FakeOrchestration.EndpointId, CreateEndpointInput? lookup = null, WorkflowSettings? settings = null, TimeSpan? lookAgainAfter = null, int run = 1) =>
        new(RequestId, FakeOrchestration.Request().ProjectId, "cn-north-4", endpointId, lookup,
            [new NotificationTarget(NotificationChannels.Webhook, FakeOrchestration.CallbackUrl)], settings ?? FakeOrchestration.Settings(), "caller-a", lookAgainAfter, run);

    private Task<DeprovisionOutcome> RunAsync(DeprovisionInput input) => new DeprovisionEndpointOrchestrator().RunAsync(orchestration.Context, input);

    private int Count(string activity) => orchestration.Calls.Count(c => c.Name == activity);

    [Fact]
    public async Task A_deleted_endpoint_is_waited_for_until_the_service_no_longer_has_it_and_then_notified_as_deleted()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Deleting), null);

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal((DeprovisionResult.Deleted, FakeOrchestration.EndpointId, RequestId), (outcome.Result, outcome.EndpointId, outcome.InstanceId));
        Assert.Null(outcome.Error);
        Assert.Equal([FakeOrchestration.Start.AddSeconds(5), FakeOrchestration.Start.AddSeconds(8)], orchestration.Timers);
        Assert.Equal(
            [nameof(DeleteEndpointActivity), nameof(GetEndpointActivity), nameof(GetEndpointActivity), nameof(NotifyActivity)],
            orchestration.CallNames);
        var deleted = Assert.IsType<GetEndpointInput>(orchestration.Calls[0].Input);
        Assert.Equal(new GetEndpointInput(FakeOrchestration.Request().ProjectId, "cn-north-4", FakeOrchestration.EndpointId), deleted);
        Assert.Equal(FakeOrchestration.Start.AddSeconds(8), outcome.CompletedAt.UtcDateTime);
    }

    [Fact]
    public async Task The_outcome_is_notified_with_an_event_id_and_type_of_its_own_and_the_outcome_as_body()
    {
        orchestration.PollsSee((EndpointSnapshot?)null);

        DeprovisionOutcome outcome = await RunAsync(Input());

        var sent = Assert.IsType<NotificationInput>(Assert.Single(orchestration.Calls, c => c.Name == nameof(NotifyActivity)).Input);
        Assert.Equal(("deprovision_" + RequestId, NotificationDocument.DeprovisionType, RequestId), (sent.Document.EventId, sent.Document.EventType, sent.Document.Subject));
        Assert.Equal((NotificationChannels.Webhook, FakeOrchestration.CallbackUrl), (sent.Channel, sent.Target));
        using JsonDocument body = JsonDocument.Parse(sent.Document.Body());
        Assert.Equal(DeprovisionResult.Deleted, body.RootElement.GetProperty("result").GetString());
        Assert.Equal(FakeOrchestration.EndpointId, body.RootElement.GetProperty("endpoint_id").GetString());
        Assert.False(body.RootElement.TryGetProperty("notification", out _));
        Assert.True(outcome.Notification!.Delivered);
        Assert.Equal("deprovision_" + RequestId, outcome.Notification.EventId);
    }

    [Fact]
    public async Task A_deprovisioning_started_again_notifies_a_new_event_numbered_by_its_run()
    {
        orchestration.PollsSee((EndpointSnapshot?)null);

        await RunAsync(Input(run: 2));

        var sent = Assert.IsType<NotificationInput>(Assert.Single(orchestration.Calls, c => c.Name == nameof(NotifyActivity)).Input);
        Assert.Equal($"deprovision_{RequestId}_2", sent.Document.EventId);
    }

    [Fact]
    public async Task A_delete_repeated_after_a_crash_meets_the_first_delete_in_progress_and_waits_for_it_instead_of_failing()
    {
        // The first run's delete was accepted but its answer was lost: the repeated delete answers EndPoint.2018.
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => new DeleteEndpointResult(DeleteAnswers.AlreadyDeleting));
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Deleting), null);

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal(DeprovisionResult.Deleted, outcome.Result);
        Assert.Equal(1, Count(nameof(DeleteEndpointActivity)));
        Assert.Equal(2, Count(nameof(GetEndpointActivity)));
    }

    [Fact]
    public async Task A_404_on_the_first_delete_ends_already_gone_at_once_without_waiting()
    {
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => new DeleteEndpointResult(DeleteAnswers.NotFound));

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal(DeprovisionResult.AlreadyGone, outcome.Result);
        Assert.Empty(orchestration.Timers);
        Assert.Equal([nameof(DeleteEndpointActivity), nameof(NotifyActivity)], orchestration.CallNames);
    }

    [Fact]
    public async Task A_404_on_a_delete_repeated_after_one_was_accepted_counts_as_deleted()
    {
        // The service showed the endpoint accepted again after the delete (it did not take): deleted again, it is gone.
        var answers = new Queue<DeleteEndpointResult>([new(DeleteAnswers.Accepted), new(DeleteAnswers.NotFound)]);
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => answers.Dequeue());
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Accepted));

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal(DeprovisionResult.Deleted, outcome.Result);
        Assert.Equal(2, Count(nameof(DeleteEndpointActivity)));
    }

    [Fact]
    public async Task A_delete_the_cloud_refuses_ends_failed_with_the_clouds_error()
    {
        var error = new ProvisioningError("EndPoint.0002", "Parameter error.", 400, "req-9");
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => new DeleteEndpointResult(DeleteAnswers.Refused, error));

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal((DeprovisionResult.Failed, error), (outcome.Result, outcome.Error));
        Assert.Equal(0, Count(nameof(GetEndpointActivity)));
        Assert.Equal(1, Count(nameof(NotifyActivity)));
    }

    [Fact]
    public async Task An_endpoint_still_deleting_at_the_deadline_ends_timed_out_and_no_timer_goes_past_the_deadline()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Deleting));
        WorkflowSettings settings = FakeOrchestration.Settings(creationTimeout: TimeSpan.FromSeconds(30));

        DeprovisionOutcome outcome = await RunAsync(Input(settings: settings));

        Assert.Equal((DeprovisionResult.TimedOut, "timed_out"), (outcome.Result, outcome.Error?.Code));
        Assert.All(orchestration.Timers, t => Assert.True(t <= FakeOrchestration.Start.AddSeconds(30)));
        Assert.Equal(FakeOrchestration.Start.AddSeconds(30), orchestration.Timers[^1]);
    }

    [Fact]
    public async Task An_endpoint_still_being_created_is_asked_again_after_a_poll_interval()
    {
        var answers = new Queue<DeleteEndpointResult>([new(DeleteAnswers.StillCreating), new(DeleteAnswers.Accepted)]);
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => answers.Dequeue());
        orchestration.PollsSee((EndpointSnapshot?)null);

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal(DeprovisionResult.Deleted, outcome.Result);
        ActivityCall[] deletes = [.. orchestration.Calls.Where(c => c.Name == nameof(DeleteEndpointActivity))];
        Assert.Equal([FakeOrchestration.Start, FakeOrchestration.Start.AddSeconds(3)], deletes.Select(d => d.At));
    }

    [Fact]
    public async Task A_request_whose_state_names_no_endpoint_is_looked_up_as_after_a_lost_create_and_the_one_found_is_deleted()
    {
        var lookup = new CreateEndpointInput(FakeOrchestration.Request(), RequestId, FakeOrchestration.Start);
        orchestration.OnActivity(nameof(FindCreatedEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Accepted));
        orchestration.PollsSee((EndpointSnapshot?)null);

        DeprovisionOutcome outcome = await RunAsync(Input(endpointId: null, lookup: lookup));

        Assert.Equal((DeprovisionResult.Deleted, FakeOrchestration.EndpointId), (outcome.Result, outcome.EndpointId));
        Assert.Same(lookup, Assert.Single(orchestration.Calls, c => c.Name == nameof(FindCreatedEndpointActivity)).Input);
        Assert.Equal(FakeOrchestration.EndpointId, Assert.IsType<GetEndpointInput>(orchestration.Calls.First(c => c.Name == nameof(DeleteEndpointActivity)).Input).EndpointId);
    }

    [Fact]
    public async Task A_request_that_made_no_endpoint_ends_already_gone_without_deleting_anything()
    {
        DeprovisionOutcome outcome = await RunAsync(Input(endpointId: null, lookup: new CreateEndpointInput(FakeOrchestration.Request(), RequestId, FakeOrchestration.Start)));

        Assert.Equal((DeprovisionResult.AlreadyGone, null), (outcome.Result, outcome.EndpointId));
        Assert.Equal([nameof(FindCreatedEndpointActivity), nameof(NotifyActivity)], orchestration.CallNames);
    }

    [Fact]
    public async Task A_request_with_nothing_to_look_for_ends_already_gone_without_a_cloud_call()
    {
        DeprovisionOutcome outcome = await RunAsync(Input(endpointId: null));

        Assert.Equal(DeprovisionResult.AlreadyGone, outcome.Result);
        Assert.Equal([nameof(NotifyActivity)], orchestration.CallNames);
    }

    [Fact]
    public async Task A_cancelled_request_is_looked_up_again_after_the_settle_time_so_a_create_in_flight_is_not_missed()
    {
        var lookup = new CreateEndpointInput(FakeOrchestration.Request(), RequestId, FakeOrchestration.Start);
        var found = new Queue<EndpointSnapshot?>([null, FakeOrchestration.Endpoint(EndpointStatus.Creating)]);
        orchestration.OnActivity(nameof(FindCreatedEndpointActivity), _ => found.Dequeue());
        orchestration.PollsSee((EndpointSnapshot?)null);

        DeprovisionOutcome outcome = await RunAsync(Input(endpointId: null, lookup: lookup, lookAgainAfter: TimeSpan.FromMinutes(1)));

        Assert.Equal(DeprovisionResult.Deleted, outcome.Result);
        ActivityCall[] finds = [.. orchestration.Calls.Where(c => c.Name == nameof(FindCreatedEndpointActivity))];
        Assert.Equal([FakeOrchestration.Start, FakeOrchestration.Start.AddMinutes(1)], finds.Select(f => f.At));
    }

    [Fact]
    public async Task A_cloud_busy_for_longer_than_the_patience_ends_timed_out_cloud_busy()
    {
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => throw FakeOrchestration.Failure(nameof(DeleteEndpointActivity), typeof(CloudBusyException).FullName!, "Throttled."));

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal((DeprovisionResult.TimedOut, ProvisionEndpointOrchestrator.CloudBusyCode), (outcome.Result, outcome.Error?.Code));
    }

    [Fact]
    public async Task A_delete_that_keeps_failing_otherwise_ends_failed_retries_exhausted()
    {
        orchestration.OnActivity(nameof(DeleteEndpointActivity), _ => throw FakeOrchestration.Failure(nameof(DeleteEndpointActivity), "Vpcep.HuaweiCloud.HuaweiCloudException", "401 APIG.0301"));

        DeprovisionOutcome outcome = await RunAsync(Input());

        Assert.Equal((DeprovisionResult.Failed, ProvisionEndpointOrchestrator.RetriesExhaustedCode), (outcome.Result, outcome.Error?.Code));
        Assert.Contains("APIG.0301", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_custom_status_says_it_waits_while_the_endpoint_is_deleting()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Deleting), null);

        await RunAsync(Input());

        DeprovisionStatus[] statuses = [.. orchestration.OtherStatuses.OfType<DeprovisionStatus>()];
        Assert.Contains(statuses, s => s is { Phase: DeprovisionPhase.Waiting, EndpointStatus: EndpointStatus.Deleting, EndpointId: FakeOrchestration.EndpointId });
        Assert.Equal(DeprovisionPhase.Completed, statuses[^1].Phase);
    }
}

/// <summary>A request ending failed or timed out with an endpoint, with <c>Provisioning:DeprovisionFailedEndpoints</c>.</summary>
public class DeprovisionFailedEndpointsTests
{
    private readonly FakeOrchestration orchestration = new();

    [Fact]
    public async Task With_the_setting_a_request_that_failed_with_an_endpoint_starts_its_own_deprovisioning_which_outlives_it()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Failed));
        ProvisioningInput input = FakeOrchestration.Input(settings: FakeOrchestration.Settings() with { DeprovisionFailedEndpoints = true });

        ProvisioningOutcome outcome = await orchestration.RunAsync(input);

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        (string name, object? started, string instanceId) = Assert.Single(orchestration.SubOrchestrations);
        Assert.Equal((DeprovisionEndpointOrchestrator.Name, InstanceIds.ForDeprovision(FakeOrchestration.InstanceId)), (name, instanceId));
        var deprovision = Assert.IsType<DeprovisionInput>(started);
        Assert.Equal((FakeOrchestration.InstanceId, FakeOrchestration.EndpointId, (CreateEndpointInput?)null), (deprovision.RequestInstanceId, deprovision.EndpointId, deprovision.Lookup));
        Assert.Equal(input.Targets, deprovision.Targets);
    }

    [Fact]
    public async Task With_the_setting_an_accepted_request_starts_nothing()
    {
        ProvisioningInput input = FakeOrchestration.Input(settings: FakeOrchestration.Settings() with { DeprovisionFailedEndpoints = true });

        ProvisioningOutcome outcome = await orchestration.RunAsync(input);

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Empty(orchestration.SubOrchestrations);
    }

    [Fact]
    public async Task Without_the_setting_a_failed_request_leaves_its_endpoint_alone()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Failed));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Empty(orchestration.SubOrchestrations);
    }

    [Fact]
    public void The_setting_is_off_by_default_and_copied_into_the_workflow_settings()
    {
        Assert.False(new ProvisioningOptions().DeprovisionFailedEndpoints);
        Assert.True(WorkflowSettings.From(new ProvisioningOptions { DeprovisionFailedEndpoints = true }).DeprovisionFailedEndpoints);
    }
}
