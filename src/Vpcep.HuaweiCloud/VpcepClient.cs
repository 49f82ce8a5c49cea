using System.Globalization;
using System.Runtime.CompilerServices;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// Client of the Huawei Cloud VPC Endpoint (VPCEP) API. Methods are virtual so callers can substitute it.
/// Every error answer surfaces as <see cref="HuaweiCloudException"/>. Reads and idempotent writes are
/// retried on throttling and 5xx; <see cref="CreateEndpointAsync"/> and <see cref="ActOnConnectionAsync"/>
/// never are.
/// </summary>
public class VpcepClient
{
    private readonly HuaweiApiPipeline pipeline;

    /// <summary>Used by <see cref="HuaweiCloudServiceCollectionExtensions.AddHuaweiCloud"/>; the pipeline is internal.</summary>
    internal VpcepClient(HuaweiApiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        this.pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected VpcepClient() => pipeline = null!;

    /// <summary>
    /// Creates an endpoint (<c>POST /v1/{project_id}/vpc-endpoints</c>); the answer is normally <c>creating</c>.
    /// Never retried: the API has no client token, so a retry could create a second endpoint. After a
    /// failure without a clear answer, look for the endpoint (by tag or by list) before creating again.
    /// </summary>
    public virtual Task<VpcEndpoint> CreateEndpointAsync(ProjectScope scope, CreateEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        return pipeline.PostAsync(
            Uri(scope, "vpc-endpoints"), scope.ProjectId, request,
            HuaweiJsonContext.Default.CreateEndpointRequest, HuaweiJsonContext.Default.VpcEndpoint, Idempotency.NotIdempotent, cancellationToken);
    }

    /// <summary>Gets an endpoint's details (with <c>ip</c>, <c>dns_names</c> and, when it failed, <c>error</c>).</summary>
    public virtual Task<VpcEndpoint> GetEndpointAsync(ProjectScope scope, string endpointId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        return pipeline.GetAsync(
            Uri(scope, "vpc-endpoints/" + Segment(endpointId)), scope.ProjectId, HuaweiJsonContext.Default.VpcEndpoint, cancellationToken);
    }

    /// <summary>Lists endpoints, optionally filtered by VPC and service name; <see cref="EndpointList.TotalCount"/> ignores paging.</summary>
    public virtual Task<EndpointList> ListEndpointsAsync(
        ProjectScope scope, string? vpcId = null, string? endpointServiceName = null, int limit = 1000, int offset = 0, CancellationToken cancellationToken = default) =>
        ListEndpointsAsync(scope, new EndpointQuery { VpcId = vpcId, EndpointServiceName = endpointServiceName, Limit = limit, Offset = offset }, cancellationToken);

    /// <summary>Lists one page of endpoints with every filter, paging and sort parameter of the API.</summary>
    public virtual Task<EndpointList> ListEndpointsAsync(ProjectScope scope, EndpointQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(query);
        Uri uri = Uri(scope, "vpc-endpoints",
        [
            new("endpoint_service_name", query.EndpointServiceName),
            new("vpc_id", query.VpcId),
            new("id", query.Id),
            new("limit", Number(query.Limit)),
            new("offset", Number(query.Offset)),
            new("sort_key", query.SortKey),
            new("sort_dir", query.SortDir),
        ]);
        return pipeline.GetAsync(uri, scope.ProjectId, HuaweiJsonContext.Default.EndpointList, cancellationToken);
    }

    /// <summary>
    /// Every endpoint matching <paramref name="query"/>, fetched page by page (<see cref="EndpointQuery.Limit"/>
    /// per page, 1000 when unset) from <see cref="EndpointQuery.Offset"/> on. Endpoints created or deleted
    /// while paging may be seen twice or missed, as with any offset paging.
    /// </summary>
    public virtual async IAsyncEnumerable<VpcEndpoint> GetAllEndpointsAsync(
        ProjectScope scope, EndpointQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        query ??= new EndpointQuery();
        int pageSize = query.Limit is > 0 ? query.Limit.Value : 1000;
        int offset = query.Offset ?? 0;
        while (true)
        {
            EndpointList page = await ListEndpointsAsync(scope, query with { Limit = pageSize, Offset = offset }, cancellationToken).ConfigureAwait(false);
            foreach (VpcEndpoint endpoint in page.Endpoints)
            {
                yield return endpoint;
            }

            offset += page.Endpoints.Count;
            if (page.Endpoints.Count == 0 || offset >= page.TotalCount)
            {
                yield break;
            }
        }
    }

    /// <summary>Deletes an endpoint (204; the endpoint turns <c>deleting</c>, then disappears).</summary>
    public virtual Task DeleteEndpointAsync(ProjectScope scope, string endpointId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        return pipeline.DeleteAsync(Uri(scope, "vpc-endpoints/" + Segment(endpointId)), scope.ProjectId, cancellationToken);
    }

    /// <summary>Replaces the whitelist of an interface endpoint (an empty list clears it) and/or switches it on or off.</summary>
    public virtual Task<VpcEndpoint> UpdateWhitelistAsync(
        ProjectScope scope, string endpointId, IReadOnlyList<string>? whitelist, bool? enableWhitelist = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        var body = new UpdateWhitelistRequest { Whitelist = whitelist, EnableWhitelist = enableWhitelist };
        return pipeline.PutAsync(
            Uri(scope, "vpc-endpoints/" + Segment(endpointId)), scope.ProjectId, body,
            HuaweiJsonContext.Default.UpdateWhitelistRequest, HuaweiJsonContext.Default.VpcEndpoint, cancellationToken);
    }

    /// <summary>Replaces the policy of an endpoint (<c>policy_statement</c> or <c>policy_document</c>).</summary>
    public virtual Task<VpcEndpoint> UpdatePolicyAsync(ProjectScope scope, string endpointId, UpdatePolicyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        ArgumentNullException.ThrowIfNull(request);
        return pipeline.PutAsync(
            Uri(scope, "vpc-endpoints/" + Segment(endpointId) + "/policy"), scope.ProjectId, request,
            HuaweiJsonContext.Default.UpdatePolicyRequest, HuaweiJsonContext.Default.VpcEndpoint, cancellationToken);
    }

    /// <summary>Replaces the route tables of a gateway endpoint.</summary>
    public virtual Task<VpcEndpoint> UpdateRouteTablesAsync(
        ProjectScope scope, string endpointId, IReadOnlyList<string> routeTables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        ArgumentNullException.ThrowIfNull(routeTables);
        return pipeline.PutAsync(
            Uri(scope, "vpc-endpoints/" + Segment(endpointId) + "/routetables"), scope.ProjectId, new UpdateRouteTablesRequest(routeTables),
            HuaweiJsonContext.Default.UpdateRouteTablesRequest, HuaweiJsonContext.Default.VpcEndpoint, cancellationToken);
    }

    /// <summary>
    /// Adds tags to an endpoint, overwriting the values of keys it already has. Retried like a PUT: setting
    /// the same tags twice leaves the same tags.
    /// </summary>
    public virtual Task AddTagsAsync(ProjectScope scope, string endpointId, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default) =>
        TagActionAsync(scope, endpointId, TagAction.Create, tags, cancellationToken);

    /// <summary>Removes tags from an endpoint; a tag given without a value removes its key whatever the value.</summary>
    public virtual Task RemoveTagsAsync(ProjectScope scope, string endpointId, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken = default) =>
        TagActionAsync(scope, endpointId, TagAction.Delete, tags, cancellationToken);

    /// <summary>Finds endpoints carrying tags (<c>action: filter</c>); every filter must match.</summary>
    public virtual Task<TaggedResourceList> FindEndpointsByTagsAsync(
        ProjectScope scope, IReadOnlyList<TagFilter> tags, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        ResourceInstancesAsync(scope, new FindByTagsRequest { Action = "filter", Tags = tags, Limit = Number(limit), Offset = Number(offset) }, cancellationToken);

    /// <summary>Counts endpoints carrying tags (<c>action: count</c>).</summary>
    public virtual async Task<int> CountEndpointsByTagsAsync(ProjectScope scope, IReadOnlyList<TagFilter> tags, CancellationToken cancellationToken = default)
    {
        TaggedResourceList answer = await ResourceInstancesAsync(scope, new FindByTagsRequest { Action = "count", Tags = tags }, cancellationToken).ConfigureAwait(false);
        return answer.TotalCount;
    }

    /// <summary>Gets the basic information of an endpoint service by id.</summary>
    public virtual Task<EndpointServiceInfo> DescribeServiceAsync(ProjectScope scope, string endpointServiceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointServiceId);
        return DescribeAsync(scope, "id", endpointServiceId, cancellationToken);
    }

    /// <summary>Gets the basic information of an endpoint service by its full name, for example <c>com.myhuaweicloud.cn-north-4.obs</c>.</summary>
    public virtual Task<EndpointServiceInfo> DescribeServiceByNameAsync(ProjectScope scope, string endpointServiceName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointServiceName);
        return DescribeAsync(scope, "endpoint_service_name", endpointServiceName, cancellationToken);
    }

