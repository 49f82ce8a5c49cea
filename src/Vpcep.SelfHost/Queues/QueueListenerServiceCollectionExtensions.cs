using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.DurableTask.AzureStorage;
using Vpcep.Provisioning.Queues;
using Vpcep.Storage;
using Vpcep.StorageAccounts;

namespace Vpcep.SelfHost.Queues;

/// <summary>Registers the self-host's queue listener (Functions reads the queue with its queue trigger instead).</summary>
public static class QueueListenerServiceCollectionExtensions
{
    /// <summary>Adds the listener, the reader of batches its messages reference, and its settings, validated at start, from the <c>ProvisioningQueue</c> section.</summary>
    public static IServiceCollection AddStorageQueueListener(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<QueueListenerOptions>()
            .Bind(configuration.GetSection(ProvisioningQueueNames.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueListenerOptions>, QueueListenerOptionsValidator>());

        // The queue lives in the task hub's storage account unless configured otherwise.
        services.PostConfigure<QueueListenerOptions>(queue => StorageConnection.FallBack(
            queue, configuration.GetSection(AzureStorageDurableOptions.SectionName).Get<AzureStorageDurableOptions>() ?? new AzureStorageDurableOptions()));
        services.AddHostedService<StorageQueueListener>();

        // A message may reference a batch kept in a blob of the queue's own account (a claim check).
        services.AddBlobBatchDocuments(provider => provider.GetRequiredService<IOptions<QueueListenerOptions>>().Value.Connection());
        return services;
    }
}
