namespace Vpcep.Provisioning.Queues;

/// <summary>The provisioning request queue both hosts read: its names and configuration section.</summary>
public static class ProvisioningQueueNames
{
    /// <summary>The configuration section of the queue's settings.</summary>
    public const string SectionName = "ProvisioningQueue";

    /// <summary>The queue name both hosts use unless configured otherwise (the Functions trigger uses this one).</summary>
    public const string DefaultQueueName = "vpcep-provisioning-requests";

    /// <summary>The poison queue of <see cref="DefaultQueueName"/> (Functions' naming: <c>&lt;queue&gt;-poison</c>).</summary>
    public const string DefaultPoisonQueueName = DefaultQueueName + "-poison";
}

/// <summary>
/// What a batch may hold, however it arrives (inline in a queue message, in a blob a message references, or as the
/// body of <c>POST /api/batches</c>), bound from the <see cref="ProvisioningQueueNames.SectionName"/> section and
/// checked when the host starts (<see cref="QueueMessageOptionsValidator"/>).
/// </summary>
public sealed class QueueMessageOptions
{
    /// <summary>The default of <see cref="MaxBatchBytes"/>: 8 MiB, room for 500 requests of 16 KiB each.</summary>
    public const int DefaultMaxBatchBytes = 8 * 1024 * 1024;

    /// <summary>The most requests one batch may carry.</summary>
    public int MaxBatchItems { get; set; } = 500;

    /// <summary>
    /// The largest batch document, in bytes, read from a blob or taken as an HTTP body (a queue message is limited
    /// to 64 KiB by the storage service itself).
    /// </summary>
    public int MaxBatchBytes { get; set; } = DefaultMaxBatchBytes;
}
