using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>Wires Microsoft.DurableTask workers and clients to the Azure Storage backend.</summary>
public static class AzureStorageDurableTaskExtensions
{
    /// <summary>
    /// Binds <see cref="AzureStorageDurableOptions"/> from the <c>DurableTask</c> section (checked when the host
    /// starts: an invalid setting stops it with a message naming the setting) and registers the shared service.
    /// </summary>
    public static IServiceCollection AddAzureStorageDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AzureStorageDurableOptions>()
            .Bind(configuration.GetSection(AzureStorageDurableOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureStorageDurableOptions>, AzureStorageDurableOptionsValidator>());
        services.TryAddSingleton<OrchestrationServiceProvider>();
        return services;
    }

    /// <summary>Runs this worker's tasks on the Azure Storage backend.</summary>
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<OrchestrationServiceProvider>();
        return builder.UseBuildTarget<AzureStorageDurableTaskWorker>();
    }

    /// <summary>Makes this client talk to the Azure Storage backend.</summary>
    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<OrchestrationServiceProvider>();
        return builder.UseBuildTarget<AzureStorageDurableTaskClient>();
    }
}
