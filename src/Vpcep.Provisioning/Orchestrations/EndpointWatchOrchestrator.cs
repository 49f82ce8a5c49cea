using Microsoft.DurableTask;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>A request to be told when an endpoint leaves <c>creating</c>.</summary>
/// <param name="InstanceId">The provisioning orchestration waiting for it; it gets <see cref="EndpointWatchOrchestrator.SettledEvent"/>.</param>
/// <param name="EndpointId">The endpoint.</param>
/// <param name="CreatedAt">When the endpoint was created (no earlier than this).</param>
/// <param name="FirstLookAt">The earliest time worth looking (a typical creation time after <paramref name="CreatedAt"/>).</param>
/// <param name="Until">When the waiter stops waiting (its deadline); the watch ends then too.</param>
public sealed record WatchRequest(string InstanceId, string EndpointId, DateTime CreatedAt, DateTime FirstLookAt, DateTime Until);

/// <summary>One watched endpoint and how many looks in a row missed it.</summary>
public sealed record WatchedEndpoint(WatchRequest Request, int Misses = 0);

/// <summary>What one run of the watcher carries into the next (it continues as new after every look).</summary>
/// <param name="ProjectId">The project it watches.</param>
/// <param name="Region">The region it watches; none: the configured default.</param>
/// <param name="Interval">The least time between two looks.</param>
/// <param name="Watched">The endpoints being waited on.</param>
/// <param name="LastLookAt">When it last looked.</param>
public sealed record WatchState(string ProjectId, string? Region, TimeSpan Interval, IReadOnlyList<WatchedEndpoint> Watched, DateTime? LastLookAt = null);

/// <summary>
/// Observes every endpoint being created in one project and region together (one per project and region,
/// started by the intake, see <see cref="Intake.EndpointWatchers"/>): provisioning orchestrations register
/// their endpoint with <see cref="WatchEvent"/> and wait for <see cref="SettledEvent"/>; the watcher looks at
/// all of them with one list call per interval (<see cref="ObserveEndpointsActivity"/>) and tells each waiter
/// when its endpoint has settled. That is one call per interval per project instead of one per endpoint.
/// </summary>
/// <remarks>
/// <para>Durable and bounded: the watcher continues as new after every look, carrying the watched set, so its
/// history never grows past one interval's events; registrations that arrive meanwhile are kept (the one in hand
/// is added to the state, later ones are carried over by <c>ContinueAsNew</c>). With nothing to watch it waits for
/// a registration without a timer and costs nothing. It never fails on a cloud error: a failed look is skipped.</para>
/// <para>Waiters never depend on it alone: a waiter that hears nothing for
/// <see cref="WorkflowSettings.CoalescedPollingFallback"/> looks itself and registers again, so a lost event, a
/// terminated watcher or a deleted endpoint costs time, never an outcome.</para>
/// <para>Durable timers on Azure Storage fire up to a second early; a timer that fires early is re-armed, so looks
/// are never closer than <see cref="WatchState.Interval"/>.</para>
/// </remarks>
public sealed class EndpointWatchOrchestrator : TaskOrchestrator<WatchState, object?>
{
    /// <summary>The orchestration's name in the task hub.</summary>
    public const string Name = nameof(EndpointWatchOrchestrator);

    /// <summary>The event a waiter sends to the watcher, with a <see cref="WatchRequest"/>.</summary>
    public const string WatchEvent = "watch-endpoint";

    /// <summary>The event the watcher sends a waiter, with the settled <see cref="EndpointSnapshot"/>.</summary>
    public const string SettledEvent = "endpoint-settled";

    /// <summary>Looks in a row that may miss an endpoint before it is no longer watched (its waiter looks itself).</summary>
    public const int MaxMisses = 3;

