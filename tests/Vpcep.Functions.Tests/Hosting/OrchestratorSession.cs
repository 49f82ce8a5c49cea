using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.DurableTask.Worker.Grpc;
using Xunit.Sdk;
using P = Microsoft.DurableTask.Protobuf;

namespace Vpcep.Functions.Tests.Hosting;

/// <summary>
/// One orchestration instance of the Functions app, run episode by episode as the Durable extension runs an
/// out-of-process orchestrator: each episode sends an <see cref="P.OrchestratorRequest"/> (the history so far as past
/// events, what happened since as new events), base64-encoded protobuf, to <see cref="GrpcOrchestrationRunner.LoadAndRun(string, Microsoft.DurableTask.ITaskOrchestrator, IServiceProvider?)"/>
/// with the app's service provider, and decodes the <see cref="P.OrchestratorResponse"/> (actions, custom status).
/// </summary>
/// <remarks>
/// <para>The request's shape is the host's: <c>OrchestrationTriggerAttributeBindingProvider.BindAsync</c>
/// (Azure/azure-functions-durable-extension, src/WebJobs.Extensions.DurableTask/Bindings/) sets the instance id, past
/// events, new events and entity parameters, each history event converted by <c>ProtobufUtils.ToHistoryEventProto</c>
/// (src/WebJobs.Extensions.DurableTask/ProtobufUtils.cs: event id, timestamp, and the event's own fields), and encodes
/// it with base64; the worker middleware passes that string to <c>GrpcOrchestrationRunner.LoadAndRun</c>
/// (src/Worker.Extensions.DurableTask/Execution/DurableFunctionExecutor.Orchestration.cs) and returns the base64 response.</para>
/// <para>Between episodes the history grows as DurableTask.Core's <c>TaskOrchestrationDispatcher</c> grows it: the new
/// events, then one event per action under the action's id (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated,
/// EventSent; ExecutionCompleted for a completion), then OrchestratorCompleted. Events that answer an action
/// (TaskCompleted, TimerFired, ...) carry event id -1 and name the action's id.</para>
/// </remarks>
public sealed class OrchestratorSession(FunctionsApp app, FunctionEntry function, string instanceId)
{
    private readonly List<P.HistoryEvent> history = [];
    private readonly OrchestratorFunction orchestrator = new(function, app.Services);

    /// <summary>The instance id.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The requests sent so far, base64-encoded as the host sends them.</summary>
    public List<string> EncodedRequests { get; } = [];

