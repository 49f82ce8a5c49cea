using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning;

/// <summary>Registers the provisioning workflow's services; each host calls this once.</summary>
public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>
    /// Adds intake, validation, activities' dependencies and the Huawei Cloud clients, with their settings
    /// (<c>Provisioning</c>, <c>ProvisioningQueue</c>, <c>Validation</c>, <c>Notifications</c>, <c>HuaweiCloud</c>) checked when the
    /// host starts: an invalid setting stops it with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddProvisioning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHuaweiCloud(configuration);
        services.AddOptions<ProvisioningOptions>()
            .Bind(configuration.GetSection(ProvisioningOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>());
        services.AddProvisioningValidation(configuration);
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>());
        services.AddCallbackHttpClient(configuration, CallbackNotifier.HttpClientName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, CallbackNotifier>());
        services.AddNotificationChannels();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EndpointWatchers>();
        services.TryAddSingleton<ProvisioningIntake>();
        services.AddOptions<QueueMessageOptions>()
            .Bind(configuration.GetSection(ProvisioningQueueNames.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueMessageOptions>, QueueMessageOptionsValidator>());
        services.TryAddSingleton<QueueMessageIntake>();

        // A host with blob storage replaces this with a reader of its storage account (Vpcep.Storage).
        services.TryAddSingleton<IBatchDocumentReader, NoBatchDocumentReader>();
        services.TryAddSingleton<CreateThrottle>();
        services.TryAddSingleton<ICreateAttempts, UnrecordedCreateAttempts>();

        // Activities are resolved from DI by hosts that wrap them (Functions); the self-host's worker builds them the same way.
        services.TryAddTransient<ValidateInCloudActivity>();
        services.TryAddTransient<CreateEndpointActivity>();
        services.TryAddTransient<FindCreatedEndpointActivity>();
        services.TryAddTransient<GetEndpointActivity>();
        services.TryAddTransient<ObserveEndpointsActivity>();
        services.TryAddTransient<NotifyActivity>();
        services.TryAddTransient<StartOrchestrationActivity>();
        services.TryAddTransient<DeleteEndpointActivity>();
        return services;
    }

    /// <summary>Registers the orchestrator and activities with a Durable Task worker.</summary>
    public static DurableTaskRegistry AddProvisioningTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ProvisionEndpointOrchestrator>()
            .AddOrchestrator<ProvisionBatchOrchestrator>()
            .AddOrchestrator<EndpointWatchOrchestrator>()
            .AddOrchestrator<DeliverNotificationOrchestrator>()
            .AddOrchestrator<FollowPendingAcceptanceOrchestrator>()
            .AddOrchestrator<DeprovisionEndpointOrchestrator>()
            .AddActivity<ValidateInCloudActivity>()
            .AddActivity<CreateEndpointActivity>()
            .AddActivity<FindCreatedEndpointActivity>()
            .AddActivity<GetEndpointActivity>()
            .AddActivity<ObserveEndpointsActivity>()
            .AddActivity<NotifyActivity>()
            .AddActivity<StartOrchestrationActivity>()
            .AddActivity<DeleteEndpointActivity>();
    }
}
