using Vpcep.Functions.Tests.Hosting;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using static Vpcep.Functions.Tests.Hosting.OrchestratorSession;
using Kind = Microsoft.DurableTask.Protobuf.OrchestratorAction.OrchestratorActionTypeOneofCase;
using P = Microsoft.DurableTask.Protobuf;

namespace Vpcep.Functions.Tests.Runner;

/// <summary>
/// The Functions app's <see cref="DeprovisionEndpointOrchestrator"/> function, driven through <c>GrpcOrchestrationRunner</c>,
/// started with the input the app's request orchestrator function handed its start activity when the request failed with
/// an endpoint (<c>Provisioning:DeprovisionFailedEndpoints</c>), as the app's durable client writes it.
/// </summary>
public sealed class DeprovisionRunnerTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly IReadOnlyList<FunctionEntry> functions = FunctionsMetadata.Load();

    [Fact]
    public async Task A_failed_requests_endpoint_is_deleted_waited_for_with_a_durable_timer_and_notified_as_deleted()
    {
        using FunctionsApp app = FunctionsApp.Build(new Dictionary<string, string?> { ["Provisioning:DeprovisionFailedEndpoints"] = "true" });
        var runs = new RequestRuns(app, functions, new FakeTaskHub(), T0);
        (ProvisioningInput input, string inputJson, OrchestratorSession request) = await runs.SubmitAsync();
        P.OrchestratorAction notify = runs.RunToNotification(request, inputJson, EndpointStatus.Failed);
        DateTime endedAt = T0.AddSeconds(12);
        P.OrchestratorResponse ended = request.Run(endedAt, TaskCompleted(notify.Id, app.ActivityResult(new NotificationAttempt(endedAt, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 204))));

        // The request starts its deprovisioning through the start activity, and ends failed at once.
        P.OrchestratorAction startActivity = ended.Single(Kind.ScheduleTask);
        StartOrchestrationInput start = app.ActivityInput<StartOrchestrationInput>(functions, startActivity.ScheduleTask);
        Assert.Contains(start.Name, functions.NamesTriggeredBy("orchestrationTrigger"));
        Assert.Equal((DeprovisionEndpointOrchestrator.Name, InstanceIds.ForDeprovision(request.InstanceId)), (start.Name, start.InstanceId));
        P.OrchestratorResponse handedOver = request.Run(endedAt.AddSeconds(1), TaskCompleted(startActivity.Id, app.ActivityResult(true)));
        ProvisioningOutcome failed = app.ClientDataConverter.Read<ProvisioningOutcome>(handedOver.Single(Kind.CompleteOrchestration).CompleteOrchestration.Result);
        Assert.Equal(ProvisioningResult.Failed, failed.Result);

        // The deprovisioning deletes the endpoint the request made.
        var deprovision = new OrchestratorSession(app, functions.Function(start.Name), start.InstanceId);
        P.OrchestratorAction delete = deprovision.Start(endedAt, app.ClientDataConverter.Serialize(start.Deprovision)).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(DeleteEndpointActivity), delete.ScheduleTask.Name);
        Assert.Equal(new GetEndpointInput(RequestDocuments.ProjectId, input.Request.Region, failed.Endpoint!.Id), app.ActivityInput<GetEndpointInput>(functions, delete.ScheduleTask));

        // Accepted: it waits the initial poll delay on a durable timer, then looks.
        P.OrchestratorAction timer = deprovision.Run(endedAt.AddSeconds(1), TaskCompleted(delete.Id, app.ActivityResult(new DeleteEndpointResult(DeleteAnswers.Accepted)))).Single(Kind.CreateTimer);
        DateTime lookAt = endedAt.AddSeconds(1) + input.Settings.InitialPollDelay;
        Assert.Equal(lookAt, timer.CreateTimer.FireAt.ToDateTime());
        P.OrchestratorAction look = deprovision.Run(lookAt, TimerFired(timer.Id, lookAt)).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(GetEndpointActivity), look.ScheduleTask.Name);

        // Gone: notified with its own event, then completed with the outcome GET shows.
        P.OrchestratorAction notifyDeleted = deprovision.Run(lookAt.AddSeconds(1), TaskCompleted(look.Id, "null")).Single(Kind.ScheduleTask);
        NotificationInput sent = app.ActivityInput<NotificationInput>(functions, notifyDeleted.ScheduleTask);
        Assert.Equal(("deprovision_" + request.InstanceId, NotificationDocument.DeprovisionType), (sent.Document.EventId, sent.Document.EventType));
        P.CompleteOrchestrationAction done = deprovision.Run(lookAt.AddSeconds(2), TaskCompleted(notifyDeleted.Id, app.ActivityResult(new NotificationAttempt(lookAt, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200))))
            .Single(Kind.CompleteOrchestration).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Completed, done.OrchestrationStatus);
        DeprovisionOutcome outcome = app.ClientDataConverter.Read<DeprovisionOutcome>(done.Result);
        Assert.Equal((DeprovisionResult.Deleted, failed.Endpoint.Id, request.InstanceId, true), (outcome.Result, outcome.EndpointId, outcome.InstanceId, outcome.Notification!.Delivered));
    }
}
