using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Vpcep.Api;

namespace Vpcep.Functions.Functions;

/// <summary>HTTP triggers of the listings (batches, a batch's items, provisioning requests); the same handlers the self-host maps.</summary>
public static class ListingsHttpFunctions
{
    /// <summary><c>GET /api/batches</c>.</summary>
    [Function("ListBatches")]
    public static async Task<IActionResult> ListBatchesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await ListingsApi.ListBatchesAsync(request, client, request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/batches/{batchId}/items</c>.</summary>
    [Function("ListBatchItems")]
    public static async Task<IActionResult> ListBatchItemsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches/{batchId}/items")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await ListingsApi.ListBatchItemsAsync(batchId, request, client, request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/vpc-endpoints</c>.</summary>
    [Function("ListVpcEndpoints")]
    public static async Task<IActionResult> ListRequestsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpc-endpoints")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await ListingsApi.ListRequestsAsync(request, client, request.HttpContext.RequestAborted));
    }
}
