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
/// The Functions app's <see cref="DeliverNotificationOrchestrator"/> and <see cref="FollowPendingAcceptanceOrchestrator"/>
/// functions, driven through <c>GrpcOrchestrationRunner</c>, each started with the input the app's request orchestrator
/// function handed its start activity, as the app's durable client writes it.
/// </summary>
public sealed class NotificationRunnerTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly IReadOnlyList<FunctionEntry> functions = FunctionsMetadata.Load();

    [Fact]
    public async Task A_delivery_waits_on_the_retry_schedule_attempts_again_and_completes_with_its_report()
    {
        using FunctionsApp app = FunctionsApp.Build();
        var runs = new RequestRuns(app, functions, new FakeTaskHub(), T0);
        (ProvisioningInput input, string inputJson, OrchestratorSession request) = await runs.SubmitAsync();
        P.OrchestratorAction firstNotify = runs.RunToNotification(request, inputJson, EndpointStatus.Accepted);
        DateTime failedAt = T0.AddSeconds(12);
        NotificationAttempt failed = new(failedAt, NotificationChannels.Webhook, DeliveryVerdicts.Retry, 503, "Service Unavailable");
        P.OrchestratorAction startActivity = request.Run(failedAt, TaskCompleted(firstNotify.Id, app.ActivityResult(failed))).Single(Kind.ScheduleTask);
        StartOrchestrationInput start = app.ActivityInput<StartOrchestrationInput>(functions, startActivity.ScheduleTask);
        var delivery = new OrchestratorSession(app, functions.Function(start.Name), start.InstanceId);

        // Started (by the activity, through the app's client): waits the schedule's first step on a durable timer, the
        // report saying when it tries next.
        P.OrchestratorResponse waiting = delivery.Start(failedAt, app.ClientDataConverter.Serialize(start.Delivery));
        P.OrchestratorAction timer = waiting.Single(Kind.CreateTimer);
        DateTime due = failedAt + input.Settings.EffectiveDelivery.RetrySchedule[0];
        Assert.Equal(due, timer.CreateTimer.FireAt.ToDateTime());
        NotificationReport pending = app.ClientDataConverter.Read<NotificationReport>(waiting.CustomStatus);
        Assert.Equal((NotificationStates.Retrying, new DateTimeOffset(due)), (pending.State, pending.NextAttemptAt));

        // Due: the same notification again, to the same target.
        P.OrchestratorAction again = delivery.Run(due, TimerFired(timer.Id, due)).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(NotifyActivity), again.ScheduleTask.Name);
        Payloads.SameJson(firstNotify.ScheduleTask.Input, again.ScheduleTask.Input);

        // Delivered: completes with the report GET shows, every attempt in it.
        NotificationAttempt delivered = new(due, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200);
        P.OrchestratorResponse done = delivery.Run(due.AddSeconds(1), TaskCompleted(again.Id, app.ActivityResult(delivered)));
        P.CompleteOrchestrationAction complete = done.Single(Kind.CompleteOrchestration).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Completed, complete.OrchestrationStatus);
        NotificationReport report = app.ClientDataConverter.Read<NotificationReport>(complete.Result);
        Assert.Equal((true, NotificationStates.Delivered, delivery.InstanceId, "outcome_" + request.InstanceId), (report.Delivered, report.State, report.DeliveryInstanceId, report.EventId));
        Assert.Equal([failed, delivered], Assert.Single(report.Channels!).Attempts);
        Assert.Equal(NotificationStates.Delivered, app.ClientDataConverter.Read<NotificationReport>(done.CustomStatus).State);
    }

    [Fact]
    public async Task A_pending_acceptance_is_followed_until_the_owner_accepts_then_notified_again_with_its_own_event()
    {
        using FunctionsApp app = FunctionsApp.Build(new Dictionary<string, string?> { ["Notifications:FollowPendingAcceptance"] = "true" });
        var runs = new RequestRuns(app, functions, new FakeTaskHub(), T0);
        (ProvisioningInput input, string inputJson, OrchestratorSession request) = await runs.SubmitAsync();
        Assert.True(input.FollowPendingAcceptance);
        P.OrchestratorAction notify = runs.RunToNotification(request, inputJson, EndpointStatus.PendingAcceptance);
        DateTime endedAt = T0.AddSeconds(12);
        P.OrchestratorResponse ended = request.Run(endedAt, TaskCompleted(notify.Id, app.ActivityResult(new NotificationAttempt(endedAt, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 204))));

        // The request starts its follow-up through the start activity, and ends pending_acceptance at once.
        P.OrchestratorAction startActivity = ended.Single(Kind.ScheduleTask);
        StartOrchestrationInput start = app.ActivityInput<StartOrchestrationInput>(functions, startActivity.ScheduleTask);
        Assert.Contains(start.Name, functions.NamesTriggeredBy("orchestrationTrigger"));
        Assert.Equal((FollowPendingAcceptanceOrchestrator.Name, InstanceIds.ForFollowUp(request.InstanceId)), (start.Name, start.InstanceId));
        P.OrchestratorResponse handedOver = request.Run(endedAt.AddSeconds(1), TaskCompleted(startActivity.Id, app.ActivityResult(true)));
        ProvisioningOutcome first = app.ClientDataConverter.Read<ProvisioningOutcome>(handedOver.Single(Kind.CompleteOrchestration).CompleteOrchestration.Result);
        Assert.Equal((ProvisioningResult.PendingAcceptance, start.InstanceId), (first.Result, first.FollowUpInstanceId));

        // The follow-up looks after its poll interval.
        var follow = new OrchestratorSession(app, functions.Function(start.Name), start.InstanceId);
        P.OrchestratorAction timer = follow.Start(endedAt, app.ClientDataConverter.Serialize(start.FollowUp)).Single(Kind.CreateTimer);
        DateTime lookAt = endedAt + input.Settings.EffectiveDelivery.PendingAcceptancePollInterval;
        Assert.Equal(lookAt, timer.CreateTimer.FireAt.ToDateTime());
        P.OrchestratorAction look = follow.Run(lookAt, TimerFired(timer.Id, lookAt)).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(GetEndpointActivity), look.ScheduleTask.Name);
        Assert.Equal(new GetEndpointInput(RequestDocuments.ProjectId, input.Request.Region, first.Endpoint!.Id), app.ActivityInput<GetEndpointInput>(functions, look.ScheduleTask));

        // Accepted: the second notification, with its own event id and type.
        EndpointSnapshot accepted = first.Endpoint with { Status = EndpointStatus.Accepted };
        P.OrchestratorAction second = follow.Run(lookAt.AddSeconds(1), TaskCompleted(look.Id, app.ActivityResult(accepted))).Single(Kind.ScheduleTask);
        NotificationInput followUp = app.ActivityInput<NotificationInput>(functions, second.ScheduleTask);
        Assert.Equal(("outcome_followup_" + request.InstanceId, NotificationDocument.FollowUpType), (followUp.Document.EventId, followUp.Document.EventType));
        Assert.Equal(ProvisioningResult.Accepted, followUp.Document.Outcome!.Result);

        P.CompleteOrchestrationAction done = follow.Run(lookAt.AddSeconds(2), TaskCompleted(second.Id, app.ActivityResult(new NotificationAttempt(lookAt, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200))))
            .Single(Kind.CompleteOrchestration).CompleteOrchestration;
        ProvisioningOutcome last = app.ClientDataConverter.Read<ProvisioningOutcome>(done.Result);
        Assert.Equal((ProvisioningResult.Accepted, true), (last.Result, last.Notification!.Delivered));

    }
}
