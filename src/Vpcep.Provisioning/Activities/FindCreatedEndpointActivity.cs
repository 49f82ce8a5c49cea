using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// The final look-up after a create that may have reached the service but never answered usefully (a timeout,
/// a reset, a 5xx, retries spent): the endpoint this request created, if there is one, so that the outcome
/// names every endpoint the request made and never reports a billable endpoint as "failed, nothing created".
/// </summary>
public sealed class FindCreatedEndpointActivity(VpcepClient vpcep, IOptions<ValidationOptions> validation, ILogger<FindCreatedEndpointActivity>? logger = null)
    : TaskActivity<CreateEndpointInput, EndpointSnapshot?>
{
    /// <inheritdoc/>
    public override async Task<EndpointSnapshot?> RunAsync(TaskActivityContext context, CreateEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? logScope = logger.BeginActivityScope(input.InstanceId, input.Request.ProjectId);
        ProvisioningRequest request = input.Request;
        var scope = new ProjectScope(request.ProjectId, request.Region);
        CreateEndpointRequest body = CreateEndpointActivity.WithRequestTag(request.Endpoint, input.InstanceId, validation.Value.MaxTags);
        VpcEndpoint? found = await CloudBusyException.WhenBusyAsync(() => CreateEndpointActivity.FindEarlierAttemptAsync(vpcep, scope, body, input));
        return found is null ? null : EndpointSnapshot.From(found);
    }
}