    /// <summary>Lists the public endpoint services (those operated by Huawei Cloud or shared with everyone).</summary>
    public virtual Task<PublicEndpointServiceList> ListPublicServicesAsync(
        ProjectScope scope, string? endpointServiceName = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Uri uri = Uri(scope, "vpc-endpoint-services/public",
            [new("endpoint_service_name", endpointServiceName), new("limit", Number(limit)), new("offset", Number(offset))]);
        return pipeline.GetAsync(uri, scope.ProjectId, HuaweiJsonContext.Default.PublicEndpointServiceList, cancellationToken);
    }

    /// <summary>
    /// Accepts (<paramref name="accept"/>) or rejects one endpoint connecting to a service the caller owns.
    /// Not retried: a repeat after a lost answer would act on a decided connection.
    /// </summary>
    public virtual Task<EndpointConnectionList> ActOnConnectionAsync(
        ProjectScope scope, string endpointServiceId, string endpointId, bool accept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointServiceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        var body = new ConnectionActionRequest(accept ? "receive" : "reject", [endpointId]);
        return pipeline.PostAsync(
            Uri(scope, "vpc-endpoint-services/" + Segment(endpointServiceId) + "/connections/action"), scope.ProjectId, body,
            HuaweiJsonContext.Default.ConnectionActionRequest, HuaweiJsonContext.Default.EndpointConnectionList, Idempotency.NotIdempotent, cancellationToken);
    }

