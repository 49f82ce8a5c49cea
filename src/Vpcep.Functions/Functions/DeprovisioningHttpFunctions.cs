using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Api;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Functions.Functions;

/// <summary>
/// HTTP triggers of deprovisioning (<see cref="DeprovisioningApi"/>): the same handlers the self-host maps, so both hosts
/// answer the same contract; the status URLs they return carry the request's function key.
/// </summary>
public sealed class DeprovisioningHttpFunctions(
    IOptionsMonitor<ProvisioningOptions> options,
    IOptionsMonitor<NotificationOptions> notifications,
    TimeProvider time,
    ILogger<DeprovisioningServices> logger)
{
    /// <summary><c>DELETE /api/vpc-endpoints/{instanceId}</c>.</summary>
    [Function("DeprovisionVpcEndpoint")]
    public async Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "vpc-endpoints/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await DeprovisioningApi.DeleteAsync(instanceId, request.HttpContext, Services(client), request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/vpc-endpoints/{instanceId}/deprovision</c>: 202 while it runs, 200 once it has ended.</summary>
    [Function("GetVpcEndpointDeprovision")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpc-endpoints/{instanceId}/deprovision")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await DeprovisioningApi.GetAsync(instanceId, request.HttpContext, client, options, request.HttpContext.RequestAborted));
    }

    /// <summary><c>DELETE /api/batches/{batchId}</c>.</summary>
    [Function("DeprovisionBatch")]
    public async Task<IActionResult> DeleteBatchAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "batches/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await DeprovisioningApi.DeleteBatchAsync(batchId, request.HttpContext, Services(client), request.HttpContext.RequestAborted));
    }

    /// <summary><c>POST /api/cleanup</c>.</summary>
    [Function("CleanupFailedEndpoints")]
    public async Task<IActionResult> CleanupAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "cleanup")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await DeprovisioningApi.CleanupAsync(request.HttpContext, Services(client), request.HttpContext.RequestAborted));
    }

    private DeprovisioningServices Services(DurableTaskClient client) => new(client, options, notifications, time, logger);
}
