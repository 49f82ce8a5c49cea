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
/// What a queue message may hold, bound from the <see cref="ProvisioningQueueNames.SectionName"/> section and
/// checked when the host starts (<see cref="QueueMessageOptionsValidator"/>).
/// </summary>
public sealed class QueueMessageOptions
{
    /// <summary>The most requests one batch message may carry.</summary>
    public int MaxBatchItems { get; set; } = 500;
}
