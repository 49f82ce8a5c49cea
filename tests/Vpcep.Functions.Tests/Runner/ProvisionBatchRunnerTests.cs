using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Functions.Tests.Hosting;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;
using static Vpcep.Functions.Tests.Hosting.OrchestratorSession;
using Kind = Microsoft.DurableTask.Protobuf.OrchestratorAction.OrchestratorActionTypeOneofCase;
using P = Microsoft.DurableTask.Protobuf;

namespace Vpcep.Functions.Tests.Runner;

/// <summary>
/// The Functions app's <see cref="ProvisionBatchOrchestrator"/> function, driven through <c>GrpcOrchestrationRunner</c>
/// with requests shaped as the Durable extension sends them and the app's own services and serializer; its items run
/// as the app's <see cref="ProvisionEndpointOrchestrator"/> function, whose real output the batch reads.
/// </summary>
public sealed class ProvisionBatchRunnerTests : IDisposable
{
    private const string BatchCallback = "https://hooks.example.test/batches";
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly FunctionsApp app = FunctionsApp.Build();
    private readonly IReadOnlyList<FunctionEntry> functions = FunctionsMetadata.Load();
    private readonly FakeTaskHub hub = new();

    public void Dispose() => app.Dispose();

    /// <summary>A batch of three: the seed request, one with a malformed VPC id, the seed request again under its own key.</summary>
    private static string BatchDocument()
    {
        JsonObject invalid = RequestDocuments.Seed();
        invalid.Endpoint()["vpc_id"] = "not-a-uuid";
        JsonObject keyed = RequestDocuments.Seed();
        keyed["idempotency_key"] = "orders-db-link";
        return new JsonObject
        {
            ["batch_id"] = "2026-03-rollout-7",
            ["callback_url"] = BatchCallback,
            ["requests"] = new JsonArray(RequestDocuments.Seed(), invalid, keyed),
        }.ToJsonString();
    }

