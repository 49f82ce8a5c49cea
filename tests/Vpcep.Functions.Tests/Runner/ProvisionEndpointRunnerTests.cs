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
/// The Functions app's <see cref="ProvisionEndpointOrchestrator"/> function, driven through <c>GrpcOrchestrationRunner</c>
/// with requests shaped as the Durable extension sends them and the app's own services and serializer.
/// </summary>
public sealed class ProvisionEndpointRunnerTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly FunctionsApp app = FunctionsApp.Build();
    private readonly IReadOnlyList<FunctionEntry> functions = FunctionsMetadata.Load();
    private readonly FakeTaskHub hub = new();
    private readonly RequestRuns runs;

    public ProvisionEndpointRunnerTests() => runs = new RequestRuns(app, functions, hub, T0);

    public void Dispose() => app.Dispose();

    private ProvisioningStatus Status(P.OrchestratorResponse response) => app.ClientDataConverter.Read<ProvisioningStatus>(response.CustomStatus);

    [Fact]
    public async Task A_request_is_validated_created_handed_to_its_watcher_and_notified_of_its_outcome()
    {
        (ProvisioningInput input, string inputJson, OrchestratorSession session) = await runs.SubmitAsync();
        WorkflowSettings settings = input.Settings;
        Assert.NotNull(settings.CoalescedPollingFallback);

        // Started: the request is checked against the cloud first.
        P.OrchestratorResponse started = session.Start(T0, inputJson);
        P.OrchestratorAction validate = started.Single(Kind.ScheduleTask);
        Assert.Equal(nameof(ValidateInCloudActivity), validate.ScheduleTask.Name);
        Payloads.SameJson(app.Json(input.Request), app.Json(app.ActivityInput<ProvisioningRequest>(functions, validate.ScheduleTask)));
        Assert.Equal(RequestDocuments.ProjectId, JsonNode.Parse(validate.ScheduleTask.Input)![0]!["project_id"]!.GetValue<string>());
        Assert.Equal(ProvisioningPhase.Validating, Status(started).Phase);

        // No problems: create (or adopt an earlier attempt's endpoint).
        P.OrchestratorResponse creating = session.Run(T0.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(Array.Empty<ValidationError>())));
        P.OrchestratorAction create = creating.Single(Kind.ScheduleTask);
        Assert.Equal(nameof(CreateEndpointActivity), create.ScheduleTask.Name);
        CreateEndpointInput createInput = app.ActivityInput<CreateEndpointInput>(functions, create.ScheduleTask);
        Assert.Equal(session.InstanceId, createInput.InstanceId);
        Assert.Equal(new DateTimeOffset(T0), createInput.NotBefore);
        Payloads.SameJson(app.Json(input.Request), app.Json(createInput.Request));
        Assert.Equal(ProvisioningPhase.Creating, Status(creating).Phase);

        // Created and still creating: registered with the project's watcher, and a fallback timer in case it stays silent.
        DateTime createdAt = T0.AddSeconds(2);
        EndpointSnapshot made = FakeOrchestration.Endpoint(EndpointStatus.Creating);
        P.OrchestratorResponse waiting = session.Run(createdAt, TaskCompleted(create.Id, app.ActivityResult(new CreateEndpointResult(made, null))));
        Assert.Equal([Kind.SendEvent, Kind.CreateTimer], waiting.Actions.Select(a => a.OrchestratorActionTypeCase));
        P.SendEventAction register = waiting.Actions[0].SendEvent;
        Assert.Equal(InstanceIds.ForWatcher(RequestDocuments.ProjectId, input.Request.Region), register.Instance.InstanceId);
        Assert.Equal(EndpointWatchOrchestrator.WatchEvent, register.Name);
        Assert.Equal(
            new WatchRequest(session.InstanceId, made.Id, T0, createdAt + settings.InitialPollDelay, createdAt + settings.CreationTimeout),
            app.DataConverter.Read<WatchRequest>(register.Data));
        Assert.Equal(createdAt + settings.InitialPollDelay + settings.CoalescedPollingFallback.Value, waiting.Actions[1].CreateTimer.FireAt.ToDateTime());
        Assert.Equal((ProvisioningPhase.Polling, made.Id, EndpointStatus.Creating), (Status(waiting).Phase, Status(waiting).EndpointId, Status(waiting).EndpointStatus));

        // The watcher's word (the settled endpoint, as its SendEvent writes it): the outcome is notified.
        DateTime settledAt = createdAt.AddSeconds(9);
        EndpointSnapshot accepted = made with { Status = EndpointStatus.Accepted };
        P.OrchestratorResponse notifying = session.Run(settledAt, EventRaised(EndpointWatchOrchestrator.SettledEvent, app.Json(accepted)));
        P.OrchestratorAction notify = notifying.Single(Kind.ScheduleTask);
        Assert.Equal(nameof(NotifyActivity), notify.ScheduleTask.Name);
        NotificationInput notice = app.ActivityInput<NotificationInput>(functions, notify.ScheduleTask);
        Assert.Equal((NotificationChannels.Webhook, FunctionsApp.DefaultSettings["Provisioning:DefaultCallbackUrl"]), (notice.Channel, notice.Target));
        Assert.Equal(("outcome_" + session.InstanceId, NotificationDocument.OutcomeType), (notice.Document.EventId, notice.Document.EventType));
        ProvisioningOutcome notified = notice.Document.Outcome!;
        Assert.Equal((session.InstanceId, ProvisioningResult.Accepted, EndpointStatus.Accepted), (notified.InstanceId, notified.Result, notified.Endpoint!.Status));
        Assert.Equal((new DateTimeOffset(T0), new DateTimeOffset(settledAt)), (notified.StartedAt, notified.CompletedAt));
        Assert.Equal(ProvisioningPhase.Notifying, Status(notifying).Phase);

        // Delivered: the orchestration completes with the outcome the API reads.
        NotificationAttempt delivered = new(settledAt.AddSeconds(1), NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 204);
        P.OrchestratorResponse done = session.Run(settledAt.AddSeconds(1), TaskCompleted(notify.Id, app.ActivityResult(delivered)));
        P.CompleteOrchestrationAction complete = done.Single(Kind.CompleteOrchestration).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Completed, complete.OrchestrationStatus);
        ProvisioningOutcome outcome = app.ClientDataConverter.Read<ProvisioningOutcome>(complete.Result);
        Assert.Equal((ProvisioningResult.Accepted, made.Id, EndpointStatus.Accepted), (outcome.Result, outcome.Endpoint?.Id, outcome.Endpoint?.Status));
        Assert.Equal((notice.Target, true, NotificationStates.Delivered), (outcome.Notification?.Target, outcome.Notification?.Delivered, outcome.Notification?.State));
        Assert.Equal([delivered], Assert.Single(outcome.Notification!.Channels!).Attempts);
        JsonNode written = JsonNode.Parse(complete.Result)!;
        Assert.Equal((session.InstanceId, "accepted", true), (written["instance_id"]!.GetValue<string>(), written["result"]!.GetValue<string>(), written["notification"]!["delivered"]!.GetValue<bool>()));
        Assert.Equal(ProvisioningPhase.Completed, Status(done).Phase);
    }

    /// <remarks>
    /// The delivery goes on in an orchestration of its own, started by an activity through the app's durable client (an
    /// orchestration started as a sub-orchestration would keep the request running: DurableTask.Core completes an
    /// orchestration only when no task of it is open, <c>TaskOrchestrationExecutor.ExecuteCore</c>). The request completes
    /// as soon as that activity has run.
    /// </remarks>
    [Fact]
    public async Task A_failed_first_delivery_is_handed_to_a_delivery_orchestration_started_by_an_activity_and_the_request_completes()
    {
        (_, string inputJson, OrchestratorSession session) = await runs.SubmitAsync();
        P.OrchestratorAction notify = runs.RunToNotification(session, inputJson, EndpointStatus.Accepted);
        NotificationAttempt failed = new(T0.AddSeconds(12), NotificationChannels.Webhook, DeliveryVerdicts.Retry, 503, "Service Unavailable");

        P.OrchestratorAction start = session.Run(T0.AddSeconds(12), TaskCompleted(notify.Id, app.ActivityResult(failed))).Single(Kind.ScheduleTask);

        Assert.Equal(nameof(StartOrchestrationActivity), start.ScheduleTask.Name);
        StartOrchestrationInput started = app.ActivityInput<StartOrchestrationInput>(functions, start.ScheduleTask);
        Assert.Contains(started.Name, functions.NamesTriggeredBy("orchestrationTrigger"));
        Assert.Equal((DeliverNotificationOrchestrator.Name, InstanceIds.ForDelivery("outcome_" + session.InstanceId)), (started.Name, started.InstanceId));
        Assert.Equal((0, false), (started.Delivery!.Step, started.Delivery.AttemptNow));
        Assert.Equal([failed], Assert.Single(started.Delivery.Channels).Attempts);

        P.OrchestratorResponse done = session.Run(T0.AddSeconds(13), TaskCompleted(start.Id, app.ActivityResult(true)));
        ProvisioningOutcome outcome = app.ClientDataConverter.Read<ProvisioningOutcome>(done.Single(Kind.CompleteOrchestration).CompleteOrchestration.Result);
        Assert.Equal((ProvisioningResult.Accepted, false, NotificationStates.Retrying, started.InstanceId), (outcome.Result, outcome.Notification!.Delivered, outcome.Notification.State, outcome.Notification.DeliveryInstanceId));
    }

    [Fact]
    public async Task Invalid_for_the_cloud_the_request_creates_nothing_and_its_outcome_names_the_problems()
    {
        (_, string inputJson, OrchestratorSession session) = await runs.SubmitAsync();
        P.OrchestratorAction validate = session.Start(T0, inputJson).Single(Kind.ScheduleTask);
        ValidationError[] problems = [new("/endpoint/vpc_id", ValidationCodes.VpcNotFound, "The VPC does not exist.")];

        P.OrchestratorAction notify = session.Run(T0.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(problems))).Single(Kind.ScheduleTask);

        Assert.Equal(nameof(NotifyActivity), notify.ScheduleTask.Name);
        ProvisioningOutcome notified = app.ActivityInput<NotificationInput>(functions, notify.ScheduleTask).Document.Outcome!;
        Assert.Equal((ProvisioningResult.Invalid, "validation_failed"), (notified.Result, notified.Error?.Code));
        Assert.Equal(problems, notified.ValidationErrors);
        Assert.Null(notified.Endpoint);
    }

    /// <remarks>
    /// The failure details come from the Durable worker extension's own wrapping of the thrown exception, as the host gets
    /// them: the workflow tells a busy cloud (waited out) from other failures by the failure's type name.
    /// </remarks>
    [Fact]
    public async Task A_busy_cloud_reported_by_a_Functions_activity_is_waited_out_on_a_durable_timer_and_the_call_made_again()
    {
        (ProvisioningInput input, string inputJson, OrchestratorSession session) = await runs.SubmitAsync();
        P.OrchestratorAction validate = session.Start(T0, inputJson).Single(Kind.ScheduleTask);
        P.OrchestratorAction create = session.Run(T0.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(Array.Empty<ValidationError>()))).Single(Kind.ScheduleTask);
        P.TaskFailureDetails busy = WorkerFailures.FailureOf(new CloudBusyException("Huawei Cloud answered 429 (APIG.0308): too many requests."));
        Assert.Equal(typeof(CloudBusyException).FullName, busy.ErrorType);

        DateTime failedAt = T0.AddSeconds(2);
        P.OrchestratorResponse waiting = session.Run(failedAt, new P.HistoryEvent { EventId = -1, TaskFailed = new P.TaskFailedEvent { TaskScheduledId = create.Id, FailureDetails = busy } });

        // A busy answer waits 2.5-5 s (5 s with jitter), never the 2 s of an ordinary failure's first retry.
        P.OrchestratorAction timer = waiting.Single(Kind.CreateTimer);
        TimeSpan wait = timer.CreateTimer.FireAt.ToDateTime() - failedAt;
        Assert.InRange(wait, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
        Assert.NotEqual(input.Settings.FirstRetryInterval, wait);

        P.OrchestratorAction again = session.Run(timer.CreateTimer.FireAt.ToDateTime(), TimerFired(timer.Id, timer.CreateTimer.FireAt.ToDateTime())).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(CreateEndpointActivity), again.ScheduleTask.Name);
        Payloads.SameJson(create.ScheduleTask.Input, again.ScheduleTask.Input);
    }
}
