using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Vpcep.Provisioning;
using Vpcep.Storage;

// The Functions host: triggers and wiring only; the workflow lives in Vpcep.Provisioning.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProvisioning(builder.Configuration);

// Queue messages may reference batches kept in blobs of the queue's account. An identity-based AzureWebJobsStorage
// (no connection string) leaves references refused with that reason.
if (builder.Configuration["AzureWebJobsStorage"] is { Length: > 0 } storage)
{
    builder.Services.AddBlobBatchDocuments(_ => storage);
}

builder.Build().Run();
