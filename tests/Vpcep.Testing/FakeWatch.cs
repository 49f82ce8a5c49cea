using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Testing;

/// <summary>
/// A substitute context for one run of <see cref="EndpointWatchOrchestrator"/>: registrations are scripted
/// (each wait for one takes the next, or never completes when none is left), timers complete at once and move
/// the clock, looks answer from a script, and sent events and the state it continues with are recorded.
/// </summary>
public sealed class FakeWatch
{
    public const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    public static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Queue<Func<Task<WatchRequest>>> registrations = new();

    public FakeWatch()
    {
        Context.InstanceId.Returns("vpcep-watch-test");
        Context.CurrentUtcDateTime.Returns(_ => Now);
        Context.CreateReplaySafeLogger(Arg.Any<string>()).Returns(NullLogger.Instance);
        Context.CreateReplaySafeLogger(Arg.Any<Type>()).Returns(NullLogger.Instance);
        Context.CreateReplaySafeLogger<EndpointWatchOrchestrator>().Returns(NullLogger.Instance);
        Context.WaitForExternalEvent<WatchRequest>(EndpointWatchOrchestrator.WatchEvent, Arg.Any<CancellationToken>())
            .Returns(_ => registrations.Count > 0 ? registrations.Dequeue()() : new TaskCompletionSource<WatchRequest>().Task);
        Context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            DateTime fireAt = call.ArgAt<DateTime>(0);
            Timers.Add(fireAt);
            DateTime firesAt = TimersFireEarlyBy > TimeSpan.Zero && earlyFired.Add(fireAt) ? fireAt - TimersFireEarlyBy : fireAt;
            if (firesAt > Now)
            {
                Now = firesAt;
            }

            return Task.CompletedTask;
        });
        Context.CallActivityAsync<IReadOnlyList<EndpointSnapshot>>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call =>
            {
                var input = (ObserveEndpointsInput)call.ArgAt<object?>(1)!;
                Looks.Add((call.ArgAt<TaskName>(0).Name, input, Now));
                Now += LookTakes;
                try
                {
                    return Task.FromResult(Look(input));
                }
                catch (TaskFailedException ex)
                {
                    return Task.FromException<IReadOnlyList<EndpointSnapshot>>(ex);
                }
            });
        Context.When(c => c.SendEvent(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<object>()))
            .Do(call => Sent.Add((call.ArgAt<string>(0), call.ArgAt<string>(1), call.ArgAt<object>(2))));
        Context.When(c => c.ContinueAsNew(Arg.Any<object?>(), Arg.Any<bool>()))
            .Do(call => ContinuedWith = (WatchState?)call.ArgAt<object?>(0));
    }

    private readonly HashSet<DateTime> earlyFired = [];

    public TaskOrchestrationContext Context { get; } = Substitute.For<TaskOrchestrationContext>();

    public DateTime Now { get; set; } = Start;

    public TimeSpan TimersFireEarlyBy { get; set; }

    public List<DateTime> Timers { get; } = [];

    public List<(string Name, ObserveEndpointsInput Input, DateTime At)> Looks { get; } = [];

    public List<(string InstanceId, string EventName, object Data)> Sent { get; } = [];

    public WatchState? ContinuedWith { get; private set; }

    /// <summary>How long each look takes (the clock moves on by this much while it runs).</summary>
    public TimeSpan LookTakes { get; set; }

    /// <summary>What a look answers; default: every asked endpoint accepted.</summary>
    public Func<ObserveEndpointsInput, IReadOnlyList<EndpointSnapshot>> Look { get; set; } =
        input => [.. input.EndpointIds.Select(id => new EndpointSnapshot { Id = id, Status = EndpointStatus.Accepted })];

    /// <summary>The next wait for a registration gets this one at once.</summary>
    public void Registers(WatchRequest request) => registrations.Enqueue(() => Task.FromResult(request));

    /// <summary>The next wait for a registration gets this one only when the look is under way.</summary>
    public void RegistersDuringTheLook(WatchRequest request)
    {
        var arrival = new TaskCompletionSource<WatchRequest>();
        registrations.Enqueue(() => arrival.Task);
        Func<ObserveEndpointsInput, IReadOnlyList<EndpointSnapshot>> look = Look;
        Look = input =>
        {
            arrival.TrySetResult(request);
            return look(input);
        };
    }

    public static WatchRequest Request(string endpointId, TimeSpan firstLookAfter, TimeSpan? until = null, string? instanceId = null) =>
        new(instanceId ?? "vpcep-" + endpointId, endpointId, Start, Start + firstLookAfter, Start + (until ?? TimeSpan.FromMinutes(10)));

    public static WatchState State(params WatchedEndpoint[] watched) => new(ProjectId, "cn-north-4", TimeSpan.FromSeconds(3), watched);

    public Task RunAsync(WatchState state) => new EndpointWatchOrchestrator().RunAsync(Context, state);
}
