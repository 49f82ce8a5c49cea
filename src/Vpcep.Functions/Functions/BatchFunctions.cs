using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Vpcep.Api;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Functions.Functions;

/// <summary>The batch orchestration and <c>GET /api/batches/{batchId}</c>; the summary goes through the notify activity of <see cref="ProvisioningFunctions"/>.</summary>
public static class BatchFunctions
{
    /// <summary>The batch orchestration.</summary>
    [Function(ProvisionBatchOrchestrator.Name)]
    public static Task<BatchOutcome> ProvisionBatchAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BatchInput input = context.GetInput<BatchInput>()
            ?? throw new InvalidOperationException("The batch orchestration was started without input.");
        return new ProvisionBatchOrchestrator().RunAsync(context, input);
    }

    /// <summary><c>GET /api/batches/{batchId}</c>.</summary>
    [Function("GetBatch")]
    public static async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await BatchesApi.GetAsync(batchId, request, client, request.HttpContext.RequestAborted));
    }
}
