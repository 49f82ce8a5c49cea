using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Vpcep.Api;
using Vpcep.Provisioning.Intake;

namespace Vpcep.Functions.Functions;

/// <summary>
/// HTTP triggers of <c>/api/vpc-endpoints</c>. They call the same handlers the self-host maps, so both
/// hosts answer the same contract.
/// </summary>
public sealed class VpcEndpointsHttpFunctions(ProvisioningIntake intake, ILogger<VpcEndpointsServices> logger)
{
    /// <summary><c>POST /api/vpc-endpoints</c>.</summary>
    [Function("SubmitVpcEndpoint")]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "vpc-endpoints")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await VpcEndpointsApi.SubmitAsync(request, new VpcEndpointsServices(client, intake, logger), request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/vpc-endpoints/{instanceId}</c>.</summary>
    [Function("GetVpcEndpoint")]
    public static async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "vpc-endpoints/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new HttpResultAction(await VpcEndpointsApi.GetAsync(instanceId, request.HttpContext, client, request.HttpContext.RequestAborted));
    }
}
