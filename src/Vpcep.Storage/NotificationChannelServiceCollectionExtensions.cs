using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Storage;

/// <summary>Registers the notification channel that needs a storage account.</summary>
public static class NotificationChannelServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>queue</c> channel (<see cref="QueueNotificationChannel"/>) writing to queues, and blobs for what a
    /// message cannot hold, of the account <paramref name="connectionString"/> names. Calling this twice adds the
    /// channel once.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">Picks the storage connection string from the host's resolved services.</param>
    public static IServiceCollection AddQueueNotificationChannel(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, QueueNotificationChannel>(provider =>
        {
            string account = connectionString(provider);
            return new QueueNotificationChannel(
                new QueueServiceClient(account, QueueNotificationChannel.ClientOptions()),
                new BlobServiceClient(account, QueueNotificationChannel.BlobClientOptions()),
                provider.GetRequiredService<IOptions<NotificationOptions>>(),
                provider.GetRequiredService<TimeProvider>());
        }));
        return services;
    }
}
