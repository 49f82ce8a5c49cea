using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vpcep.Provisioning.Notifications;

/// <summary>Registers the notification channels the workflow itself provides.</summary>
public static class NotificationChannelsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>smn</c> channel (<see cref="SmnNotificationChannel"/>, on the <c>SmnClient</c> that
    /// <c>AddHuaweiCloud</c> registers) as an <see cref="INotificationChannel"/>. The webhook channel comes with the
    /// workflow; the <c>queue</c> channel needs a storage account and is added by the hosts (Vpcep.Storage,
    /// <c>AddQueueNotificationChannel</c>). Calling this twice adds the channel once.
    /// </summary>
    public static IServiceCollection AddNotificationChannels(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, SmnNotificationChannel>());
        return services;
    }
}