    /// <summary>Starts the instance at <paramref name="at"/> with its input as the task hub stores it (JSON, or none).</summary>
    public P.OrchestratorResponse Start(DateTime at, string? input, P.ParentInstanceInfo? parent = null) =>
        Run(at, new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = Timestamp.FromDateTime(at),
            ExecutionStarted = new P.ExecutionStartedEvent
            {
                Name = function.Name,
                Input = input,
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = InstanceId, ExecutionId = "execution-1" },
                ParentInstance = parent,
            },
        });

    /// <summary>Runs the next episode at <paramref name="at"/> with what happened since the last one.</summary>
    public P.OrchestratorResponse Run(DateTime at, params P.HistoryEvent[] happened)
    {
        var started = new P.HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTime(at), OrchestratorStarted = new P.OrchestratorStartedEvent() };
        foreach (P.HistoryEvent e in happened)
        {
            // The host stamps every event with the time it was recorded (ProtobufUtils.ToHistoryEventProto).
            e.Timestamp ??= Timestamp.FromDateTime(at);
        }

        P.HistoryEvent[] newEvents = [started, .. happened];
        var request = new P.OrchestratorRequest
        {
            InstanceId = InstanceId,
            PastEvents = { history },
            NewEvents = { newEvents },
            // The host's entity settings (DurableTaskOptions.EntityMessageReorderWindowInMinutes, 30 by default); no entity is used.
            EntityParameters = new P.OrchestratorEntityParameters { EntityMessageReorderWindow = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) },
        };
        string encoded = Convert.ToBase64String(request.ToByteArray());
        EncodedRequests.Add(encoded);

        string answer = GrpcOrchestrationRunner.LoadAndRun(encoded, orchestrator, app.Services);

        P.OrchestratorResponse response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(answer));
        if (response.InstanceId != InstanceId)
        {
            throw new XunitException($"The response names instance '{response.InstanceId}', not '{InstanceId}'.");
        }

        if (response.Actions.FirstOrDefault(a => a.CompleteOrchestration?.OrchestrationStatus == P.OrchestrationStatus.Failed) is { } failed)
        {
            P.TaskFailureDetails details = failed.CompleteOrchestration.FailureDetails;
            throw new XunitException($"The orchestrator function failed: {details?.ErrorType}: {details?.ErrorMessage}\n{details?.StackTrace}");
        }

        history.AddRange(newEvents);
        foreach (P.OrchestratorAction action in response.Actions)
        {
            history.Add(Recorded(action, at));
        }

        history.Add(new P.HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTime(at), OrchestratorCompleted = new P.OrchestratorCompletedEvent() });
        return response;
    }

    /// <summary>An activity's result, as the host records it (the result JSON the worker returned).</summary>
    public static P.HistoryEvent TaskCompleted(int taskScheduledId, string? result) =>
        new() { EventId = -1, TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = taskScheduledId, Result = result } };

    /// <summary>An activity's failure, with the failure details the host derived from the worker's exception.</summary>
    public static P.HistoryEvent TaskFailed(int taskScheduledId, string errorType, string errorMessage) =>
        new() { EventId = -1, TaskFailed = new P.TaskFailedEvent { TaskScheduledId = taskScheduledId, FailureDetails = new P.TaskFailureDetails { ErrorType = errorType, ErrorMessage = errorMessage } } };

    /// <summary>A durable timer that fired.</summary>
    public static P.HistoryEvent TimerFired(int timerId, DateTime fireAt) =>
        new() { EventId = -1, TimerFired = new P.TimerFiredEvent { TimerId = timerId, FireAt = Timestamp.FromDateTime(fireAt) } };

    /// <summary>An event raised on the instance (by another orchestration's SendEvent, with its data).</summary>
    public static P.HistoryEvent EventRaised(string name, string? input) =>
        new() { EventId = -1, EventRaised = new P.EventRaisedEvent { Name = name, Input = input } };

    /// <summary>A sub-orchestration that completed with its output.</summary>
    public static P.HistoryEvent SubOrchestrationCompleted(int taskScheduledId, string? result) =>
        new() { EventId = -1, SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent { TaskScheduledId = taskScheduledId, Result = result } };

    /// <summary>A sub-orchestration that failed.</summary>
    public static P.HistoryEvent SubOrchestrationFailed(int taskScheduledId, string errorType, string errorMessage) =>
        new() { EventId = -1, SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent { TaskScheduledId = taskScheduledId, FailureDetails = new P.TaskFailureDetails { ErrorType = errorType, ErrorMessage = errorMessage } } };

    private static P.HistoryEvent Recorded(P.OrchestratorAction action, DateTime at)
    {
        var recorded = new P.HistoryEvent { EventId = action.Id, Timestamp = Timestamp.FromDateTime(at) };
        switch (action.OrchestratorActionTypeCase)
        {
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                recorded.TaskScheduled = new P.TaskScheduledEvent { Name = action.ScheduleTask.Name, Version = action.ScheduleTask.Version, Input = action.ScheduleTask.Input };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                recorded.TimerCreated = new P.TimerCreatedEvent { FireAt = action.CreateTimer.FireAt };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                P.CreateSubOrchestrationAction sub = action.CreateSubOrchestration;
                recorded.SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent { InstanceId = sub.InstanceId, Name = sub.Name, Version = sub.Version, Input = sub.Input };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                recorded.EventSent = new P.EventSentEvent { InstanceId = action.SendEvent.Instance.InstanceId, Name = action.SendEvent.Name, Input = action.SendEvent.Data };
                break;
            case P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                recorded.EventId = -1;
                recorded.ExecutionCompleted = new P.ExecutionCompletedEvent { OrchestrationStatus = action.CompleteOrchestration.OrchestrationStatus, Result = action.CompleteOrchestration.Result };
                break;
            default:
                throw new XunitException($"The orchestrator asked for an action these tests do not expect: {action}");
        }

        return recorded;
    }
}
