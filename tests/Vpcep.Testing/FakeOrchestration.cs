using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Testing;

/// <summary>
/// A substitute <see cref="TaskOrchestrationContext"/> with a clock that durable timers move, activities
/// answered by script (per task name), and a record of every activity call, timer and custom status.
/// </summary>
/// <remarks>Linked into Vpcep.Functions.Tests as well, which drives the Functions orchestrator wrapper with it.</remarks>
public sealed class FakeOrchestration
{
    public const string InstanceId = "vpcep-0123456789abcdef0123456789abcdef";
    public const string EndpointId = "4189d3c2-8882-4871-a3c2-d380272eed83";
    public const string CallbackUrl = "https://hooks.example.test/vpcep";

    public static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, Func<object?, object?>> activities = [];
    private readonly Queue<EndpointSnapshot?> polls = new();

    public FakeOrchestration()
    {
        Context.InstanceId.Returns(InstanceId);
        Context.CurrentUtcDateTime.Returns(_ => Now);
        Context.IsReplaying.Returns(false);
        Context.CreateReplaySafeLogger<ProvisionEndpointOrchestrator>().Returns(NullLogger.Instance);
        Context.CreateReplaySafeLogger(Arg.Any<string>()).Returns(NullLogger.Instance);
        Context.CreateReplaySafeLogger(Arg.Any<Type>()).Returns(NullLogger.Instance);
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            DateTime fireAt = call.ArgAt<DateTime>(0);
            Timers.Add(fireAt);
            CancellationToken token = call.ArgAt<CancellationToken>(1);
            TimerTokens.Add(token);
            if (TimersHang)
            {
                // Pending until cancelled, as a durable timer whose time has not come.
                return Task.Delay(Timeout.Infinite, token);
            }

            // Like Azure Storage's timers, each may fire early once (its delay rounded down to whole seconds).
            DateTime firesAt = TimersFireEarlyBy > TimeSpan.Zero && earlyFired.Add(fireAt) ? fireAt - TimersFireEarlyBy : fireAt;
            if (firesAt > Now)
            {
                Now = firesAt;
            }

            return Task.CompletedTask;
        });
        Context.When(c => c.SetCustomStatus(Arg.Any<object?>())).Do(call =>
        {
            if (call.ArgAt<object?>(0) is ProvisioningStatus status)
            {
                Statuses.Add(status);
            }
            else
            {
                OtherStatuses.Add(call.ArgAt<object?>(0));
            }
        });
        Context.CallActivityAsync<IReadOnlyList<ValidationError>>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => Answer<IReadOnlyList<ValidationError>>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
        Context.CallActivityAsync<CreateEndpointResult>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => Answer<CreateEndpointResult>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
        Context.CallActivityAsync<EndpointSnapshot?>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => Answer<EndpointSnapshot?>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
        Context.CallActivityAsync<NotificationAttempt>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => Answer<NotificationAttempt>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
        Context.CallActivityAsync<DeleteEndpointResult>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => Answer<DeleteEndpointResult>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
        Context.CallActivityAsync<bool>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => Answer<bool>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
        Context.CallActivityAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call => (Task)Answer<object?>(call.ArgAt<TaskName>(0), call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));

        Context.WaitForExternalEvent<EndpointSnapshot>(EndpointWatchOrchestrator.SettledEvent, Arg.Any<CancellationToken>())
            .Returns(_ => Settled.Task);
        Context.When(c => c.SendEvent(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<object>()))
            .Do(call => Sent.Add((call.ArgAt<string>(0), call.ArgAt<string>(1), call.ArgAt<object>(2), Now)));

        // A well-behaved cloud: no validation problems, a new endpoint still creating, accepted at the first poll, delivery works.
        OnActivity(nameof(ValidateInCloudActivity), _ => Array.Empty<ValidationError>());
        OnActivity(nameof(CreateEndpointActivity), _ => new CreateEndpointResult(Endpoint(EndpointStatus.Creating), null));
        OnActivity(nameof(GetEndpointActivity), _ => polls.Count > 0 ? polls.Dequeue() : Endpoint(EndpointStatus.Accepted));
        OnActivity(nameof(NotifyActivity), _ => new NotificationAttempt(Now, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200));
        OnActivity(nameof(FindCreatedEndpointActivity), _ => null);
        OnActivity(nameof(DeleteEndpointActivity), _ => new DeleteEndpointResult(DeleteAnswers.Accepted));
        OnActivity(nameof(StartOrchestrationActivity), input =>
        {
            var start = (StartOrchestrationInput)input!;
            SubOrchestrations.Add((start.Name, (object?)start.Delivery ?? (object?)start.FollowUp ?? start.Deprovision, start.InstanceId));
            return true;
        });
    }

    private readonly HashSet<DateTime> earlyFired = [];

    public TaskOrchestrationContext Context { get; } = Substitute.For<TaskOrchestrationContext>();

    public DateTime Now { get; private set; } = Start;

    public List<ActivityCall> Calls { get; } = [];

    public List<DateTime> Timers { get; } = [];

    public List<ProvisioningStatus> Statuses { get; } = [];

    /// <summary>Custom statuses of other orchestrations run on this context (a delivery's report).</summary>
    public List<object?> OtherStatuses { get; } = [];

    /// <summary>Timers never fire (they end only when cancelled): a test completes <see cref="Settled"/> meanwhile.</summary>
    public bool TimersHang { get; set; }

    /// <summary>The cancellation token each timer was created with.</summary>
    public List<CancellationToken> TimerTokens { get; } = [];

    /// <summary>The watcher's word that the endpoint settled; never set: the watcher stays silent.</summary>
    public TaskCompletionSource<EndpointSnapshot> Settled { get; } = new();

    /// <summary>Events the orchestration sent (to its watcher), with the time.</summary>
    public List<(string InstanceId, string EventName, object Data, DateTime At)> Sent { get; } = [];

    /// <summary>Orchestrations started through <see cref="StartOrchestrationActivity"/> (further deliveries, follow-ups, deprovisionings): name, input, instance id.</summary>
    public List<(string Name, object? Input, string InstanceId)> SubOrchestrations { get; } = [];

    /// <summary>Settings with coalesced polling: the watcher observes, the request looks itself after <paramref name="fallback"/> of silence.</summary>
    public static WorkflowSettings CoalescedSettings(TimeSpan fallback) => Settings() with { CoalescedPollingFallback = fallback };

    public IEnumerable<string> CallNames => Calls.Select(c => c.Name);

    public static WorkflowSettings Settings(TimeSpan? creationTimeout = null) =>
        new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), creationTimeout ?? TimeSpan.FromMinutes(10), 4, TimeSpan.FromSeconds(2));

    public static ProvisioningRequest Request() => new()
    {
        ProjectId = "6e9dfd51d1124e8d8498dce894923a0d",
        Region = "cn-north-4",
        Endpoint = new CreateEndpointRequest
        {
            EndpointServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
            VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
            SubnetId = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
        },
    };

    public static ProvisioningInput Input(string? callbackUrl = CallbackUrl, WorkflowSettings? settings = null) =>
        new(Request(), callbackUrl, settings ?? Settings());

    public static EndpointSnapshot Endpoint(string status, IReadOnlyList<EndpointError>? errors = null) => new()
    {
        Id = EndpointId,
        Status = status,
        ServiceType = "interface",
        EndpointServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
        EndpointServiceName = "cn-north-4.orders.e0c748b7",
        VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
        MarkerId = 16777337,
        Ip = "10.0.1.10",
        DnsNames = ["e0c748b7.orders.cn-north-4.huaweicloud.com"],
        Error = errors,
    };

    public static TaskFailedException Failure(string taskName, string errorType, string message) =>
        new(taskName, 7, new TaskFailureDetails(errorType, message, null, null, null));

    /// <summary>How early each timer fires the first time it is armed (zero: on time).</summary>
    public TimeSpan TimersFireEarlyBy { get; set; }

    /// <summary>Answers every call of the activity with <paramref name="answer"/>; throwing fails the activity.</summary>
    public void OnActivity(string name, Func<object?, object?> answer) => activities[name] = answer;

    /// <summary>What the next polls see, in order; after these, the endpoint is accepted.</summary>
    public void PollsSee(params EndpointSnapshot?[] snapshots)
    {
        foreach (EndpointSnapshot? snapshot in snapshots)
        {
            polls.Enqueue(snapshot);
        }
    }

    public Task<ProvisioningOutcome> RunAsync(ProvisioningInput input) => new ProvisionEndpointOrchestrator().RunAsync(Context, input);

    private Task<T> Answer<T>(TaskName name, object? input, TaskOptions? options)
    {
        Calls.Add(new ActivityCall(name.Name, input, options, Now));
        if (!activities.TryGetValue(name.Name, out Func<object?, object?>? answer))
        {
            return Task.FromException<T>(new InvalidOperationException($"No script for activity '{name.Name}'."));
        }

        try
        {
            return Task.FromResult((T)answer(input)!);
        }
        catch (TaskFailedException ex)
        {
            return Task.FromException<T>(ex);
        }
    }
}

public sealed record ActivityCall(string Name, object? Input, TaskOptions? Options, DateTime At);
