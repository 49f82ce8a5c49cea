using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Orchestrations;

public class ProvisionEndpointOrchestratorTests
{
    private static readonly TimeSpan Seconds5 = TimeSpan.FromSeconds(5);
    private readonly FakeOrchestration orchestration = new();

    private static DateTime At(double seconds) => FakeOrchestration.Start.AddSeconds(seconds);

    [Fact]
    public async Task An_endpoint_that_becomes_accepted_ends_accepted_with_its_fields_and_a_delivered_notification()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating), FakeOrchestration.Endpoint(EndpointStatus.Accepted));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Null(outcome.Error);
        Assert.Equal(FakeOrchestration.InstanceId, outcome.InstanceId);
        Assert.Equal("6e9dfd51d1124e8d8498dce894923a0d", outcome.ProjectId);
        Assert.Equal("cn-north-4", outcome.Region);
        Assert.Equivalent(FakeOrchestration.Endpoint(EndpointStatus.Accepted), outcome.Endpoint, strict: true);
        Assert.Equal(new DateTimeOffset(FakeOrchestration.Start), outcome.StartedAt);
        Assert.Equal(new DateTimeOffset(At(8)), outcome.CompletedAt);
        Assert.Equal((FakeOrchestration.CallbackUrl, true, NotificationStates.Delivered), (outcome.Notification?.Target, outcome.Notification?.Delivered, outcome.Notification?.State));
        Assert.Equal(
            [nameof(ValidateInCloudActivity), nameof(CreateEndpointActivity), nameof(GetEndpointActivity), nameof(GetEndpointActivity), nameof(NotifyActivity)],
            orchestration.CallNames);
    }

    [Fact]
    public async Task The_custom_status_follows_each_phase_in_order()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating), FakeOrchestration.Endpoint(EndpointStatus.Accepted));

        await orchestration.RunAsync(FakeOrchestration.Input());

        const string id = FakeOrchestration.EndpointId;
        Assert.Equal(
            [
                new ProvisioningStatus(ProvisioningPhase.Validating),
                new ProvisioningStatus(ProvisioningPhase.Creating),
                new ProvisioningStatus(ProvisioningPhase.Polling, id, EndpointStatus.Creating, 0),
                new ProvisioningStatus(ProvisioningPhase.Polling, id, EndpointStatus.Creating, 1),
                new ProvisioningStatus(ProvisioningPhase.Polling, id, EndpointStatus.Accepted, 2),
                new ProvisioningStatus(ProvisioningPhase.Notifying, id, EndpointStatus.Accepted),
                new ProvisioningStatus(ProvisioningPhase.Completed, id, EndpointStatus.Accepted),
            ],
            orchestration.Statuses);
    }

    [Fact]
    public async Task The_first_poll_waits_the_initial_delay_and_later_polls_the_poll_interval()
    {
        orchestration.PollsSee(
            FakeOrchestration.Endpoint(EndpointStatus.Creating),
            FakeOrchestration.Endpoint(EndpointStatus.Creating),
            FakeOrchestration.Endpoint(EndpointStatus.Accepted));

        await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal([At(5), At(8), At(11)], orchestration.Timers);
        Assert.Equal([At(5), At(8), At(11)], orchestration.Calls.Where(c => c.Name == nameof(GetEndpointActivity)).Select(c => c.At));
    }

    [Fact]
    public async Task Polls_ask_for_the_created_endpoint_in_the_requests_project_and_region()
    {
        await orchestration.RunAsync(FakeOrchestration.Input());

        ActivityCall poll = Assert.Single(orchestration.Calls, c => c.Name == nameof(GetEndpointActivity));
        Assert.Equal(new GetEndpointInput("6e9dfd51d1124e8d8498dce894923a0d", "cn-north-4", FakeOrchestration.EndpointId), poll.Input);
    }

    [Fact]
    public async Task Create_gets_the_request_the_instance_id_and_the_start_time_as_its_marker()
    {
        ProvisioningInput input = FakeOrchestration.Input();

        await orchestration.RunAsync(input);

        ActivityCall create = Assert.Single(orchestration.Calls, c => c.Name == nameof(CreateEndpointActivity));
        Assert.Equal(new CreateEndpointInput(input.Request, FakeOrchestration.InstanceId, new DateTimeOffset(FakeOrchestration.Start)), create.Input);
        Assert.Same(input.Request, Assert.Single(orchestration.Calls, c => c.Name == nameof(ValidateInCloudActivity)).Input);
    }

    [Fact]
    public async Task Activities_retry_with_the_settings_attempt_count_and_first_interval()
    {
        await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.NotEmpty(orchestration.Calls);

        // Notification attempts are not retried by the activity's policy: the orchestration records each and
        // hands a failed one to a delivery orchestration with its own schedule.
        Assert.Null(Assert.Single(orchestration.Calls, c => c.Name == nameof(NotifyActivity)).Options);
        foreach (ActivityCall call in orchestration.Calls.Where(c => c.Name != nameof(NotifyActivity)))
        {
            IReadOnlyList<TimeSpan> waits = await RetryProbe.WaitsAsync(call.Options!, _ => RetryProbe.OtherFailure);

            // 4 attempts in all: 3 waits, doubling from the first interval.
            Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], waits);
        }
    }

    [Fact]
    public async Task An_endpoint_awaiting_approval_ends_pending_acceptance()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.PendingAcceptance));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.PendingAcceptance, outcome.Result);
        Assert.Null(outcome.Error);
        Assert.Equal(EndpointStatus.PendingAcceptance, outcome.Endpoint?.Status);
    }

    [Fact]
    public async Task An_endpoint_already_settled_when_created_is_not_polled()
    {
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ => new CreateEndpointResult(FakeOrchestration.Endpoint(EndpointStatus.Accepted), null));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.DoesNotContain(nameof(GetEndpointActivity), orchestration.CallNames);
        Assert.Empty(orchestration.Timers);
    }

    [Fact]
    public async Task A_rejected_endpoint_ends_rejected_with_a_rejected_error()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Rejected));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Rejected, outcome.Result);
        Assert.Equal("rejected", outcome.Error?.Code);
        Assert.Equal(EndpointStatus.Rejected, outcome.Endpoint?.Status);
    }

    [Fact]
    public async Task A_failed_endpoint_carries_the_clouds_first_error_code_and_message_into_the_outcome()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(
            EndpointStatus.Failed, [new EndpointError("EndPoint.2080", "No IP address left in the subnet."), new EndpointError("EndPoint.9999", "second")]));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal(new ProvisioningError("EndPoint.2080", "No IP address left in the subnet."), outcome.Error);
        Assert.Equal(EndpointStatus.Failed, outcome.Endpoint?.Status);
    }

    [Fact]
    public async Task A_failed_endpoint_without_errors_reports_endpoint_failed()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Failed));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal("endpoint_failed", outcome.Error?.Code);
        Assert.Contains("'failed'", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_validation_problems_end_invalid_with_every_problem_and_nothing_is_created()
    {
        ValidationError[] problems =
        [
            new("/endpoint/endpoint_service_id", ValidationCodes.EndpointServiceNotFound, "The endpoint service does not exist."),
            new("/endpoint/subnet_id", "subnet_not_in_vpc", "The subnet is not in the VPC."),
        ];
        orchestration.OnActivity(nameof(ValidateInCloudActivity), _ => problems);

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Invalid, outcome.Result);
        Assert.Equal(problems, outcome.ValidationErrors);
        Assert.Equal("validation_failed", outcome.Error?.Code);
        Assert.Contains("The subnet is not in the VPC.", outcome.Error?.Message, StringComparison.Ordinal);
        Assert.Null(outcome.Endpoint);
        Assert.Equal([nameof(ValidateInCloudActivity), nameof(NotifyActivity)], orchestration.CallNames);
    }

    [Fact]
    public async Task A_create_verdict_ends_failed_with_the_clouds_error_and_nothing_is_polled()
    {
        var verdict = new ProvisioningError("EndPoint.0002", "The VPC endpoint quota is exhausted.", 400, "req-42");
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ => new CreateEndpointResult(null, verdict));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal(verdict, outcome.Error);
        Assert.Null(outcome.Endpoint);
        Assert.DoesNotContain(nameof(GetEndpointActivity), orchestration.CallNames);
        Assert.Empty(orchestration.Timers);
        Assert.Contains(nameof(NotifyActivity), orchestration.CallNames);
    }

    [Fact]
    public async Task An_endpoint_that_disappears_while_creating_ends_failed_as_deleting()
    {
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating), null);

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal("endpoint_disappeared", outcome.Error?.Code);
        Assert.Equal(FakeOrchestration.EndpointId, outcome.Endpoint?.Id);
        Assert.Equal(EndpointStatus.Deleting, outcome.Endpoint?.Status);
        Assert.Equal(2, orchestration.CallNames.Count(n => n == nameof(GetEndpointActivity)));
    }

    [Fact]
    public async Task An_endpoint_still_creating_at_the_deadline_ends_timed_out_and_no_timer_goes_past_the_deadline()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Creating));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input(settings: FakeOrchestration.Settings(TimeSpan.FromSeconds(19))));

        Assert.Equal(ProvisioningResult.TimedOut, outcome.Result);
        Assert.Equal("timed_out", outcome.Error?.Code);
        Assert.Equal(EndpointStatus.Creating, outcome.Endpoint?.Status);
        Assert.Equal([At(5), At(8), At(11), At(14), At(17), At(19)], orchestration.Timers);
        Assert.Equal(6, orchestration.CallNames.Count(n => n == nameof(GetEndpointActivity)));
        Assert.Equal(new ProvisioningStatus(ProvisioningPhase.Polling, FakeOrchestration.EndpointId, EndpointStatus.Creating, 6), orchestration.Statuses[^3]);
        Assert.Contains(nameof(NotifyActivity), orchestration.CallNames);
    }

    [Fact]
    public async Task A_deadline_shorter_than_the_initial_delay_caps_the_first_timer()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Creating));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input(settings: FakeOrchestration.Settings(TimeSpan.FromSeconds(2))));

        Assert.Equal(ProvisioningResult.TimedOut, outcome.Result);
        Assert.Equal([At(2)], orchestration.Timers);
    }

    [Fact]
    public async Task The_deadline_counts_from_when_polling_starts()
    {
        // Validation and creation took 4 s of orchestration time before the first poll.
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ =>
        {
            orchestration.Context.CreateTimer(At(4), CancellationToken.None);
            return new CreateEndpointResult(FakeOrchestration.Endpoint(EndpointStatus.Creating), null);
        });
        orchestration.OnActivity(nameof(GetEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Creating));

        await orchestration.RunAsync(FakeOrchestration.Input(settings: FakeOrchestration.Settings(Seconds5)));

        Assert.Equal([At(4), At(9)], orchestration.Timers);
    }

    [Fact]
    public async Task A_create_that_keeps_failing_after_retries_ends_failed_with_the_failure_message()
    {
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ =>
            throw FakeOrchestration.Failure(nameof(CreateEndpointActivity), "Vpcep.HuaweiCloud.HuaweiCloudException", "Huawei Cloud answered 503 APIG.0202: Backend unavailable."));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal("Huawei Cloud answered 503 APIG.0202: Backend unavailable.", outcome.Error?.Message);
        Assert.Equal(ProvisionEndpointOrchestrator.RetriesExhaustedCode, outcome.Error?.Code);
        Assert.Null(outcome.Endpoint);
        Assert.Equal((FakeOrchestration.CallbackUrl, true, NotificationStates.Delivered), (outcome.Notification?.Target, outcome.Notification?.Delivered, outcome.Notification?.State));
    }

    [Fact]
    public async Task A_validation_that_keeps_failing_after_retries_ends_failed_without_creating()
    {
        orchestration.OnActivity(nameof(ValidateInCloudActivity), _ =>
            throw FakeOrchestration.Failure(nameof(ValidateInCloudActivity), "System.Net.Http.HttpRequestException", "Connection refused."));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal("Connection refused.", outcome.Error?.Message);
        Assert.DoesNotContain(nameof(CreateEndpointActivity), orchestration.CallNames);
    }

    [Fact]
    public async Task A_poll_that_keeps_failing_after_retries_still_reports_the_endpoint_that_was_created()
    {
        orchestration.OnActivity(nameof(GetEndpointActivity), _ =>
            throw FakeOrchestration.Failure(nameof(GetEndpointActivity), "Vpcep.HuaweiCloud.HuaweiCloudException", "Huawei Cloud answered 500 (no code): Internal error."));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Failed, outcome.Result);
        Assert.Equal(FakeOrchestration.EndpointId, outcome.Endpoint?.Id);
    }

    [Fact]
    public async Task A_notification_whose_first_attempt_fails_still_returns_the_outcome_and_hands_the_delivery_on()
    {
        orchestration.OnActivity(nameof(NotifyActivity), _ => new NotificationAttempt(
            orchestration.Now, NotificationChannels.Webhook, DeliveryVerdicts.Retry, 500, "The callback answered 500 Internal Server Error."));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.False(outcome.Notification!.Delivered);
        Assert.Equal(NotificationStates.Retrying, outcome.Notification.State);
        Assert.Equal("The callback answered 500 Internal Server Error.", outcome.Notification.Error);
        var started = Assert.Single(orchestration.SubOrchestrations);
        Assert.Equal(DeliverNotificationOrchestrator.Name, started.Name);
        Assert.Equal(InstanceIds.ForDelivery("outcome_" + FakeOrchestration.InstanceId), started.InstanceId);
        Assert.Equal(started.InstanceId, outcome.Notification.DeliveryInstanceId);
        DeliveryInput handed = Assert.IsType<DeliveryInput>(started.Input);
        Assert.Equal(0, handed.Step);
        Assert.False(handed.AttemptNow);
        Assert.Single(Assert.Single(handed.Channels).Attempts);
        Assert.Equal(ProvisioningPhase.Completed, orchestration.Statuses[^1].Phase);
    }

    [Theory]
    [InlineData(DeliveryVerdicts.Gone, NotificationStates.Gone)]
    [InlineData(DeliveryVerdicts.Refused, NotificationStates.Refused)]
    public async Task A_notification_that_must_not_be_tried_again_is_reported_and_not_handed_on(string verdict, string state)
    {
        orchestration.OnActivity(nameof(NotifyActivity), _ => new NotificationAttempt(orchestration.Now, NotificationChannels.Webhook, verdict, Error: "no"));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(state, outcome.Notification!.State);
        Assert.False(outcome.Notification.Delivered);
        Assert.Empty(orchestration.SubOrchestrations);
    }

    [Fact]
    public async Task Without_a_callback_url_nothing_is_notified_and_the_outcome_says_why()
    {
        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input(callbackUrl: null));

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.DoesNotContain(nameof(NotifyActivity), orchestration.CallNames);
        Assert.NotNull(outcome.Notification);
        Assert.Null(outcome.Notification.Target);
        Assert.False(outcome.Notification.Delivered);
        Assert.NotNull(outcome.Notification.Error);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_on_the_last_attempt_is_found_and_provisioned_instead_of_failed()
    {
        // Every attempt failed as far as the orchestration knows, but the last one was committed by the service.
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ =>
            throw FakeOrchestration.Failure(nameof(CreateEndpointActivity), "System.Net.Http.HttpRequestException", "The connection was reset."));
        orchestration.OnActivity(nameof(FindCreatedEndpointActivity), input =>
            Assert.IsType<CreateEndpointInput>(input).InstanceId == FakeOrchestration.InstanceId ? FakeOrchestration.Endpoint(EndpointStatus.Creating) : null);

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Equal(FakeOrchestration.EndpointId, outcome.Endpoint?.Id);
        Assert.Equal(
            [nameof(ValidateInCloudActivity), nameof(CreateEndpointActivity), nameof(FindCreatedEndpointActivity), nameof(GetEndpointActivity), nameof(NotifyActivity)],
            orchestration.CallNames);
    }

    [Fact]
    public async Task A_cloud_that_stays_busy_ends_timed_out_naming_the_throttling_never_failed()
    {
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ =>
            throw FakeOrchestration.Failure(nameof(CreateEndpointActivity), typeof(CloudBusyException).FullName!, "Huawei Cloud answered 429 APIG.0308: limit:5,time:1 minute"));

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input());

        Assert.Equal(ProvisioningResult.TimedOut, outcome.Result);
        Assert.Equal(ProvisionEndpointOrchestrator.CloudBusyCode, outcome.Error?.Code);
        Assert.Contains("APIG.0308", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timer_that_fires_early_is_re_armed_so_polls_keep_their_interval()
    {
        orchestration.TimersFireEarlyBy = TimeSpan.FromSeconds(1);
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating), FakeOrchestration.Endpoint(EndpointStatus.Creating));

        await orchestration.RunAsync(FakeOrchestration.Input());

        // Each timer is armed twice (the first firing is a second early); polls happen at 5 s, then every 3 s.
        Assert.Equal([At(5), At(5), At(8), At(8), At(11), At(11)], orchestration.Timers);
        Assert.Equal([At(5), At(8), At(11)], orchestration.Calls.Where(c => c.Name == nameof(GetEndpointActivity)).Select(c => c.At));
    }
}