    /// <inheritdoc/>
    public override async Task<object?> RunAsync(TaskOrchestrationContext context, WatchState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var watched = new Dictionary<string, WatchedEndpoint>(StringComparer.Ordinal);
        foreach (WatchedEndpoint entry in input.Watched)
        {
            watched[entry.Request.EndpointId] = entry;
        }

        Task<WatchRequest> registration = context.WaitForExternalEvent<WatchRequest>(WatchEvent);
        if (watched.Count == 0)
        {
            Watch(watched, await registration);
            registration = context.WaitForExternalEvent<WatchRequest>(WatchEvent);
        }

        DateTime due = NextLookAt(watched, input);
        Task? timer = null;
        while (context.CurrentUtcDateTime < due)
        {
            // A timer that fired early (whole-second delays, rounded down) is re-armed for the time still left.
            if (timer is null || timer.IsCompleted)
            {
                timer = context.CreateTimer(due, CancellationToken.None);
            }

            if (await Task.WhenAny(registration, timer) == registration)
            {
                // Waits for the look already due. Moving it sooner would leave a timer pending past ContinueAsNew,
                // and a stale timer's event must never reach the next run.
                Watch(watched, registration.Result);
                registration = context.WaitForExternalEvent<WatchRequest>(WatchEvent);
            }
        }

        // Looks start one interval apart, however long a look takes.
        DateTime lookedAt = context.CurrentUtcDateTime;
        await LookAsync(context, input, watched);
        if (registration.IsCompleted)
        {
            // Arrived while looking: in hand, so ContinueAsNew would not carry it over.
            Watch(watched, registration.Result);
        }

        DateTime now = context.CurrentUtcDateTime;
        WatchedEndpoint[] still = [.. watched.Values.Where(w => w.Request.Until > now)];
        context.ContinueAsNew(input with { Watched = still, LastLookAt = lookedAt });
        return null;
    }

    private static void Watch(Dictionary<string, WatchedEndpoint> watched, WatchRequest request) =>
        watched[request.EndpointId] = new WatchedEndpoint(request);

    /// <summary>The earliest first look among the watched, but never sooner than one interval after the last look.</summary>
    private static DateTime NextLookAt(Dictionary<string, WatchedEndpoint> watched, WatchState state)
    {
        DateTime first = watched.Values.Min(w => w.Request.FirstLookAt);
        DateTime earliest = state.LastLookAt is { } last ? last + state.Interval : DateTime.MinValue;
        return first > earliest ? first : earliest;
    }

    private static async Task LookAsync(TaskOrchestrationContext context, WatchState state, Dictionary<string, WatchedEndpoint> watched)
    {
        DateTime now = context.CurrentUtcDateTime;
        WatchedEndpoint[] due = [.. watched.Values.Where(w => w.Request.FirstLookAt <= now)];
        if (due.Length == 0)
        {
            return;
        }

        IReadOnlyList<EndpointSnapshot> seen;
        try
        {
            seen = await context.CallActivityAsync<IReadOnlyList<EndpointSnapshot>>(
                nameof(ObserveEndpointsActivity),
                new ObserveEndpointsInput(state.ProjectId, state.Region, [.. due.Select(w => w.Request.EndpointId)], due.Min(w => w.Request.CreatedAt)),
                LookRetry);
        }
        catch (TaskFailedException ex)
        {
            // The cloud is busy or down: skip this look; the next interval tries again, and waiters have their own fallback.
            context.CreateReplaySafeLogger<EndpointWatchOrchestrator>().WatchLookFailed(state.ProjectId, state.Region, ex.FailureDetails.ErrorMessage);
            return;
        }

        var byId = seen.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (WatchedEndpoint entry in due)
        {
            string id = entry.Request.EndpointId;
            if (!byId.TryGetValue(id, out EndpointSnapshot? snapshot))
            {
                // Not listed (deleted, or not visible yet): after a few misses its waiter looks itself.
                if (entry.Misses + 1 >= MaxMisses)
                {
                    watched.Remove(id);
                }
                else
                {
                    watched[id] = entry with { Misses = entry.Misses + 1 };
                }
            }
            else if (snapshot.Status is not (EndpointStatus.Creating or null))
            {
                context.SendEvent(entry.Request.InstanceId, SettledEvent, snapshot);
                watched.Remove(id);
            }
            else
            {
                watched[id] = entry with { Misses = 0 };
            }
        }
    }

    /// <summary>One quick retry inside a look; a look that still fails is skipped rather than waited out.</summary>
    private static readonly TaskOptions LookRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1)));
}
