using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using NSubstitute;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

public sealed class BatchesApiTests
{
    private const string ItemsBase = "https://provisioning.example.test/tenant-a/api/vpc-endpoints/";

    private static readonly DateTimeOffset Created = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTaskHub hub = new();

    private static BatchInput Input() => FakeBatchOrchestration.Batch(
        FakeBatchOrchestration.CallbackUrl, FakeBatchOrchestration.Valid(0), FakeBatchOrchestration.Invalid(1), FakeBatchOrchestration.Valid(2));

    private static OrchestrationMetadata Batch(OrchestrationRuntimeStatus status, BatchProgress? progress = null, BatchOutcome? outcome = null) =>
        new(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(FakeBatchOrchestration.BatchId))
        {
            RuntimeStatus = status,
            CreatedAt = Created,
            LastUpdatedAt = Created.AddMinutes(2),
            SerializedInput = JsonDataConverter.Default.Serialize(Input()),
            SerializedCustomStatus = progress is null ? null : JsonDataConverter.Default.Serialize(progress),
            SerializedOutput = outcome is null ? null : JsonDataConverter.Default.Serialize(outcome),
            DataConverter = JsonDataConverter.Default,
        };

    private async Task<HttpExchange> GetAsync(string batchId)
    {
        var exchange = new HttpExchange("GET");
        IResult result = await BatchesApi.GetAsync(batchId, exchange.Request, hub.Client, hub.Options, CancellationToken.None);
        await exchange.ExecuteAsync(result);
        return exchange;
    }

