using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Vpcep.Api;
using Vpcep.DurableTask.AzureStorage;
using Vpcep.Provisioning;
using Vpcep.SelfHost.Queues;
using Vpcep.SelfHost.StatusPage;
using Vpcep.SharedPacing;
using Vpcep.Storage;
using Vpcep.StorageAccounts;
using Vpcep.Telemetry;

namespace Vpcep.SelfHost;

/// <summary>
/// The self-host: ASP.NET Core serving the shared HTTP contract, with the workflow running on Durable
/// Task over Azure Storage (Azurite by default). Wiring only; the workflow lives in Vpcep.Provisioning.
/// </summary>
public static class SelfHostApp
{
    /// <summary>Builds the app; tests call this to host it in-process on a loopback port.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:7071");
        }

        configure?.Invoke(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<SelfHostOptions>()
            .Bind(builder.Configuration.GetSection(SelfHostOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SelfHostOptions>, SelfHostOptionsValidator>());
        builder.Services.AddProvisioning(builder.Configuration);
        builder.Services.AddVpcepTelemetry(builder.Configuration, "vpcep-selfhost");
        builder.Services.AddAzureStorageDurableTask(builder.Configuration);
        AzureStorageDurableOptions durable = builder.Configuration.GetSection(AzureStorageDurableOptions.SectionName).Get<AzureStorageDurableOptions>() ?? new();
        builder.Services.AddTableCreateAttempts(TaskHubStorage, CreateAttemptsServiceCollectionExtensions.TableNameFor(durable.TaskHubName));

        // Every self-host of the task hub paces a project's calls on one schedule kept in the task hub's storage.
        builder.Services.AddSharedPacing(builder.Configuration, TaskHubStorage);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(tasks => tasks.AddProvisioningTasks());
            worker.UseAzureStorage();
        });
        builder.Services.AddDurableTaskClient(client => client.UseAzureStorage());
        builder.Services.AddStorageQueueListener(builder.Configuration);

        // Outcome messages (the queue notification channel) go to a queue of the account the provisioning queue is in.
        builder.Services.AddQueueNotificationChannel(provider => provider.GetRequiredService<IOptions<QueueListenerOptions>>().Value.Connection());

        // Liveness touches nothing; readiness asks the task hub's storage (see HealthApi).
        builder.Services.AddSingleton(provider => new TaskHubStorageHealthCheck(
            TaskHubStorage(provider), provider.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value.TaskHubName));
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process serves HTTP."), tags: [HealthApi.LiveTag])
            .AddCheck<TaskHubStorageHealthCheck>(HealthApi.TaskHubStorageCheck, tags: [HealthApi.ReadyTag]);
        builder.Services.AddContractDocument();

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapHealthApi();
        app.MapVpcEndpointsApi();
        app.MapBatchesApi();
        app.MapNotificationsApi();
        app.MapListingsApi();
        app.MapStatusPage();
        app.MapDeprovisioningApi();
        app.MapContractDocument();
        return app;
    }

    /// <summary>The task hub's storage account (a connection string, or an account name reached with an identity).</summary>
    private static StorageConnection TaskHubStorage(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value.Connection();
}
