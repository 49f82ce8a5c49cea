using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Vpcep.Provisioning;
using Vpcep.SharedPacing;
using Vpcep.Storage;

// The Functions host: triggers and wiring only; the workflow lives in Vpcep.Provisioning.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProvisioning(builder.Configuration);

// The app's storage account keeps the create attempts and the shared pacing schedule, holds batches queue messages
// reference and takes outcome messages (the queue notification channel), when AzureWebJobsStorage is a connection
// string. With an identity-based account (no connection string) each create looks for an earlier attempt first, each
// instance paces on its own unless SharedPacing:ConnectionString names an account, batch references are refused with
// that reason, and the queue channel is not available.
string? storage = builder.Configuration["AzureWebJobsStorage"];
bool storageConnectionString = storage is { Length: > 0 } && storage.Contains('=', StringComparison.Ordinal);
if (storageConnectionString)
{
    builder.Services.AddTableCreateAttempts(storage!, CreateAttemptsServiceCollectionExtensions.TableNameFor(builder.Configuration["DurableTask:HubName"] ?? "Vpcep"));
    builder.Services.AddQueueNotificationChannel(_ => storage!);
}

if (storageConnectionString || !string.IsNullOrWhiteSpace(builder.Configuration["SharedPacing:ConnectionString"]))
{
    builder.Services.AddSharedPacing(builder.Configuration, _ => storage);
}

if (storage is { Length: > 0 })
{
    builder.Services.AddBlobBatchDocuments(_ => storage);
}

builder.Build().Run();
