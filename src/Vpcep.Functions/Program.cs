using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Vpcep.Provisioning;
using Vpcep.SharedPacing;
using Vpcep.Storage;
using Vpcep.StorageAccounts;

// The Functions host: triggers and wiring only; the workflow lives in Vpcep.Provisioning.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProvisioning(builder.Configuration);

// The app's storage account keeps the create attempts and the shared pacing schedule, holds batches queue messages
// reference and takes outcome messages (the queue notification channel): AzureWebJobsStorage as a connection string, or its identity-based form (AzureWebJobsStorage__accountName,
// with __credential=managedidentity and __clientId for a user-assigned identity, as infra/ deploys it). Without either
// (the service-URI form is not read here), each create looks for an earlier attempt first, each instance paces on its
// own unless the SharedPacing section names an account, batch references are refused with that reason, and the queue channel is not available.
StorageConnection? storage = StorageConnection.FromFunctionsConnection(builder.Configuration, "AzureWebJobsStorage");
if (storage is not null)
{
    builder.Services.AddTableCreateAttempts(_ => storage, CreateAttemptsServiceCollectionExtensions.TableNameFor(builder.Configuration["DurableTask:HubName"] ?? "Vpcep"));
    builder.Services.AddBlobBatchDocuments(_ => storage);
    builder.Services.AddQueueNotificationChannel(_ => storage);
}

IConfigurationSection pacing = builder.Configuration.GetSection(SharedPacingOptions.SectionName);
if (storage is not null || !string.IsNullOrWhiteSpace(pacing["ConnectionString"]) || !string.IsNullOrWhiteSpace(pacing["AccountName"]))
{
    builder.Services.AddSharedPacing(builder.Configuration, _ => storage);
}

builder.Build().Run();
