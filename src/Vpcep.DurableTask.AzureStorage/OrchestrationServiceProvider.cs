using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// Owns the one <see cref="AzureStorageOrchestrationService"/> of a process, which is both the worker's
/// orchestration service and the client's orchestration service client.
/// </summary>
public sealed class OrchestrationServiceProvider
{
    private readonly Lazy<AzureStorageOrchestrationService> service;

    public OrchestrationServiceProvider(IOptions<AzureStorageDurableOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        AzureStorageDurableOptions o = options.Value;
        TaskHubName = o.TaskHubName;
        service = new Lazy<AzureStorageOrchestrationService>(() => new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(o.ConnectionString),
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

            // Table partition management starts the first orchestration in about 1.5 s instead of 6-8 s.
            UseTablePartitionManagement = true,

            // A start for an instance id that already exists must be visible to the caller (idempotency keys).
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        }));
    }

    /// <summary>The task hub name.</summary>
    public string TaskHubName { get; }

    /// <summary>The orchestration service, created on first use.</summary>
    public AzureStorageOrchestrationService Service => service.Value;
}
