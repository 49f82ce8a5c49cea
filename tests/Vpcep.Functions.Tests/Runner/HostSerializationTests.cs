using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.Functions.Tests.Hosting;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;
using Vpcep.SelfHost;

namespace Vpcep.Functions.Tests.Runner;

/// <summary>
/// The two hosts write the workflow's documents with different serializers: Functions with the worker's
/// (<c>ObjectConverterShim</c> over <c>JsonObjectSerializer</c>, property names read case-insensitively), the self-host
/// with the SDK's <c>JsonDataConverter</c> (public fields included). For every document that crosses the task hub
/// (inputs, outputs, events, activity inputs and results, custom status), both must write the same JSON and each must
/// read what the other wrote, so a change of either serializer (a naming policy, a field) shows up here.
/// </summary>
public sealed class HostSerializationTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly FunctionsApp functions = FunctionsApp.Build();
    private WebApplication? selfHost;

    public async Task InitializeAsync()
    {
        selfHost = SelfHostApp.Build(["--urls=http://127.0.0.1:0"]);
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        functions.Dispose();
        if (selfHost is not null)
        {
            await selfHost.DisposeAsync();
        }
    }

    /// <summary>One document of each kind, as the workflow makes them (the inputs from the Functions app's own intake).</summary>
    private async Task<IReadOnlyList<object>> DocumentsAsync()
    {
        var hub = new FakeTaskHub();
        ProvisioningIntake intake = functions.Services.GetRequiredService<ProvisioningIntake>();
        await intake.SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(RequestDocuments.SeedExample), "key-1", CancellationToken.None);
        string batch = $$"""{"batch_id":"b-1","callback_url":"https://hooks.example.test/b","requests":[{{RequestDocuments.SeedExample}},{"project_id":"nope"}]}""";
        await intake.SubmitBatchAsync(hub.Client, functions.Services.GetRequiredService<ProvisioningRequestParser>().ParseBatch(Encoding.UTF8.GetBytes(batch), 500), CancellationToken.None);
        EndpointSnapshot endpoint = FakeOrchestration.Endpoint(EndpointStatus.Failed, [new EndpointError("EndPoint.1018", "Quota exceeded.")]);
        var outcome = new ProvisioningOutcome
        {
            InstanceId = FakeOrchestration.InstanceId,
            Result = ProvisioningResult.Failed,
            ProjectId = RequestDocuments.ProjectId,
            Region = "cn-north-4",
            Endpoint = endpoint,
            Error = new ProvisioningError("EndPoint.1018", "Quota exceeded.", 400, "req-1"),
            ValidationErrors = [new ValidationError("/endpoint/vpc_id", ValidationCodes.VpcNotFound, "No such VPC.")],
            StartedAt = T0,
            CompletedAt = T0.AddMinutes(1),
            Notification = new NotificationReport("https://hooks.example.test/x", Delivered: false, "503") { EventId = "outcome_x", State = NotificationStates.Retrying, DeliveryInstanceId = "vpcep-notify-1" },
        };
        var batchOutcome = new BatchOutcome
        {
            BatchId = "b-1",
            Total = 2,
            Counts = new Dictionary<string, int> { ["failed"] = 1, ["invalid"] = 1 },
            Items = [new BatchItemResult { Index = 0, InstanceId = "vpcep-1", Result = ProvisioningResult.Failed, EndpointId = endpoint.Id, Error = outcome.Error }],
            StartedAt = T0,
            CompletedAt = T0.AddMinutes(2),
        };
        var attempt = new NotificationAttempt(T0, NotificationChannels.Webhook, DeliveryVerdicts.Retry, 429, "Too Many Requests", 30);
        ProvisioningInput provisioning = hub.Schedules.Select(s => s.Input).OfType<ProvisioningInput>().Single();
        var deprovision = new DeprovisionInput(
            FakeOrchestration.InstanceId, RequestDocuments.ProjectId, "cn-north-4", null,
            new CreateEndpointInput(RequestDocuments.Request(), FakeOrchestration.InstanceId, T0), provisioning.Targets, provisioning.Settings, "alice", TimeSpan.FromMinutes(1), Run: 2);
        var watch = new WatchRequest(FakeOrchestration.InstanceId, endpoint.Id, T0, T0.AddSeconds(5), T0.AddMinutes(10));
        return
        [
            .. hub.Schedules.Select(s => s.Input!),
            new WatchState(RequestDocuments.ProjectId, "cn-north-4", TimeSpan.FromSeconds(3), [new WatchedEndpoint(watch, Misses: 2)], T0),
            watch,
            endpoint,
            outcome,
            batchOutcome,
            new BatchProgress(2, 1, batchOutcome.Counts),
            new ProvisioningStatus(ProvisioningPhase.Polling, endpoint.Id, EndpointStatus.Creating, 3),
            new CreateEndpointInput(RequestDocuments.Request(), FakeOrchestration.InstanceId, T0),
            new CreateEndpointResult(null, outcome.Error),
            new GetEndpointInput(RequestDocuments.ProjectId, null, endpoint.Id),
            new ObserveEndpointsInput(RequestDocuments.ProjectId, "cn-north-4", [endpoint.Id], T0),
            new NotificationInput(NotificationChannels.Webhook, "https://hooks.example.test/x", NotificationDocument.For(outcome)),
            new NotificationInput(NotificationChannels.Queue, "vpcep-outcomes", NotificationDocument.For(batchOutcome)),
            attempt,
            new DeliveryInput(NotificationDocument.For(outcome), [new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, "https://hooks.example.test/x"), [attempt])], DeliverySettings.Default, 1, AttemptNow: true),
            new FollowUpInput(provisioning, outcome, T0.AddDays(7), Polls: 20),
            new StartOrchestrationInput(DeliverNotificationOrchestrator.Name, "vpcep-notify-1", Delivery: new DeliveryInput(NotificationDocument.For(batchOutcome), [], DeliverySettings.Default, 0, AttemptNow: false)),
            new StartOrchestrationInput(FollowPendingAcceptanceOrchestrator.Name, "vpcep-follow-1", FollowUp: new FollowUpInput(provisioning, outcome, T0.AddDays(7))),
            deprovision,
            new StartOrchestrationInput(DeprovisionEndpointOrchestrator.Name, "vpcep-delete-1", Deprovision: deprovision),
            new DeleteEndpointResult(DeleteAnswers.Refused, outcome.Error),
            new DeprovisionStatus(DeprovisionPhase.Waiting, endpoint.Id, EndpointStatus.Deleting, 2),
            new DeprovisionOutcome
            {
                InstanceId = FakeOrchestration.InstanceId,
                DeprovisionInstanceId = "vpcep-delete-1",
                Result = DeprovisionResult.Deleted,
                ProjectId = RequestDocuments.ProjectId,
                EndpointId = endpoint.Id,
                StartedAt = T0,
                CompletedAt = T0.AddSeconds(9),
                Notification = outcome.Notification,
            },
            new NotificationInput(NotificationChannels.Webhook, "https://hooks.example.test/x", NotificationDocument.For(new DeprovisionOutcome { InstanceId = "vpcep-1", Result = DeprovisionResult.AlreadyGone }, run: 2)),
            new NotificationReport("https://hooks.example.test/x", Delivered: false, "Too Many Requests")
            {
                EventId = "outcome_x",
                State = NotificationStates.Retrying,
                Channels = [new ChannelReport(NotificationChannels.Webhook, "https://hooks.example.test/x", NotificationStates.Retrying, [attempt])],
                NextAttemptAt = T0.AddMinutes(5),
            },
            new[] { outcome.ValidationErrors[0] },
        ];
    }

    [Fact]
    public async Task Both_hosts_write_every_workflow_document_alike_and_read_what_the_other_wrote()
    {
        IServiceProvider self = selfHost!.Services;
        DataConverter selfWorker = self.GetRequiredService<IOptionsMonitor<DurableTaskWorkerOptions>>().Get(Options.DefaultName).DataConverter;
        DataConverter selfClient = self.GetRequiredService<IOptionsMonitor<DurableTaskClientOptions>>().Get(Options.DefaultName).DataConverter;
        IReadOnlyList<object> documents = await DocumentsAsync();

        Assert.Single(documents.OfType<ProvisioningInput>());
        Assert.Single(documents.OfType<BatchInput>());
        Assert.Equal(2, documents.OfType<WatchState>().Count());
        Assert.All(documents, document =>
        {
            Type type = document.GetType();
            string onFunctions = functions.DataConverter.Serialize(document)!;
            string onSelfHost = selfWorker.Serialize(document)!;

            Payloads.SameJson(onSelfHost, onFunctions);
            Payloads.SameJson(selfClient.Serialize(document), functions.ClientDataConverter.Serialize(document));
            Payloads.SameJson(onSelfHost, functions.ActivityResult(document));
            Payloads.SameJson(onSelfHost, functions.DataConverter.Serialize(functions.DataConverter.Deserialize(onSelfHost, type)));
            Payloads.SameJson(onFunctions, selfWorker.Serialize(selfWorker.Deserialize(onFunctions, type)));
        });
    }
}
