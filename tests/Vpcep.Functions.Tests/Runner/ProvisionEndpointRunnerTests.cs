using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Functions.Tests.Hosting;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
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

    public void Dispose() => app.Dispose();

    /// <summary>Submits the seed request through the app's own intake; returns the start it asked for, with its input as the app's client writes it.</summary>
    private async Task<(ProvisioningInput Input, string Json, OrchestratorSession Session)> SubmitAsync()
    {
        ProvisioningIntake intake = app.Services.GetRequiredService<ProvisioningIntake>();
        Submission submitted = await intake.SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(RequestDocuments.SeedExample), "functions-proof", CancellationToken.None);
        Assert.Equal(SubmissionKind.Started, submitted.Kind);
        Scheduled start = Assert.Single(hub.Schedules, s => s.Name == ProvisionEndpointOrchestrator.Name);
        var input = (ProvisioningInput)start.Input!;
        return (input, app.ClientDataConverter.Serialize(input)!, new OrchestratorSession(app, functions.Function(ProvisionEndpointOrchestrator.Name), start.InstanceId!));
    }

    private ProvisioningStatus Status(P.OrchestratorResponse response) => app.ClientDataConverter.Read<ProvisioningStatus>(response.CustomStatus);

    [Fact]
    public async Task A_request_is_validated_created_handed_to_its_watcher_and_notified_of_its_outcome()
    {
        (ProvisioningInput input, string inputJson, OrchestratorSession session) = await SubmitAsync();
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
        Assert.Equal(FunctionsApp.DefaultSettings["Provisioning:DefaultCallbackUrl"], notice.CallbackUrl);
        Assert.Null(notice.BatchOutcome);
        Assert.Equal((session.InstanceId, ProvisioningResult.Accepted, EndpointStatus.Accepted), (notice.Outcome!.InstanceId, notice.Outcome.Result, notice.Outcome.Endpoint!.Status));
        Assert.Equal((new DateTimeOffset(T0), new DateTimeOffset(settledAt)), (notice.Outcome.StartedAt, notice.Outcome.CompletedAt));
        Assert.Equal(ProvisioningPhase.Notifying, Status(notifying).Phase);

        // Delivered: the orchestration completes with the outcome the API reads.
        P.OrchestratorResponse done = session.Run(settledAt.AddSeconds(1), TaskCompleted(notify.Id, app.ActivityResult(new NotificationReceipt(204))));
        P.CompleteOrchestrationAction complete = done.Single(Kind.CompleteOrchestration).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Completed, complete.OrchestrationStatus);
        ProvisioningOutcome outcome = app.ClientDataConverter.Read<ProvisioningOutcome>(complete.Result);
        Assert.Equal((ProvisioningResult.Accepted, made.Id, EndpointStatus.Accepted), (outcome.Result, outcome.Endpoint?.Id, outcome.Endpoint?.Status));
        Assert.Equal(new NotificationReport(notice.CallbackUrl, Delivered: true), outcome.Notification);
        JsonNode written = JsonNode.Parse(complete.Result)!;
        Assert.Equal((session.InstanceId, "accepted", true), (written["instance_id"]!.GetValue<string>(), written["result"]!.GetValue<string>(), written["notification"]!["delivered"]!.GetValue<bool>()));
        Assert.Equal(ProvisioningPhase.Completed, Status(done).Phase);
    }

    [Fact]
    public async Task Invalid_for_the_cloud_the_request_creates_nothing_and_its_outcome_names_the_problems()
    {
        (_, string inputJson, OrchestratorSession session) = await SubmitAsync();
        P.OrchestratorAction validate = session.Start(T0, inputJson).Single(Kind.ScheduleTask);
        ValidationError[] problems = [new("/endpoint/vpc_id", ValidationCodes.VpcNotFound, "The VPC does not exist.")];

        P.OrchestratorAction notify = session.Run(T0.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(problems))).Single(Kind.ScheduleTask);

        Assert.Equal(nameof(NotifyActivity), notify.ScheduleTask.Name);
        ProvisioningOutcome notified = app.ActivityInput<NotificationInput>(functions, notify.ScheduleTask).Outcome!;
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
        (ProvisioningInput input, string inputJson, OrchestratorSession session) = await SubmitAsync();
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
