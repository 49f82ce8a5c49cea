using System.Net;
using Microsoft.DurableTask;
using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Activities;

/// <summary>What the service said to a delete.</summary>
public static class DeleteAnswers
{
    /// <summary>204: the delete was accepted; the endpoint turns <c>deleting</c>, then disappears.</summary>
    public const string Accepted = "accepted";

    /// <summary>404 with a "does not exist" code: there is no such endpoint (any more).</summary>
    public const string NotFound = "not_found";

    /// <summary><c>EndPoint.2018</c>: a delete of it was accepted before (an earlier attempt, or someone else's).</summary>
    public const string AlreadyDeleting = "already_deleting";

    /// <summary><c>EndPoint.2019</c>: it is still being created and cannot be deleted yet.</summary>
    public const string StillCreating = "still_creating";

    /// <summary>Any other 4xx (not throttling, not authentication): the cloud's final word; <see cref="DeleteEndpointResult.Error"/> says it.</summary>
    public const string Refused = "refused";
}

/// <summary>The delete activity's answer: one of <see cref="DeleteAnswers"/>, with the cloud's error when it refused.</summary>
public sealed record DeleteEndpointResult(string Answer, ProvisioningError? Error = null);

/// <summary>
/// Asks the service to delete an endpoint, once per run. Idempotent by reading the answer rather than by remembering:
/// a delete repeated after a crash (or after an answer that was lost) meets <c>EndPoint.2018</c> while the first one is
/// being carried out, and a "does not exist" 404 once it is done; both are reported, not thrown, and the orchestration
/// waits for the endpoint to disappear either way. Throttling, 5xx and no answer are a busy cloud
/// (<see cref="CloudBusyException"/>), waited out by the orchestration.
/// </summary>
/// <remarks>
/// Wire facts: Huawei Cloud VPCEP API reference, "Deleting a VPC Endpoint"
/// (<c>DELETE /v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}</c>, 204 without a body; the same in Open Telekom Cloud's
/// VPCEP API reference); its error code table: 404 <c>EndPoint.2006</c> (endpoint not found), 404 <c>EndPoint.2008</c>
/// (already deleted), 400 <c>EndPoint.2018</c> (being deleted), 400 <c>EndPoint.2019</c> (being created). Huawei's
/// Terraform provider (<c>huaweicloud_vpcep_endpoint</c>, resourceVPCEndpointDelete) likewise takes a 404 after the
/// delete for "deleted".
/// </remarks>
public sealed class DeleteEndpointActivity(VpcepClient vpcep) : TaskActivity<GetEndpointInput, DeleteEndpointResult>
{
    /// <inheritdoc/>
    public override async Task<DeleteEndpointResult> RunAsync(TaskActivityContext context, GetEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scope = new ProjectScope(input.ProjectId, input.Region);
        try
        {
            await CloudBusyException.WhenBusyAsync(async () =>
            {
                await vpcep.DeleteEndpointAsync(scope, input.EndpointId);
                return true;
            });
            return new DeleteEndpointResult(DeleteAnswers.Accepted);
        }
        catch (HuaweiCloudException ex) when (ex.IsNotFound)
        {
            return new DeleteEndpointResult(DeleteAnswers.NotFound);
        }
        catch (HuaweiCloudException ex) when (string.Equals(ex.ErrorCode, HuaweiErrorCodes.EndpointDeleting, StringComparison.OrdinalIgnoreCase))
        {
            return new DeleteEndpointResult(DeleteAnswers.AlreadyDeleting);
        }
        catch (HuaweiCloudException ex) when (string.Equals(ex.ErrorCode, HuaweiErrorCodes.EndpointCreating, StringComparison.OrdinalIgnoreCase))
        {
            return new DeleteEndpointResult(DeleteAnswers.StillCreating);
        }
        catch (HuaweiCloudException ex) when ((int)ex.Status is >= 400 and < 500 && !ex.IsTransient && ex.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return new DeleteEndpointResult(DeleteAnswers.Refused, new ProvisioningError(ex.ErrorCode, ex.ErrorMessage ?? ex.Message, (int)ex.Status, ex.RequestId));
        }
    }
}
