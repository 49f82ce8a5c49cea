using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Intake;

/// <summary>
/// Keeps one <see cref="EndpointWatchOrchestrator"/> running per project and region that has requests. The
/// intake calls <see cref="EnsureRunningAsync"/> before it starts a request, so the watcher exists when the
/// request's orchestration registers its endpoint. A watcher known to run is not asked about again for
/// <see cref="RecheckAfter"/> (one storage read per project and region per minute per process).
/// </summary>
/// <remarks>
/// A watcher that cannot be started (storage trouble) is logged and skipped: its requests look at their
/// endpoints themselves after <see cref="ProvisioningOptions.CoalescedPollingFallback"/>. A watcher that was
/// terminated is started again, empty; waiting requests register again when they fall back.
/// </remarks>
public sealed class EndpointWatchers
{
    /// <summary>How long a watcher seen running is trusted to still run.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> seenRunning = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<ProvisioningOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<EndpointWatchers> logger;

    /// <summary>Initializes a new instance of the <see cref="EndpointWatchers"/> class.</summary>
    public EndpointWatchers(IOptionsMonitor<ProvisioningOptions> options, TimeProvider time, ILogger<EndpointWatchers> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Starts the watchers of these projects and regions unless they run; never throws for a watcher that cannot start.</summary>
    public async Task EnsureRunningAsync(DurableTaskClient client, IEnumerable<(string ProjectId, string? Region)> scopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scopes);
        ProvisioningOptions settings = options.CurrentValue;
        if (!settings.CoalescedPolling)
        {
            return;
        }

        foreach ((string projectId, string? region) in scopes.Distinct())
        {
            await EnsureOneAsync(client, projectId, region, settings, cancellationToken);
        }
    }

    private async Task EnsureOneAsync(DurableTaskClient client, string projectId, string? region, ProvisioningOptions settings, CancellationToken cancellationToken)
    {
        string instanceId = InstanceIds.ForWatcher(projectId, region);
        DateTimeOffset now = time.GetUtcNow();
        if (seenRunning.TryGetValue(instanceId, out DateTimeOffset seen) && now - seen < RecheckAfter)
        {
            return;
        }

        try
        {
            OrchestrationMetadata? current = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (current is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
            {
                var state = new WatchState(projectId, region, settings.PollInterval, []);

                // The watcher serves every request of its project and outlives them all: it starts a trace of its own,
                // not a branch of the request whose intake happened to start it.
                Activity? requestSpan = Activity.Current;
                Activity.Current = null;
                try
                {
                    await client.ScheduleNewOrchestrationInstanceAsync(
                        EndpointWatchOrchestrator.Name, state, new StartOrchestrationOptions(instanceId), cancellationToken);
                }
                finally
                {
                    Activity.Current = requestSpan;
                }
            }

            seenRunning[instanceId] = now;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Two intakes may race to start it; the loser's error is harmless when the watcher now runs.
            if (await RunsAsync(client, instanceId, cancellationToken))
            {
                seenRunning[instanceId] = now;
                return;
            }

            logger.WatcherNotStarted(ex, instanceId);
        }
    }

    private static async Task<bool> RunsAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken)
                is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
