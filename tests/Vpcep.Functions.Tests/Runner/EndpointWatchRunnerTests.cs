using System.Text;
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
/// The Functions app's <see cref="EndpointWatchOrchestrator"/> function, driven through <c>GrpcOrchestrationRunner</c>
/// with requests shaped as the Durable extension sends them and the app's own services and serializer.
/// </summary>
public sealed class EndpointWatchRunnerTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly FunctionsApp app = FunctionsApp.Build();
    private readonly IReadOnlyList<FunctionEntry> functions = FunctionsMetadata.Load();
    private readonly FakeTaskHub hub = new();

    public void Dispose() => app.Dispose();

    /// <summary>Submits the seed request through the app's own intake, which starts the project's watcher first.</summary>
    private async Task SubmitAsync()
    {
        Submission submitted = await app.Services.GetRequiredService<ProvisioningIntake>()
            .SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(RequestDocuments.SeedExample), "functions-proof", CancellationToken.None);
        Assert.Equal(SubmissionKind.Started, submitted.Kind);
    }

    /// <summary>The watcher start the intake asked for: a session and the input as the app's client writes it.</summary>
    private (WatchState State, string Json, OrchestratorSession Session) WatcherStart()
    {
        Scheduled start = Assert.Single(hub.Schedules, s => s.Name == EndpointWatchOrchestrator.Name);
        var state = (WatchState)start.Input!;
        return (state, app.ClientDataConverter.Serialize(state)!, new OrchestratorSession(app, functions.Function(EndpointWatchOrchestrator.Name), start.InstanceId!));
    }

    private static WatchRequest Registration(string endpointId, DateTime firstLookAt) =>
        new("vpcep-" + endpointId.PadLeft(32, '0'), endpointId, T0, firstLookAt, T0.AddMinutes(10));

    [Fact]
    public async Task The_watcher_looks_once_for_its_endpoints_tells_each_settled_ones_request_and_continues_as_new_with_the_rest()
    {
        await SubmitAsync();
        (WatchState state, string stateJson, OrchestratorSession watcher) = WatcherStart();
        Assert.Equal(InstanceIds.ForWatcher(RequestDocuments.ProjectId, null), watcher.InstanceId);
        Assert.Empty(state.Watched);

        // Nothing to watch: it waits for a registration, without a timer.
        Assert.Empty(watcher.Start(T0, stateJson).Actions);

        // The first registration arms a timer for its first look; a second one, due sooner, waits for the same look.
        WatchRequest first = Registration("a", T0.AddSeconds(7));
        WatchRequest second = Registration("b", T0.AddSeconds(5));
        P.OrchestratorAction timer = watcher.Run(T0.AddSeconds(2), EventRaised(EndpointWatchOrchestrator.WatchEvent, app.Json(first))).Single(Kind.CreateTimer);
        Assert.Equal(first.FirstLookAt, timer.CreateTimer.FireAt.ToDateTime());
        Assert.Empty(watcher.Run(T0.AddSeconds(3), EventRaised(EndpointWatchOrchestrator.WatchEvent, app.Json(second))).Actions);

        // The timer fires: one list call for both.
        DateTime lookedAt = first.FirstLookAt;
        P.OrchestratorAction look = watcher.Run(lookedAt, TimerFired(timer.Id, lookedAt)).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(ObserveEndpointsActivity), look.ScheduleTask.Name);
        ObserveEndpointsInput observe = app.ActivityInput<ObserveEndpointsInput>(functions, look.ScheduleTask);
        Assert.Equal((state.ProjectId, state.Region, T0), (observe.ProjectId, observe.Region, observe.OldestCreatedAt));
        Assert.Equal(["a", "b"], observe.EndpointIds.Order(StringComparer.Ordinal));

        // "a" settled: its request is told, with the snapshot; "b" is still creating and carried into the next run.
        EndpointSnapshot settled = FakeOrchestration.Endpoint(EndpointStatus.Accepted) with { Id = "a" };
        EndpointSnapshot creating = FakeOrchestration.Endpoint(EndpointStatus.Creating) with { Id = "b" };
        P.OrchestratorResponse told = watcher.Run(lookedAt.AddSeconds(1), TaskCompleted(look.Id, app.ActivityResult(new[] { settled, creating })));
        Assert.Equal([Kind.SendEvent, Kind.CompleteOrchestration], told.Actions.Select(a => a.OrchestratorActionTypeCase));
        P.SendEventAction word = told.Actions[0].SendEvent;
        Assert.Equal((first.InstanceId, EndpointWatchOrchestrator.SettledEvent), (word.Instance.InstanceId, word.Name));
        Payloads.SameJson(app.Json(settled), app.Json(app.DataConverter.Read<EndpointSnapshot>(word.Data)));

        P.CompleteOrchestrationAction continued = told.Actions[1].CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.ContinuedAsNew, continued.OrchestrationStatus);
        WatchState next = app.DataConverter.Read<WatchState>(continued.Result);
        Assert.Equal([new WatchedEndpoint(second)], next.Watched);
        Assert.Equal((lookedAt, state.Interval, state.ProjectId), (next.LastLookAt, next.Interval, next.ProjectId));

        // The next run reads the carried state as its input: its look is one interval after the last one.
        var nextRun = new OrchestratorSession(app, functions.Function(EndpointWatchOrchestrator.Name), watcher.InstanceId);
        P.OrchestratorAction nextTimer = nextRun.Start(lookedAt.AddSeconds(1), continued.Result).Single(Kind.CreateTimer);
        Assert.Equal(lookedAt + state.Interval, nextTimer.CreateTimer.FireAt.ToDateTime());
    }

    [Fact]
    public async Task A_request_and_its_watcher_understand_each_others_events_as_the_Functions_app_writes_them()
    {
        await SubmitAsync();
        (_, string stateJson, OrchestratorSession watcher) = WatcherStart();
        Scheduled requestStart = Assert.Single(hub.Schedules, s => s.Name == ProvisionEndpointOrchestrator.Name);
        var request = new OrchestratorSession(app, functions.Function(ProvisionEndpointOrchestrator.Name), requestStart.InstanceId!);
        EndpointSnapshot made = FakeOrchestration.Endpoint(EndpointStatus.Creating);

        // The request runs up to its registration with the watcher.
        P.OrchestratorAction validate = request.Start(T0, app.ClientDataConverter.Serialize(requestStart.Input)).Single(Kind.ScheduleTask);
        P.OrchestratorAction create = request.Run(T0.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(Array.Empty<ValidationError>()))).Single(Kind.ScheduleTask);
        P.SendEventAction register = request.Run(T0.AddSeconds(2), TaskCompleted(create.Id, app.ActivityResult(new CreateEndpointResult(made, null))))
            .Actions.Single(a => a.OrchestratorActionTypeCase == Kind.SendEvent).SendEvent;
        Assert.Equal(watcher.InstanceId, register.Instance.InstanceId);

        // The watcher gets that event as it was sent, looks, and answers the request.
        Assert.Empty(watcher.Start(T0, stateJson).Actions);
        P.OrchestratorAction timer = watcher.Run(T0.AddSeconds(3), EventRaised(register.Name, register.Data)).Single(Kind.CreateTimer);
        DateTime lookAt = timer.CreateTimer.FireAt.ToDateTime();
        P.OrchestratorAction look = watcher.Run(lookAt, TimerFired(timer.Id, lookAt)).Single(Kind.ScheduleTask);
        Assert.Equal([made.Id], app.ActivityInput<ObserveEndpointsInput>(functions, look.ScheduleTask).EndpointIds);
        P.SendEventAction word = watcher.Run(lookAt.AddSeconds(1), TaskCompleted(look.Id, app.ActivityResult(new[] { made with { Status = EndpointStatus.PendingAcceptance } })))
            .Actions.Single(a => a.OrchestratorActionTypeCase == Kind.SendEvent).SendEvent;
        Assert.Equal(request.InstanceId, word.Instance.InstanceId);

        // The request gets the watcher's word as it was sent and ends with it.
        P.OrchestratorAction notify = request.Run(lookAt.AddSeconds(2), EventRaised(word.Name, word.Data)).Single(Kind.ScheduleTask);
        ProvisioningOutcome outcome = app.ActivityInput<NotificationInput>(functions, notify.ScheduleTask).Document.Outcome!;
        Assert.Equal((ProvisioningResult.PendingAcceptance, made.Id), (outcome.Result, outcome.Endpoint?.Id));
    }
}
