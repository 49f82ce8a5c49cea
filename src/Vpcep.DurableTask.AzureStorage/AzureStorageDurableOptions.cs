using Vpcep.StorageAccounts;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// Settings of the Azure Storage task hub, bound from the <c>DurableTask</c> configuration section and checked
/// when the host starts (<see cref="AzureStorageDurableOptionsValidator"/>).
/// </summary>
public sealed class AzureStorageDurableOptions : IStorageAccountSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DurableTask";

    /// <summary>
    /// The storage connection string. Set this or <see cref="AccountName"/>; with neither, the task hub is on Azurite
    /// (<see cref="StorageConnection.DevelopmentStorage"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The storage account's name, reached with a Microsoft Entra identity (Azure.Identity) instead of a connection string.</summary>
    public string? AccountName { get; set; }

    /// <summary>With <see cref="AccountName"/>: the client id of the user-assigned managed identity (else <c>DefaultAzureCredential</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>The task hub's storage account: <see cref="AccountName"/> or <see cref="ConnectionString"/>, else Azurite.</summary>
    public StorageConnection Connection() => StorageConnection.From(this) ?? StorageConnection.Development;

    /// <summary>The task hub name (letters and digits, 3-45 characters, starting with a letter).</summary>
    public string TaskHubName { get; set; } = "VpcepProvisioning";

    /// <summary>Control queue partitions (1-16). More partitions spread orchestrations over more workers.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest wait between empty queue polls; lower means faster pick-up, more storage calls.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Activities run at once on this worker.</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Orchestration work items run at once on this worker.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>
    /// This worker's id in partition leases; <c>{machine}-{process id}</c> when empty, so two workers on one
    /// machine never share an id (a shared id would let both believe they own a partition).
    /// </summary>
    public string? WorkerId { get; set; }

    // Recovery. The provider's defaults hold a dead worker's work for about five minutes: messages it had
    // dequeued stay invisible for 5 min, and its partition leases last 30 s. These defaults make work held by a
    // dead worker resume within about 20 s of another worker being ready: its leases expire after LeaseInterval,
    // are taken within LeaseAcquireInterval, and its in-flight messages reappear after the visibility timeouts.
    // Long activities stay safe: the worker renews the lock of an activity message it is still running.

    /// <summary>How long a dequeued control-queue (orchestration) message stays invisible to other workers (provider default: 5 min).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a dequeued work-item (activity) message stays invisible before its lock must be renewed (provider default: 5 min).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a partition lease lasts without renewal; a dead worker's partitions are free after it (provider default: 30 s).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a worker renews the leases it holds; well under <see cref="LeaseInterval"/> (provider default: 10 s).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a worker looks for free or unbalanced partitions to take (provider default: 10 s).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Keeps an orchestration's history in this worker's memory between its steps for
    /// <see cref="ExtendedSessionIdleTimeout"/> (DurableTask.AzureStorage's extended sessions), so a busy
    /// orchestration (a batch whose items end one after another) is not read back from the history table at every
    /// step. Each session holds one of <see cref="MaxConcurrentOrchestrations"/> while it lasts, so the idle timeout
    /// is short. Measured with 500 endpoints (`bench scale 500`): makespan 1.29 to 1.16 times the physical limit,
    /// Azurite's CPU 91 to 86 s; with a 10 s idle timeout the sessions held the slots and the detection lag grew.
    /// Off by default: with it on, the chaos test that kills a self-host mid-run saw work resume only after 78 and
    /// 112 s (two runs, limit 30 s), against a pass with it off on the same loaded machine.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>How long an extended session waits for the orchestration's next message before it is let go (whole seconds).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(3);

    // Storage outages. When storage is unreachable, DurableTask.Core's dispatchers and the Azure Storage provider
    // each slow down in ways that outlast the outage by minutes, and the provider can lose track of an activity
    // for good (see OutageTolerantOrchestrationService). These settings bound how long work waits once storage
    // is back.

    /// <summary>
    /// How long an orchestration or activity dispatcher pauses between work items after one failed (a storage call
    /// failed), until five in a row succeed; whole seconds (provider: 10 s, which holds a recovering worker at one
    /// work item per 10 s for the first five).
    /// </summary>
    public TimeSpan DispatcherFailureBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often this worker tries again to save a finished activity's result, or to release an activity it could
    /// not finish, while storage is unreachable (each try also has the storage client's own retries).
    /// </summary>
    public TimeSpan StorageRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The worker id in force: <see cref="WorkerId"/>, or <c>{machine}-{process id}</c>.</summary>
    public string EffectiveWorkerId =>
        string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : WorkerId;
}
