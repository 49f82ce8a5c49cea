using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Api;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Functions.Functions;

/// <summary>
/// The batch orchestration, <c>POST /api/batches</c> and <c>GET /api/batches/{batchId}</c> (the same handlers the
/// self-host maps); the summary goes through the notify activity of <see cref="ProvisioningFunctions"/>.
/// </summary>
public sealed class BatchFunctions(
    ProvisioningIntake intake,
    ProvisioningRequestParser parser,
    IOptionsMonitor<QueueMessageOptions> limits,
    IOptionsMonitor<ProvisioningOptions> options,
    ILogger<BatchesServices> logger)
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

    /// <summary><c>POST /api/batches</c>.</summary>
    [Function("SubmitBatch")]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "batches")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        var services = new BatchesServices(client, intake, parser, limits, logger);
        return new HttpResultAction(await BatchesApi.SubmitAsync(request, services, request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/batches/{batchId}</c>: 202 while the batch runs, 200 once it has ended.</summary>
    [Function("GetBatch")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "batches/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await BatchesApi.GetAsync(batchId, request, client, options, request.HttpContext.RequestAborted));
    }
}
