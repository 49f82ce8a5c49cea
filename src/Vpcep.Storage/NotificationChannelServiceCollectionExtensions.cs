using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Notifications;
using Vpcep.StorageAccounts;

namespace Vpcep.Storage;

/// <summary>Registers the notification channel that needs a storage account.</summary>
public static class NotificationChannelServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>queue</c> channel (<see cref="QueueNotificationChannel"/>) writing to queues, and blobs for what a
    /// message cannot hold, of the account <paramref name="connection"/> names (a connection string or an identity). Calling this twice adds the
    /// channel once.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connection">Picks the storage account from the host's resolved services.</param>
    public static IServiceCollection AddQueueNotificationChannel(this IServiceCollection services, Func<IServiceProvider, StorageConnection> connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, QueueNotificationChannel>(provider =>
        {
            StorageConnection account = connection(provider);
            return new QueueNotificationChannel(
                account.CreateQueueServiceClient(QueueNotificationChannel.ClientOptions()),
                account.CreateBlobServiceClient(QueueNotificationChannel.BlobClientOptions()),
                provider.GetRequiredService<IOptions<NotificationOptions>>(),
                provider.GetRequiredService<TimeProvider>());
        }));
        return services;
    }
}
