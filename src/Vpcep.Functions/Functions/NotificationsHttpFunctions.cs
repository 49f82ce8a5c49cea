using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Vpcep.Api;

namespace Vpcep.Functions.Functions;

/// <summary>HTTP triggers of the notification operations; the same handlers the self-host maps.</summary>
public static class NotificationsHttpFunctions
{
    /// <summary><c>POST /api/vpc-endpoints/{instanceId}/notifications</c>.</summary>
    [Function("RedeliverNotification")]
    public static async Task<IActionResult> RedeliverAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "vpc-endpoints/{instanceId}/notifications")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await NotificationsApi.RedeliverAsync(instanceId, request.HttpContext, client, request.HttpContext.RequestAborted));
    }

    /// <summary><c>POST /api/batches/{batchId}/notifications</c>.</summary>
    [Function("RedeliverBatchNotification")]
    public static async Task<IActionResult> RedeliverBatchAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "batches/{batchId}/notifications")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await NotificationsApi.RedeliverBatchAsync(batchId, request.HttpContext, client, request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/notifications</c>.</summary>
    [Function("ListNotifications")]
    public static async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "notifications")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await NotificationsApi.ListAsync(request.HttpContext, client, request.HttpContext.RequestAborted));
    }
}
