namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// Settings of the Azure Storage task hub, bound from the <c>DurableTask</c> configuration section and checked
/// when the host starts (<see cref="AzureStorageDurableOptionsValidator"/>).
/// </summary>
public sealed class AzureStorageDurableOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "DurableTask";

    /// <summary>The storage connection string; Azurite by default.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

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

    /// <summary>This worker's id in partition leases; the machine name when empty.</summary>
    public string? WorkerId { get; set; }
}
