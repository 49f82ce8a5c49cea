using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Vpcep.Provisioning;
using Vpcep.SharedPacing;

// The Functions host: triggers and wiring only; the workflow lives in Vpcep.Provisioning.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProvisioning(builder.Configuration);

// Every instance of the app paces a project's calls on one schedule kept in the app's storage account.
builder.Services.AddSharedPacing(builder.Configuration, _ => builder.Configuration["AzureWebJobsStorage"]);
builder.Build().Run();
