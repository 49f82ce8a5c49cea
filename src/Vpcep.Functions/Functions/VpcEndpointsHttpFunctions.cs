using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Api;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Intake;

namespace Vpcep.Functions.Functions;

/// <summary>
/// HTTP triggers of <c>/api/vpc-endpoints</c>. They call the same handlers the self-host maps, so both
/// hosts answer the same contract; the status URLs they return carry the request's function key.
/// </summary>
public sealed class VpcEndpointsHttpFunctions(ProvisioningIntake intake, IOptionsMonitor<ProvisioningOptions> options, ILogger<VpcEndpointsServices> logger)
{
    /// <summary><c>POST /api/vpc-endpoints</c>.</summary>
    [Function("SubmitVpcEndpoint")]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "vpc-endpoints")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await VpcEndpointsApi.SubmitAsync(request, new VpcEndpointsServices(client, intake, logger), request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/vpc-endpoints/{instanceId}</c>: 202 while the request runs, 200 once it has ended.</summary>
    [Function("GetVpcEndpoint")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpc-endpoints/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await VpcEndpointsApi.GetAsync(instanceId, request.HttpContext, client, options, request.HttpContext.RequestAborted));
    }

    /// <summary><c>POST /api/vpc-endpoints/{instanceId}/terminate</c>.</summary>
    [Function("TerminateVpcEndpoint")]
    public static async Task<IActionResult> TerminateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "vpc-endpoints/{instanceId}/terminate")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionKeys.CarryInStatusUrls(request);
        return new HttpResultAction(await VpcEndpointsApi.TerminateAsync(instanceId, request.HttpContext, client, request.HttpContext.RequestAborted));
    }

    /// <summary><c>DELETE /api/vpc-endpoints/{instanceId}/history</c>.</summary>
    [Function("PurgeVpcEndpointHistory")]
    public static async Task<IActionResult> PurgeHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "vpc-endpoints/{instanceId}/history")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await VpcEndpointsApi.PurgeHistoryAsync(instanceId, request.HttpContext, client, request.HttpContext.RequestAborted));
    }
}