    /// <summary>Gets the project's quotas of <paramref name="type"/> (<c>endpoint</c> by default).</summary>
    public virtual async Task<IReadOnlyList<QuotaResource>> GetQuotasAsync(ProjectScope scope, string? type = "endpoint", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        QuotaEnvelope answer = await pipeline.GetAsync(
            Uri(scope, "quotas", [new("type", type)]), scope.ProjectId, HuaweiJsonContext.Default.QuotaEnvelope, cancellationToken).ConfigureAwait(false);
        return answer.Quotas?.Resources ?? [];
    }

    private Task TagActionAsync(ProjectScope scope, string endpointId, string action, IReadOnlyList<ResourceTag> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        ArgumentNullException.ThrowIfNull(tags);
        // Setting or removing the same tags twice leaves the same tags: safe to retry.
        return pipeline.PostAsync(
            Uri(scope, "endpoint/" + Segment(endpointId) + "/tags/action"), scope.ProjectId, new TagActionRequest(action, tags),
            HuaweiJsonContext.Default.TagActionRequest, Idempotency.Idempotent, cancellationToken);
    }

    private Task<TaggedResourceList> ResourceInstancesAsync(ProjectScope scope, FindByTagsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request.Tags);

        // A read, though sent as POST: safe to retry.
        return pipeline.PostAsync(
            Uri(scope, "endpoint/resource_instances/action"), scope.ProjectId, request,
            HuaweiJsonContext.Default.FindByTagsRequest, HuaweiJsonContext.Default.TaggedResourceList, Idempotency.Idempotent, cancellationToken);
    }

    private Task<EndpointServiceInfo> DescribeAsync(ProjectScope scope, string parameter, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return pipeline.GetAsync(
            Uri(scope, "vpc-endpoint-services/describe", [new(parameter, value)]), scope.ProjectId, HuaweiJsonContext.Default.EndpointServiceInfo, cancellationToken);
    }

    private static string Segment(string value) => System.Uri.EscapeDataString(value);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private Uri Uri(ProjectScope scope, string relative) =>
        pipeline.BuildUri(HuaweiEndpoints.Vpcep, scope.Region, $"/v1/{Segment(scope.ProjectId)}/{relative}");

    private Uri Uri(ProjectScope scope, string relative, IEnumerable<KeyValuePair<string, string?>> query) =>
        pipeline.BuildUri(HuaweiEndpoints.Vpcep, scope.Region, $"/v1/{Segment(scope.ProjectId)}/{relative}", query);
}
