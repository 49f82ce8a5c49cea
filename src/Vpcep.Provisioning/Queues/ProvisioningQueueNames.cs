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

/// <summary>What a queue message may hold, bound from the <see cref="ProvisioningQueueNames.SectionName"/> section.</summary>
public sealed class QueueMessageOptions
{
    /// <summary>The most requests one batch message may carry.</summary>
    public int MaxBatchItems { get; set; } = 500;

    /// <summary>What <see cref="IsValid"/> demands, for the start-up error.</summary>
    public const string Rule = "ProvisioningQueue:MaxBatchItems must be at least 1.";

    /// <summary>Whether the settings are usable (checked at start).</summary>
    public static bool IsValid(QueueMessageOptions options) => options is not null && options.MaxBatchItems >= 1;
}
