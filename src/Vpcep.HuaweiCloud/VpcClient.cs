using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud;

/// <summary>The few calls of the Huawei Cloud VPC service that endpoint validation needs.</summary>
public class VpcClient
{
    private readonly HuaweiApiPipeline pipeline;

    /// <summary>Used by <see cref="HuaweiCloudServiceCollectionExtensions.AddHuaweiCloud"/>; the pipeline is internal.</summary>
    internal VpcClient(HuaweiApiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        this.pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected VpcClient() => pipeline = null!;

    /// <summary>Gets a VPC.</summary>
    public virtual async Task<Vpc> GetVpcAsync(ProjectScope scope, string vpcId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        VpcEnvelope envelope = await pipeline.GetAsync(
            Uri(scope, $"vpcs/{System.Uri.EscapeDataString(vpcId)}"), scope.ProjectId, HuaweiJsonContext.Default.VpcEnvelope, cancellationToken).ConfigureAwait(false);
        return envelope.Vpc;
    }

    /// <summary>Gets a subnet.</summary>
    public virtual async Task<Subnet> GetSubnetAsync(ProjectScope scope, string subnetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        SubnetEnvelope envelope = await pipeline.GetAsync(
            Uri(scope, $"subnets/{System.Uri.EscapeDataString(subnetId)}"), scope.ProjectId, HuaweiJsonContext.Default.SubnetEnvelope, cancellationToken).ConfigureAwait(false);
        return envelope.Subnet;
    }

    private Uri Uri(ProjectScope scope, string relative) =>
        pipeline.BuildUri(HuaweiEndpoints.Vpc, scope.Region, $"/v1/{System.Uri.EscapeDataString(scope.ProjectId)}/{relative}");
}
