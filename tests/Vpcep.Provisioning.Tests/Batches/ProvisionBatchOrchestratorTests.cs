using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Batches;

public sealed class ProvisionBatchOrchestratorTests
{
    private readonly FakeBatchOrchestration fake = new();

    private static Dictionary<string, int> Counts(params (string Result, int Count)[] counts) =>
        counts.ToDictionary(c => c.Result, c => c.Count, StringComparer.Ordinal);

    private async Task WaitForStatusesAsync(int count)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (fake.Statuses.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} progress reports, saw {fake.Statuses.Count}.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task The_outcome_counts_every_item_by_result_including_the_invalid_ones()
    {
        BatchInput input = FakeBatchOrchestration.Batch(
            FakeBatchOrchestration.CallbackUrl,
            FakeBatchOrchestration.Valid(0), FakeBatchOrchestration.Invalid(1), FakeBatchOrchestration.Valid(2),
            FakeBatchOrchestration.Valid(3), FakeBatchOrchestration.Invalid(4));
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.Accepted, "ep-0"));
        fake.Complete(2, FakeBatchOrchestration.Outcome(2, ProvisioningResult.Rejected, "ep-2", new ProvisioningError("rejected", "The owner said no.")));
        fake.Complete(3, FakeBatchOrchestration.Outcome(3, ProvisioningResult.Accepted, "ep-3"));

        BatchOutcome outcome = await fake.RunAsync(input);

        Assert.Equal(FakeBatchOrchestration.BatchId, outcome.BatchId);
        Assert.Equal(5, outcome.Total);
        Assert.Equal(
            Counts((ProvisioningResult.Accepted, 2), (ProvisioningResult.Rejected, 1), (ProvisioningResult.Invalid, 2)),
            outcome.Counts);
        Assert.Equal([0, 1, 2, 3, 4], outcome.Items.Select(i => i.Index));
        Assert.Equal(
            [ProvisioningResult.Accepted, ProvisioningResult.Invalid, ProvisioningResult.Rejected, ProvisioningResult.Accepted, ProvisioningResult.Invalid],
            outcome.Items.Select(i => i.Result));
        Assert.Equal(["ep-0", null, "ep-2", "ep-3", null], outcome.Items.Select(i => i.EndpointId));
        Assert.Equal("The owner said no.", outcome.Items[2].Error?.Message);
        Assert.Equal(FakeBatchOrchestration.ItemInstanceId(3), outcome.Items[3].InstanceId);
        Assert.Null(outcome.Items[1].InstanceId);
        Assert.Same(input.Items[1].Errors, outcome.Items[1].ValidationErrors);
    }

    [Fact]
    public async Task Each_valid_item_runs_once_as_a_sub_orchestration_with_its_own_instance_id_and_input()
    {
        BatchInput input = FakeBatchOrchestration.Batch(
            null, FakeBatchOrchestration.Valid(0), FakeBatchOrchestration.Invalid(1), FakeBatchOrchestration.Valid(2, "https://item.example.test/hook"));
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.Accepted, "ep-0"));
        fake.Complete(2, FakeBatchOrchestration.Outcome(2, ProvisioningResult.Accepted, "ep-2"));

        await fake.RunAsync(input);

        Assert.Equal(2, fake.SubOrchestrations.Count);
        Assert.All(fake.SubOrchestrations, call => Assert.Equal(ProvisionEndpointOrchestrator.Name, call.Name));
        Assert.Equal(
            [FakeBatchOrchestration.ItemInstanceId(0), FakeBatchOrchestration.ItemInstanceId(2)],
            fake.SubOrchestrations.Select(c => c.InstanceId));
        Assert.Same(input.Items[0].Input, fake.SubOrchestrations[0].Input);
        Assert.Same(input.Items[2].Input, fake.SubOrchestrations[1].Input);
    }

    [Fact]
    public async Task A_batch_of_only_invalid_items_starts_nothing_and_completes()
    {
        BatchOutcome outcome = await fake.RunAsync(FakeBatchOrchestration.Batch(null, FakeBatchOrchestration.Invalid(0), FakeBatchOrchestration.Invalid(1)));

        Assert.Empty(fake.SubOrchestrations);
        Assert.Equal(Counts((ProvisioningResult.Invalid, 2)), outcome.Counts);
        BatchProgress progress = Assert.Single(fake.Statuses);
        Assert.Equal(2, progress.Completed);
    }

    [Fact]
    public async Task A_failed_sub_orchestration_counts_as_failed_with_its_failure_message()
    {
        BatchInput input = FakeBatchOrchestration.Batch(null, FakeBatchOrchestration.Valid(0), FakeBatchOrchestration.Valid(1));
        fake.Fail(0, FakeOrchestration.Failure(ProvisionEndpointOrchestrator.Name, "System.InvalidOperationException", "The orchestration blew up."));
        fake.Complete(1, FakeBatchOrchestration.Outcome(1, ProvisioningResult.Accepted, "ep-1"));

        BatchOutcome outcome = await fake.RunAsync(input);

        BatchItemResult failed = outcome.Items[0];
        Assert.Equal(ProvisioningResult.Failed, failed.Result);
        Assert.Equal(FakeBatchOrchestration.ItemInstanceId(0), failed.InstanceId);
        Assert.Equal("orchestration_failed", failed.Error?.Code);
        Assert.Equal("The orchestration blew up.", failed.Error?.Message);
        Assert.Equal(ProvisioningResult.Accepted, outcome.Items[1].Result);
        Assert.Equal(Counts((ProvisioningResult.Failed, 1), (ProvisioningResult.Accepted, 1)), outcome.Counts);
    }

    [Fact]
    public async Task A_sub_orchestration_failing_with_another_exception_counts_as_failed_with_that_message()
    {
        fake.Fail(0, new InvalidOperationException("Non-deterministic workflow detected."));

        BatchOutcome outcome = await fake.RunAsync(FakeBatchOrchestration.Batch(null, FakeBatchOrchestration.Valid(0)));

        BatchItemResult failed = Assert.Single(outcome.Items);
        Assert.Equal(ProvisioningResult.Failed, failed.Result);
        Assert.Equal("Non-deterministic workflow detected.", failed.Error?.Message);
    }

    [Fact]
    public async Task Progress_is_reported_at_the_start_and_after_each_item_whatever_order_the_items_end_in()
    {
        BatchInput input = FakeBatchOrchestration.Batch(
            null, FakeBatchOrchestration.Valid(0), FakeBatchOrchestration.Valid(1), FakeBatchOrchestration.Invalid(2), FakeBatchOrchestration.Valid(3));

        Task<BatchOutcome> running = Task.Run(() => fake.RunAsync(input));
        await WaitForStatusesAsync(1);
        fake.Complete(3, FakeBatchOrchestration.Outcome(3, ProvisioningResult.Rejected));
        await WaitForStatusesAsync(2);
        fake.Complete(1, FakeBatchOrchestration.Outcome(1, ProvisioningResult.Accepted, "ep-1"));
        await WaitForStatusesAsync(3);
        Assert.False(running.IsCompleted);
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.TimedOut));
        BatchOutcome outcome = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3, 4], fake.Statuses.Select(s => s.Completed));
        Assert.All(fake.Statuses, s => Assert.Equal(4, s.Total));
        Assert.Equal(Counts((ProvisioningResult.Invalid, 1)), fake.Statuses[0].Counts);
        Assert.Equal(Counts((ProvisioningResult.Invalid, 1), (ProvisioningResult.Rejected, 1)), fake.Statuses[1].Counts);
        Assert.Equal(Counts((ProvisioningResult.Invalid, 1), (ProvisioningResult.Rejected, 1), (ProvisioningResult.Accepted, 1)), fake.Statuses[2].Counts);
        Assert.Equal(outcome.Counts, fake.Statuses[3].Counts);
        Assert.Equal(
            [ProvisioningResult.TimedOut, ProvisioningResult.Accepted, ProvisioningResult.Invalid, ProvisioningResult.Rejected],
            outcome.Items.Select(i => i.Result));
    }

    [Fact]
    public async Task The_outcome_is_stamped_with_the_orchestration_clock()
    {
        BatchInput input = FakeBatchOrchestration.Batch(null, FakeBatchOrchestration.Valid(0));
        Task<BatchOutcome> running = Task.Run(() => fake.RunAsync(input));
        await WaitForStatusesAsync(1);
        fake.Now = FakeBatchOrchestration.Start.AddMinutes(9);
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.Accepted, "ep-0"));

        BatchOutcome outcome = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new DateTimeOffset(FakeBatchOrchestration.Start), outcome.StartedAt);
        Assert.Equal(new DateTimeOffset(FakeBatchOrchestration.Start.AddMinutes(9)), outcome.CompletedAt);
    }

    [Fact]
    public async Task The_summary_is_sent_once_to_the_batch_callback_and_reported_delivered()
    {
        BatchInput input = FakeBatchOrchestration.Batch(FakeBatchOrchestration.CallbackUrl, FakeBatchOrchestration.Valid(0), FakeBatchOrchestration.Invalid(1));
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.Accepted, "ep-0"));

        BatchOutcome outcome = await fake.RunAsync(input);

        NotificationCall call = Assert.Single(fake.Notifications);
        Assert.Equal(nameof(NotifyActivity), call.Name);
        Assert.Equal(new NotificationTarget(NotificationChannels.Webhook, FakeBatchOrchestration.CallbackUrl), new NotificationTarget(call.Body.Channel, call.Body.Target));
        Assert.Null(call.Body.Document.Outcome);
        Assert.Equal("batch_summary_" + FakeBatchOrchestration.BatchId, call.Body.Document.EventId);
        Assert.Equal(FakeBatchOrchestration.BatchId, call.Body.Document.BatchOutcome!.BatchId);
        Assert.Equal(outcome.Counts, call.Body.Document.BatchOutcome!.Counts);
        Assert.Equal(outcome.Items, call.Body.Document.BatchOutcome!.Items);
        Assert.Null(call.Body.Document.BatchOutcome!.Notification);
        Assert.True(outcome.Notification!.Delivered);
        Assert.Equal(NotificationStates.Delivered, outcome.Notification.State);
        Assert.Equal(FakeBatchOrchestration.CallbackUrl, outcome.Notification.Target);
        Assert.Empty(fake.Deliveries);
    }

    [Fact]
    public async Task Without_a_callback_no_summary_is_sent_and_the_outcome_says_so()
    {
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.Accepted, "ep-0"));

        BatchOutcome outcome = await fake.RunAsync(FakeBatchOrchestration.Batch(null, FakeBatchOrchestration.Valid(0)));

        Assert.Empty(fake.Notifications);
        Assert.NotNull(outcome.Notification);
        Assert.False(outcome.Notification.Delivered);
        Assert.Null(outcome.Notification.Target);
        Assert.Contains("No callback_url", outcome.Notification.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_whose_first_attempt_fails_is_handed_to_a_delivery_orchestration_and_reported_retrying()
    {
        fake.NotificationFailure = "Callback answered 503.";
        fake.Complete(0, FakeBatchOrchestration.Outcome(0, ProvisioningResult.Accepted, "ep-0"));

        BatchOutcome outcome = await fake.RunAsync(FakeBatchOrchestration.Batch(FakeBatchOrchestration.CallbackUrl, FakeBatchOrchestration.Valid(0)));

        Assert.Single(fake.Notifications);
        Assert.False(outcome.Notification!.Delivered);
        Assert.Equal(NotificationStates.Retrying, outcome.Notification.State);
        Assert.Equal("Callback answered 503.", outcome.Notification.Error);
        SubOrchestrationCall delivery = Assert.Single(fake.Deliveries);
        Assert.Equal(DeliverNotificationOrchestrator.Name, delivery.Name);
        Assert.Equal(InstanceIds.ForDelivery("batch_summary_" + FakeBatchOrchestration.BatchId), delivery.InstanceId);
        Assert.Equal(delivery.InstanceId, outcome.Notification.DeliveryInstanceId);
        Assert.Equal(Counts((ProvisioningResult.Accepted, 1)), outcome.Counts);
    }
}
