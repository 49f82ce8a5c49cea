using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// Owns the one <see cref="AzureStorageOrchestrationService"/> of a process: the client's orchestration service
/// client, and, seen through <see cref="OutageTolerantOrchestrationService"/>, the worker's orchestration service.
/// </summary>
public sealed class OrchestrationServiceProvider
{
    private readonly Lazy<AzureStorageOrchestrationService> service;
    private readonly Lazy<IOrchestrationService> workerService;

    public OrchestrationServiceProvider(IOptions<AzureStorageDurableOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        AzureStorageDurableOptions o = options.Value;
        TaskHubName = o.TaskHubName;
        service = new Lazy<AzureStorageOrchestrationService>(() => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = StorageConnectionClients.For(o.Connection()),
            TaskHubName = o.TaskHubName,
            PartitionCount = o.PartitionCount,
            MaxQueuePollingInterval = o.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = o.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = o.MaxConcurrentOrchestrations,
            WorkerId = o.EffectiveWorkerId,
            ControlQueueVisibilityTimeout = o.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = o.WorkItemQueueVisibilityTimeout,
            LeaseInterval = o.LeaseInterval,
            LeaseRenewInterval = o.LeaseRenewInterval,
            LeaseAcquireInterval = o.LeaseAcquireInterval,
            ExtendedSessionsEnabled = o.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = o.ExtendedSessionIdleTimeout,

            // Table partition management starts the first orchestration in about 1.5 s instead of 6-8 s.
            UseTablePartitionManagement = true,

            // A start for an instance id that already exists must be visible to the caller (idempotency keys).
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        }));
        workerService = new Lazy<IOrchestrationService>(() => new OutageTolerantOrchestrationService(
            service.Value, o, loggerFactory.CreateLogger<OutageTolerantOrchestrationService>(), TimeProvider.System));
    }

    /// <summary>The task hub name.</summary>
    public string TaskHubName { get; }

    /// <summary>The orchestration service, created on first use.</summary>
    public AzureStorageOrchestrationService Service => service.Value;

    /// <summary>The orchestration service the worker runs on: <see cref="Service"/> made to recover promptly from storage outages.</summary>
    public IOrchestrationService WorkerService => workerService.Value;
}