    [Fact]
    public async Task An_unknown_batch_is_a_404_problem_naming_it()
    {
        using HttpExchange exchange = await GetAsync("no-such-batch");

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Contains("no-such-batch", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await hub.Client.Received(1).GetInstanceAsync(InstanceIds.ForBatch("no-such-batch"), true, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_running_batch_is_202_with_location_and_retry_after_and_lists_its_items_with_status_urls_and_the_progress_counts()
    {
        var progress = new BatchProgress(3, 2, new Dictionary<string, int> { [ProvisioningResult.Invalid] = 1, [ProvisioningResult.Accepted] = 1 });
        hub.GivenInstances(Batch(OrchestrationRuntimeStatus.Running, progress));

        using HttpExchange exchange = await GetAsync(FakeBatchOrchestration.BatchId);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal("https://provisioning.example.test/tenant-a/api/batches/" + FakeBatchOrchestration.BatchId, exchange.Location);
        Assert.Equal("4", exchange.Context.Response.Headers.RetryAfter.ToString());
        using JsonDocument body = exchange.ResponseJson();
        JsonElement root = body.RootElement;
        Assert.Equal(FakeBatchOrchestration.BatchId, root.GetProperty("batch_id").GetString());
        Assert.Equal(InstanceIds.ForBatch(FakeBatchOrchestration.BatchId), root.GetProperty("instance_id").GetString());
        Assert.Equal("Running", root.GetProperty("runtime_status").GetString());
        Assert.Equal(3, root.GetProperty("total").GetInt32());
        Assert.Equal(2, root.GetProperty("completed").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty(ProvisioningResult.Invalid).GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty(ProvisioningResult.Accepted).GetInt32());
        Assert.Equal(Created, root.GetProperty("created_at").GetDateTimeOffset());

        JsonElement[] items = [.. root.GetProperty("items").EnumerateArray()];
        Assert.Equal(3, items.Length);
        Assert.Equal(ItemsBase + FakeBatchOrchestration.ItemInstanceId(0), items[0].GetProperty("status_url").GetString());
        Assert.Equal(FakeBatchOrchestration.ItemInstanceId(2), items[2].GetProperty("instance_id").GetString());
        Assert.Equal(ItemsBase + FakeBatchOrchestration.ItemInstanceId(2), items[2].GetProperty("status_url").GetString());
        Assert.False(items[0].TryGetProperty("result", out _), "A running item has no result yet.");
        Assert.False(items[1].TryGetProperty("status_url", out _), "An invalid item has no orchestration to link to.");
        Assert.False(root.TryGetProperty("notification", out _));
        Assert.Equal(ProvisioningResult.Invalid, items[1].GetProperty("result").GetString());
        Assert.Equal("/requests/1/project_id", items[1].GetProperty("validation_errors")[0].GetProperty("pointer").GetString());
    }

    [Fact]
    public async Task A_batch_that_has_not_reported_progress_yet_shows_nothing_completed()
    {
        hub.GivenInstances(Batch(OrchestrationRuntimeStatus.Pending));

        using HttpExchange exchange = await GetAsync(FakeBatchOrchestration.BatchId);

        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(0, body.RootElement.GetProperty("completed").GetInt32());
        Assert.Equal(3, body.RootElement.GetProperty("total").GetInt32());
        Assert.Empty(body.RootElement.GetProperty("counts").EnumerateObject());
    }

    [Fact]
    public async Task A_completed_batch_shows_the_results_counts_and_notification_of_its_output()
    {
        var outcome = new BatchOutcome
        {
            BatchId = FakeBatchOrchestration.BatchId,
            Total = 3,
            Counts = new Dictionary<string, int> { [ProvisioningResult.Accepted] = 1, [ProvisioningResult.Invalid] = 1, [ProvisioningResult.Rejected] = 1 },
            Items =
            [
                new BatchItemResult { Index = 0, InstanceId = FakeBatchOrchestration.ItemInstanceId(0), Result = ProvisioningResult.Accepted, EndpointId = "ep-0" },
                new BatchItemResult { Index = 1, Result = ProvisioningResult.Invalid, ValidationErrors = Input().Items[1].Errors },
                new BatchItemResult
                {
                    Index = 2, InstanceId = FakeBatchOrchestration.ItemInstanceId(2), Result = ProvisioningResult.Rejected,
                    Error = new ProvisioningError("rejected", "The owner said no."),
                },
            ],
            Notification = new NotificationReport(FakeBatchOrchestration.CallbackUrl, Delivered: true),
        };
        var staleProgress = new BatchProgress(3, 1, new Dictionary<string, int> { [ProvisioningResult.Invalid] = 1 });
        hub.GivenInstances(Batch(OrchestrationRuntimeStatus.Completed, staleProgress, outcome), null); // no delivery took over

        using HttpExchange exchange = await GetAsync(FakeBatchOrchestration.BatchId);

        using JsonDocument body = exchange.ResponseJson();
        JsonElement root = body.RootElement;
        Assert.Equal("Completed", root.GetProperty("runtime_status").GetString());
        Assert.Equal(3, root.GetProperty("completed").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty(ProvisioningResult.Rejected).GetInt32());
        JsonElement[] items = [.. root.GetProperty("items").EnumerateArray()];
        Assert.Equal(
            [ProvisioningResult.Accepted, ProvisioningResult.Invalid, ProvisioningResult.Rejected],
            items.Select(i => i.GetProperty("result").GetString()));
        Assert.Equal("ep-0", items[0].GetProperty("endpoint_id").GetString());
        Assert.Equal("The owner said no.", items[2].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(ItemsBase + FakeBatchOrchestration.ItemInstanceId(2), items[2].GetProperty("status_url").GetString());
        Assert.True(root.GetProperty("notification").GetProperty("delivered").GetBoolean());
        Assert.Equal(FakeBatchOrchestration.CallbackUrl, root.GetProperty("notification").GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_summary_whose_first_attempt_failed_shows_where_its_delivery_orchestration_has_got_to()
    {
        string eventId = CallbackNotifier.BatchSummaryEventId(FakeBatchOrchestration.BatchId);
        string deliveryId = InstanceIds.ForDelivery(eventId);
        var recorded = new NotificationReport(FakeBatchOrchestration.CallbackUrl, Delivered: false, "503 Service Unavailable")
        {
            EventId = eventId,
            State = NotificationStates.Retrying,
            DeliveryInstanceId = deliveryId,
        };
        var outcome = new BatchOutcome { BatchId = FakeBatchOrchestration.BatchId, Total = 3, Notification = recorded };
        var delivered = recorded with { Delivered = true, Error = null, State = NotificationStates.Delivered };
        hub.GivenInstances(
            Batch(OrchestrationRuntimeStatus.Completed, outcome: outcome),
            new OrchestrationMetadata(DeliverNotificationOrchestrator.Name, deliveryId)
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Completed,
                SerializedOutput = JsonDataConverter.Default.Serialize(delivered),
                DataConverter = JsonDataConverter.Default,
            });

        using HttpExchange exchange = await GetAsync(FakeBatchOrchestration.BatchId);

        using JsonDocument body = exchange.ResponseJson();
        JsonElement notification = body.RootElement.GetProperty("notification");
        Assert.True(notification.GetProperty("delivered").GetBoolean());
        Assert.Equal(NotificationStates.Delivered, notification.GetProperty("state").GetString());
        Assert.Equal(deliveryId, notification.GetProperty("delivery_instance_id").GetString());
    }
}
