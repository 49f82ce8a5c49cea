using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Validation;

/// <summary>Placeholder until the validation branch lands.</summary>
public class CloudValidator(VpcepClient vpcep, VpcClient vpc)
{
    public virtual async Task<IReadOnlyList<ValidationError>> ValidateAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = new ProjectScope(request.ProjectId, request.Region);
        await vpcep.DescribeServiceAsync(scope, request.Endpoint.EndpointServiceId!, cancellationToken).ConfigureAwait(false);
        await vpc.GetVpcAsync(scope, request.Endpoint.VpcId!, cancellationToken).ConfigureAwait(false);
        return [];
    }
}