    [Fact]
    public async Task A_batch_runs_a_sub_orchestration_per_valid_item_reports_the_invalid_one_and_notifies_one_summary()
    {
        BatchParseResult parsed = app.Services.GetRequiredService<ProvisioningRequestParser>().ParseBatch(Encoding.UTF8.GetBytes(BatchDocument()), 500);
        BatchSubmission submitted = await app.Services.GetRequiredService<ProvisioningIntake>().SubmitBatchAsync(hub.Client, parsed, CancellationToken.None);
        Assert.Equal(SubmissionKind.Started, submitted.Kind);
        Scheduled start = Assert.Single(hub.Schedules, s => s.Name == ProvisionBatchOrchestrator.Name);
        var input = (BatchInput)start.Input!;
        var batch = new OrchestratorSession(app, functions.Function(ProvisionBatchOrchestrator.Name), start.InstanceId!);

        // Started: one sub-orchestration per valid item, under the item's own instance id; the invalid item is counted at once.
        P.OrchestratorResponse started = batch.Start(T0, app.ClientDataConverter.Serialize(input));
        Assert.Equal([Kind.CreateSubOrchestration, Kind.CreateSubOrchestration], started.Actions.Select(a => a.OrchestratorActionTypeCase));
        P.CreateSubOrchestrationAction[] items = [.. started.Actions.Select(a => a.CreateSubOrchestration)];
        Assert.Equal([input.Items[0].InstanceId, input.Items[2].InstanceId], items.Select(i => i.InstanceId));
        Assert.All(items, i => Assert.Contains(i.Name, functions.NamesTriggeredBy("orchestrationTrigger")));
        Assert.All(items, i => Assert.Equal(ProvisionEndpointOrchestrator.Name, i.Name));
        Payloads.SameJson(app.Json(input.Items[2].Input!), items[1].Input);
        Assert.Equal(new Dictionary<string, int> { ["invalid"] = 1 }, app.ClientDataConverter.Read<BatchProgress>(started.CustomStatus).Counts);

        // The first item runs as the app's own request orchestrator, to its end; its real output comes back to the batch.
        string firstOutput = RunItemToTheEnd(items[0], started.Actions[0].Id, batch.InstanceId, T0.AddSeconds(1));
        P.OrchestratorResponse oneDone = batch.Run(T0.AddMinutes(1), SubOrchestrationCompleted(started.Actions[0].Id, firstOutput));
        Assert.Empty(oneDone.Actions);
        BatchProgress progress = app.ClientDataConverter.Read<BatchProgress>(oneDone.CustomStatus);
        Assert.Equal((3, 2), (progress.Total, progress.Completed));

        // The second item's orchestration fails: counted as failed, with why; then the summary goes to the batch's callback.
        P.OrchestratorAction notify = batch.Run(T0.AddMinutes(2), SubOrchestrationFailed(started.Actions[1].Id, typeof(InvalidOperationException).FullName!, "The item's orchestrator crashed."))
            .Single(Kind.ScheduleTask);
        Assert.Equal(nameof(NotifyActivity), notify.ScheduleTask.Name);
        NotificationInput summary = app.ActivityInput<NotificationInput>(functions, notify.ScheduleTask);
        Assert.Equal((NotificationChannels.Webhook, BatchCallback), (summary.Channel, summary.Target));
        Assert.Equal(("batch_summary_" + input.BatchId, NotificationDocument.BatchSummaryType), (summary.Document.EventId, summary.Document.EventType));
        Assert.Null(summary.Document.Outcome);
        BatchOutcome notified = summary.Document.BatchOutcome!;
        Assert.Equal((input.BatchId, 3), (notified.BatchId, notified.Total));
        Assert.Equal(new Dictionary<string, int> { ["accepted"] = 1, ["invalid"] = 1, ["failed"] = 1 }, notified.Counts);
        Assert.Equal([0, 1, 2], notified.Items.Select(i => i.Index));
        Assert.Equal((items[0].InstanceId, ProvisioningResult.Accepted, FakeOrchestration.EndpointId), (notified.Items[0].InstanceId, notified.Items[0].Result, notified.Items[0].EndpointId));
        Assert.Equal(ProvisioningResult.Invalid, notified.Items[1].Result);
        Assert.Contains(notified.Items[1].ValidationErrors!, e => e.Pointer == "/requests/1/endpoint/vpc_id");
        Assert.Equal((ProvisioningResult.Failed, "orchestration_failed", "The item's orchestrator crashed."), (notified.Items[2].Result, notified.Items[2].Error?.Code, notified.Items[2].Error?.Message));

        // Delivered: the batch completes with the summary the batch status route reads.
        P.CompleteOrchestrationAction complete = batch.Run(T0.AddMinutes(2).AddSeconds(1), TaskCompleted(notify.Id, app.ActivityResult(new NotificationAttempt(T0.AddMinutes(2), NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200))))
            .Single(Kind.CompleteOrchestration).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Completed, complete.OrchestrationStatus);
        BatchOutcome outcome = app.ClientDataConverter.Read<BatchOutcome>(complete.Result);
        Assert.Equal(notified.Counts, outcome.Counts);
        Assert.Equal((BatchCallback, true, NotificationStates.Delivered), (outcome.Notification?.Target, outcome.Notification?.Delivered, outcome.Notification?.State));
        Assert.Equal(1, JsonNode.Parse(complete.Result)!["counts"]!["accepted"]!.GetValue<int>());
    }

    /// <summary>
    /// Runs a batch item as the app's request orchestrator (started as a sub-orchestration, with its parent): validated,
    /// created, the watcher's word; no callback of its own, so no notification. Returns its output.
    /// </summary>
    private string RunItemToTheEnd(P.CreateSubOrchestrationAction item, int scheduledId, string parentId, DateTime at)
    {
        var child = new OrchestratorSession(app, functions.Function(item.Name), item.InstanceId);
        var parent = new P.ParentInstanceInfo
        {
            Name = ProvisionBatchOrchestrator.Name,
            TaskScheduledId = scheduledId,
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = parentId, ExecutionId = "execution-1" },
        };
        EndpointSnapshot made = FakeOrchestration.Endpoint(EndpointStatus.Creating);
        P.OrchestratorAction validate = child.Start(at, item.Input, parent).Single(Kind.ScheduleTask);
        P.OrchestratorAction create = child.Run(at.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(Array.Empty<ValidationError>()))).Single(Kind.ScheduleTask);
        Assert.Contains(child.Run(at.AddSeconds(2), TaskCompleted(create.Id, app.ActivityResult(new CreateEndpointResult(made, null)))).Actions, a => a.SendEvent is not null);
        P.CompleteOrchestrationAction done = child.Run(at.AddSeconds(9), EventRaised(EndpointWatchOrchestrator.SettledEvent, app.Json(made with { Status = EndpointStatus.Accepted })))
            .Single(Kind.CompleteOrchestration).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Completed, done.OrchestrationStatus);
        ProvisioningOutcome outcome = app.ClientDataConverter.Read<ProvisioningOutcome>(done.Result);
        Assert.Equal((item.InstanceId, ProvisioningResult.Accepted, false), (outcome.InstanceId, outcome.Result, outcome.Notification!.Delivered));
        return done.Result;
    }
}
