using System.Globalization;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// Client of the Huawei Cloud VPC Endpoint (VPCEP) API. Methods are virtual so callers can substitute it.
/// </summary>
public class VpcepClient
{
    private readonly HuaweiApiPipeline pipeline;

    public VpcepClient(HuaweiApiPipeline pipeline) => this.pipeline = pipeline;

    /// <summary>For mocking.</summary>
    protected VpcepClient() => pipeline = null!;

    /// <summary>
    /// Creates an endpoint. Never retried: the API has no client token, so a retry could create a second endpoint.
    /// </summary>
    public virtual Task<VpcEndpoint> CreateEndpointAsync(ProjectScope scope, CreateEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return pipeline.SendAsync(
            HttpMethod.Post, Uri(scope, "vpc-endpoints"), scope.ProjectId, request,
            HuaweiJsonContext.Default.CreateEndpointRequest, HuaweiJsonContext.Default.VpcEndpoint, idempotent: false, cancellationToken);
    }

    /// <summary>Gets an endpoint's details.</summary>
    public virtual Task<VpcEndpoint> GetEndpointAsync(ProjectScope scope, string endpointId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return pipeline.SendAsync<object, VpcEndpoint>(
            HttpMethod.Get, Uri(scope, $"vpc-endpoints/{System.Uri.EscapeDataString(endpointId)}"), scope.ProjectId, null, null,
            HuaweiJsonContext.Default.VpcEndpoint, idempotent: true, cancellationToken);
    }

    /// <summary>Lists endpoints, optionally filtered by VPC and service name.</summary>
    public virtual Task<EndpointList> ListEndpointsAsync(
        ProjectScope scope, string? vpcId = null, string? endpointServiceName = null, int limit = 1000, int offset = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var query = new List<string> { $"limit={limit.ToString(CultureInfo.InvariantCulture)}", $"offset={offset.ToString(CultureInfo.InvariantCulture)}" };
        if (vpcId is not null)
        {
            query.Add("vpc_id=" + System.Uri.EscapeDataString(vpcId));
        }

        if (endpointServiceName is not null)
        {
            query.Add("endpoint_service_name=" + System.Uri.EscapeDataString(endpointServiceName));
        }

        return pipeline.SendAsync<object, EndpointList>(
            HttpMethod.Get, Uri(scope, "vpc-endpoints?" + string.Join('&', query)), scope.ProjectId, null, null,
            HuaweiJsonContext.Default.EndpointList, idempotent: true, cancellationToken);
    }

    /// <summary>Deletes an endpoint (204; the endpoint turns <c>deleting</c>, then disappears).</summary>
    public virtual Task DeleteEndpointAsync(ProjectScope scope, string endpointId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return pipeline.SendAsync<object>(
            HttpMethod.Delete, Uri(scope, $"vpc-endpoints/{System.Uri.EscapeDataString(endpointId)}"), scope.ProjectId, null, null, idempotent: true, cancellationToken);
    }

    /// <summary>Gets the basic information of an endpoint service by id.</summary>
    public virtual Task<EndpointServiceInfo> DescribeServiceAsync(ProjectScope scope, string endpointServiceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return pipeline.SendAsync<object, EndpointServiceInfo>(
            HttpMethod.Get, Uri(scope, "vpc-endpoint-services/describe?id=" + System.Uri.EscapeDataString(endpointServiceId)), scope.ProjectId, null, null,
            HuaweiJsonContext.Default.EndpointServiceInfo, idempotent: true, cancellationToken);
    }

    private Uri Uri(ProjectScope scope, string relative) =>
        pipeline.BuildUri(HuaweiEndpoints.Vpcep, scope.Region, $"/v1/{System.Uri.EscapeDataString(scope.ProjectId)}/{relative}");
}
