using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

/// <summary><c>POST /api/batches/{batch_id}/notifications</c>: a batch's summary delivered again, as a request's outcome is.</summary>
public sealed class BatchRedeliveryApiTests
{
    private static readonly DateTimeOffset Attempted = new(2026, 3, 1, 12, 5, 0, TimeSpan.Zero);

    private readonly FakeTaskHub hub = new();

    private static OrchestrationMetadata Batch(OrchestrationRuntimeStatus status, string? callbackUrl, BatchOutcome? outcome = null) =>
        new(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(FakeBatchOrchestration.BatchId))
        {
            RuntimeStatus = status,
            SerializedInput = JsonDataConverter.Default.Serialize(FakeBatchOrchestration.Batch(callbackUrl, FakeBatchOrchestration.Valid(0))),
            SerializedOutput = outcome is null ? null : JsonDataConverter.Default.Serialize(outcome),
            DataConverter = JsonDataConverter.Default,
        };

    private static BatchOutcome Ended() => new()
    {
        BatchId = FakeBatchOrchestration.BatchId,
        Total = 1,
        Counts = new Dictionary<string, int> { [ProvisioningResult.Accepted] = 1 },
        Notification = new NotificationReport(FakeBatchOrchestration.CallbackUrl, Delivered: false, "410 Gone")
        {
            EventId = CallbackNotifier.BatchSummaryEventId(FakeBatchOrchestration.BatchId),
            State = NotificationStates.Gone,
            Channels =
            [
                new ChannelReport(NotificationChannels.Webhook, FakeBatchOrchestration.CallbackUrl, NotificationStates.Gone,
                    [new NotificationAttempt(Attempted, NotificationChannels.Webhook, DeliveryVerdicts.Gone, 410)]),
            ],
        },
    };

    private async Task<HttpExchange> RedeliverAsync(string batchId = FakeBatchOrchestration.BatchId)
    {
        var exchange = new HttpExchange("POST");
        await exchange.ExecuteAsync(await NotificationsApi.RedeliverBatchAsync(batchId, exchange.Context, hub.Client, CancellationToken.None));
        return exchange;
    }

    [Fact]
    public async Task An_ended_batchs_summary_is_delivered_again_to_its_callback_with_the_same_event_id_and_its_attempts_kept()
    {
        hub.GivenInstances(Batch(OrchestrationRuntimeStatus.Completed, FakeBatchOrchestration.CallbackUrl, Ended()), null);

        using HttpExchange exchange = await RedeliverAsync();

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        string eventId = CallbackNotifier.BatchSummaryEventId(FakeBatchOrchestration.BatchId);
        Scheduled scheduled = Assert.Single(hub.Schedules);
        Assert.Equal(DeliverNotificationOrchestrator.Name, scheduled.Name);
        Assert.Equal(InstanceIds.ForDelivery(eventId), scheduled.InstanceId);
        var delivery = Assert.IsType<DeliveryInput>(scheduled.Input);
        Assert.Equal(eventId, delivery.Document.EventId);
        Assert.True(delivery.AttemptNow);
        ChannelDelivery channel = Assert.Single(delivery.Channels);
        Assert.Equal(new NotificationTarget(NotificationChannels.Webhook, FakeBatchOrchestration.CallbackUrl), channel.Target);
        Assert.Equal(410, Assert.Single(channel.Attempts).StatusCode);
        Assert.True(channel.Reopened);
        Assert.EndsWith("/api/batches/" + FakeBatchOrchestration.BatchId, exchange.Location, StringComparison.Ordinal);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(eventId, body.RootElement.GetProperty("event_id").GetString());
    }

    [Fact]
    public async Task A_running_batch_has_nothing_to_redeliver_yet_and_starts_nothing()
    {
        hub.GivenInstances(Batch(OrchestrationRuntimeStatus.Running, FakeBatchOrchestration.CallbackUrl));

        using HttpExchange exchange = await RedeliverAsync();

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_batch_that_named_no_callback_is_409_nowhere_to_deliver()
    {
        hub.GivenInstances(Batch(OrchestrationRuntimeStatus.Completed, callbackUrl: null, Ended()));

        using HttpExchange exchange = await RedeliverAsync();

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal("Nowhere to deliver", body.RootElement.GetProperty("title").GetString());
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_summary_being_delivered_is_409_naming_the_delivery_and_starts_nothing_more()
    {
        string deliveryId = InstanceIds.ForDelivery(CallbackNotifier.BatchSummaryEventId(FakeBatchOrchestration.BatchId));
        hub.GivenInstances(
            Batch(OrchestrationRuntimeStatus.Completed, FakeBatchOrchestration.CallbackUrl, Ended()),
            new OrchestrationMetadata(DeliverNotificationOrchestrator.Name, deliveryId) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        using HttpExchange exchange = await RedeliverAsync();

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Contains(deliveryId, body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_unknown_batch_is_404()
    {
        using HttpExchange exchange = await RedeliverAsync("no-such-batch");

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }
}
