using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Vpcep.Provisioning;
using Vpcep.Provisioning.AzureStorage;
using Vpcep.SharedPacing;

// The Functions host: triggers and wiring only; the workflow lives in Vpcep.Provisioning.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProvisioning(builder.Configuration);

// The app's storage account keeps the create attempts and the shared pacing schedule when AzureWebJobsStorage is a
// connection string. With an identity-based account (no connection string) each create looks for an earlier attempt
// first, and each instance paces on its own unless SharedPacing:ConnectionString names an account.
string? storage = builder.Configuration["AzureWebJobsStorage"];
bool storageConnectionString = storage is { Length: > 0 } && storage.Contains('=', StringComparison.Ordinal);
if (storageConnectionString)
{
    builder.Services.AddTableCreateAttempts(storage!, ProvisioningAzureStorageExtensions.TableNameFor(builder.Configuration["DurableTask:HubName"] ?? "Vpcep"));
}

if (storageConnectionString || !string.IsNullOrWhiteSpace(builder.Configuration["SharedPacing:ConnectionString"]))
{
    builder.Services.AddSharedPacing(builder.Configuration, _ => storage);
}

builder.Build().Run();
