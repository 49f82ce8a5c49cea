using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using CoreOrchestrationQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// A <see cref="DurableTaskClient"/> over DurableTask.Core's Azure Storage orchestration service client,
/// so code written against <see cref="DurableTaskClient"/> runs the same in Azure Functions and here.
/// Payloads are serialised with the SDK's <see cref="DataConverter"/> (System.Text.Json), the same one
/// the worker-side shims read them with.
/// </summary>
public sealed class AzureStorageDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // A start never replaces an instance that is still in flight.
    private static readonly CoreStatus[] InFlightStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private readonly OrchestrationServiceProvider serviceProvider;
    private readonly DataConverter dataConverter;

    public AzureStorageDurableTaskClient(string name, OrchestrationServiceProvider serviceProvider, IOptionsMonitor<DurableTaskClientOptions> options)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.serviceProvider = serviceProvider;
        dataConverter = options.Get(name).DataConverter;
    }

#pragma warning disable CA1859 // Written against the interface on purpose: any DurableTask.Core backend fits.
    private IOrchestrationServiceClient Client => serviceProvider.Service;
#pragma warning restore CA1859

    /// <inheritdoc/>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, dataConverter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version?.ToString() ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [],

                // W3C trace context: the worker runs the orchestration (and its activities) as children of the
                // caller's span, so one request is one trace from the intake to the notification.
                ParentTraceContext = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
                    ? new DistributedTraceContext(current.Id!, current.TraceStateString)
                    : null,
            },
        };

        CoreStatus[] dedupe = InFlightStatuses
            .Concat(options?.DedupeStatuses?.Select(s => Enum.Parse<CoreStatus>(s, ignoreCase: true)) ?? [])
            .Distinct()
            .ToArray();
        await serviceProvider.Service.CreateTaskOrchestrationAsync(message, dedupe).ConfigureAwait(false);
        return instanceId;
    }

    /// <inheritdoc/>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, dataConverter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    /// <inheritdoc/>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    /// <inheritdoc/>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return Client.ForceTerminateTaskOrchestrationAsync(instanceId, dataConverter.Serialize(options?.Output));
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        IList<OrchestrationState>? states = await Client.GetOrchestrationStateAsync(instanceId, allExecutions: false).ConfigureAwait(false);
        OrchestrationState? state = states?.FirstOrDefault();
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    /// <inheritdoc/>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        if (Client is not IOrchestrationServiceQueryClient queryClient)
        {
            throw new NotSupportedException("The orchestration service does not support queries.");
        }

        return Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreOrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => Enum.Parse<CoreStatus>(s.ToString())).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            OrchestrationQueryResult result = await queryClient.GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
        });
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            OrchestrationMetadata? metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is not null && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            OrchestrationMetadata? metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (metadata is { IsCompleted: true })
            {
                return metadata;
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (Client is not IOrchestrationServicePurgeClient purgeClient)
        {
            throw new NotSupportedException("The orchestration service does not support purging.");
        }

        global::DurableTask.Core.PurgeResult result = await purgeClient.PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => default;

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return Client.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = historyEvent,
        });
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? dataConverter : null,
            RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(state.OrchestrationStatus.ToString()),
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToFailureDetails(state.FailureDetails),
        };

    private static TaskFailureDetails? ToFailureDetails(FailureDetails? details) =>
        details is null
            ? null
            : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToFailureDetails(details.InnerFailure), null);
}
