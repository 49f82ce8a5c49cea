using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Vpcep.Provisioning;
using Vpcep.Provisioning.AzureStorage;

// The Functions host: triggers and wiring only; the workflow lives in Vpcep.Provisioning.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProvisioning(builder.Configuration);

// Create attempts are recorded in the Functions storage account when it is given as a connection string; otherwise
// every create looks for an earlier attempt's endpoint first.
if (builder.Configuration["AzureWebJobsStorage"] is { Length: > 0 } storage && storage.Contains('=', StringComparison.Ordinal))
{
    builder.Services.AddTableCreateAttempts(storage, ProvisioningAzureStorageExtensions.TableNameFor(builder.Configuration["DurableTask:HubName"] ?? "Vpcep"));
}

builder.Build().Run();
