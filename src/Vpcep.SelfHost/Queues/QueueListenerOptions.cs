using Vpcep.Provisioning.Queues;
using Vpcep.StorageAccounts;

namespace Vpcep.SelfHost.Queues;

/// <summary>
/// The self-host's queue listener, bound from the <c>ProvisioningQueue</c> section (the same section as
/// <see cref="QueueMessageOptions"/>). The Functions app's queue trigger reads the same queue with the
/// host.json <c>queues</c> settings; a test keeps the two in step. Checked when the host starts
/// (<see cref="QueueListenerOptionsValidator"/>).
/// </summary>
public sealed class QueueListenerOptions : IStorageAccountSettings
{
    /// <summary>Whether the self-host listens to the queue.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The connection string of the queue's storage account. With neither this nor <see cref="AccountName"/>, the queue is
    /// in the task hub's account (<c>DurableTask:ConnectionString</c> or <c>DurableTask:AccountName</c>), else Azurite.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name of the queue's storage account, reached with a Microsoft Entra identity instead of a connection string.</summary>
    public string? AccountName { get; set; }

    /// <summary>With <see cref="AccountName"/>: the client id of the user-assigned managed identity (else <c>DefaultAzureCredential</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>The queue's storage account: this section's, else Azurite (the task hub's is filled in when the host starts).</summary>
    public StorageConnection Connection() => StorageConnection.From(this) ?? StorageConnection.Development;

    /// <summary>
    /// The queue to read: a storage queue name (lowercase letters, digits and single hyphens, 3-56 characters,
    /// so that the poison queue's name fits the 63 a queue name may have).
    /// </summary>
    public string QueueName { get; set; } = ProvisioningQueueNames.DefaultQueueName;

    /// <summary>The poison queue: the queue name plus <c>-poison</c>.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>Messages fetched per poll (1-32).</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a fetched message stays invisible to other listeners; it reappears if not deleted.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries before a message that keeps failing goes to the poison queue (Functions' default is 5).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The shortest wait between polls of an empty queue.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between polls of an empty queue (the wait doubles while it stays empty).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(5);
}
