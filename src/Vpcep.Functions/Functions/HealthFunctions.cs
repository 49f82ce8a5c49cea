using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vpcep.Api;
using Vpcep.Storage;
using Vpcep.StorageAccounts;

namespace Vpcep.Functions.Functions;

/// <summary>
/// <c>GET /api/readyz</c>: the self-host's readiness check, on the Functions app: the task hub's storage
/// (<c>AzureWebJobsStorage</c>, in either form) asked for its work-item queue, 200 when it answers, 503 when it does not.
/// </summary>
/// <remarks>
/// Anonymous on purpose, like any probe: it reads nothing of the app's data and answers only healthy or not, with the
/// reason; a load balancer or monitor calls it without a key. Liveness is the Functions platform's own (it restarts a
/// host that stops answering); the app adds none.
/// </remarks>
public sealed class HealthFunctions(IConfiguration configuration)
{
    // One check per storage account and task hub, kept across invocations so an identity's token is reused.
    private static readonly ConcurrentDictionary<string, TaskHubStorageHealthCheck> Checks = new(StringComparer.Ordinal);

    /// <summary><c>GET /api/readyz</c>.</summary>
    [Function("Readiness")]
    public async Task<IActionResult> ReadyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        StorageConnection? storage = StorageConnection.FromFunctionsConnection(configuration, "AzureWebJobsStorage");
        string? taskHub = TaskHubName(configuration, AppContext.BaseDirectory);
        HealthCheckResult result = storage is null
            ? HealthCheckResult.Unhealthy("AzureWebJobsStorage names no storage account this check reads (a connection string, or __accountName).")
            : taskHub is null
                ? HealthCheckResult.Unhealthy("The task hub's name is unknown: host.json names no extensions.durableTask.hubName.")
                : await Checks.GetOrAdd($"{taskHub}|{storage.AccountName}|{storage.ClientId}|{storage.ConnectionString}", _ => new TaskHubStorageHealthCheck(storage, taskHub))
                    .CheckHealthAsync(new HealthCheckContext(), request.HttpContext.RequestAborted);
        var entry = new HealthReportEntry(result.Status, result.Description, watch.Elapsed, exception: null, data: null, tags: [HealthApi.ReadyTag]);
        var report = new HealthReport(new Dictionary<string, HealthReportEntry> { [HealthApi.TaskHubStorageCheck] = entry }, watch.Elapsed);
        return new HttpResultAction(HealthApi.Answer(report, request.HttpContext));
    }

    /// <summary>
    /// The task hub the Durable extension uses: <c>extensions:durableTask:hubName</c> of host.json, overridden by the app
    /// setting <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> ("host.json reference for Azure Functions 2.x
    /// and later", override host.json values, https://learn.microsoft.com/azure/azure-functions/functions-host-json#override-hostjson-values).
    /// The worker does not get host.json's settings as configuration, so it reads the host.json shipped beside the app.
    /// </summary>
    internal static string? TaskHubName(IConfiguration configuration, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"] is { Length: > 0 } overridden)
        {
            return overridden;
        }

        string hostJson = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(hostJson))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(hostJson))?["extensions"]?["durableTask"]?["hubName"]?.GetValue<string>() is { Length: > 0 } name ? name : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
