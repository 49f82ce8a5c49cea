using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Provisioning;
using Vpcep.SharedPacing;
using Vpcep.Storage;
using Vpcep.StorageAccounts;
using Vpcep.Telemetry;

namespace Vpcep.Functions;

/// <summary>
/// The Functions app's own services, added beside what the Functions worker and its extensions register. The app's
/// Program calls this; tests build the same service provider with it.
/// </summary>
public static class FunctionsAppServices
{
    /// <summary>
    /// Adds the workflow and, when <c>AzureWebJobsStorage</c> names an account, the storage-backed parts: the record
    /// of create attempts, the shared pacing schedule, the reader of batches kept in blobs and the queue notification channel.
    /// </summary>
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddProvisioning(configuration);

        // The worker's own spans (one per function invocation) join the project's; host.json's telemetryMode hands the
        // host's telemetry to OpenTelemetry too.
        services.AddVpcepTelemetry(configuration, "vpcep-functions").UseFunctionsWorkerDefaults();

        // The app's storage account keeps the create attempts and the shared pacing schedule, holds batches queue messages
        // reference and takes outcome messages (the queue notification channel): AzureWebJobsStorage as a connection string, or its identity-based form (AzureWebJobsStorage__accountName,
        // with __credential=managedidentity and __clientId for a user-assigned identity, as infra/ deploys it). Without either
        // (the service-URI form is not read here), each create looks for an earlier attempt first, each instance paces on its
        // own unless the SharedPacing section names an account, batch references are refused with that reason, and the queue channel is not available.
        StorageConnection? storage = StorageConnection.FromFunctionsConnection(configuration, "AzureWebJobsStorage");
        if (storage is not null)
        {
            services.AddTableCreateAttempts(_ => storage, CreateAttemptsServiceCollectionExtensions.TableNameFor(configuration["DurableTask:HubName"] ?? "Vpcep"));
            services.AddBlobBatchDocuments(_ => storage);
            services.AddQueueNotificationChannel(_ => storage);
        }

        IConfigurationSection pacing = configuration.GetSection(SharedPacingOptions.SectionName);
        if (storage is not null || !string.IsNullOrWhiteSpace(pacing["ConnectionString"]) || !string.IsNullOrWhiteSpace(pacing["AccountName"]))
        {
            services.AddSharedPacing(configuration, _ => storage);
        }

        return services;
    }
}
