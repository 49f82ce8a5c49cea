using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Telemetry;

namespace Vpcep.Provisioning.Activities;

/// <summary>The observe activity's input: the endpoints of one project and region to look at.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Region">The region; none: the configured default.</param>
/// <param name="EndpointIds">The endpoints being waited on.</param>
/// <param name="OldestCreatedAt">When the oldest of them was created (no earlier than this); older pages are not read.</param>
public sealed record ObserveEndpointsInput(string ProjectId, string? Region, IReadOnlyList<string> EndpointIds, DateTime OldestCreatedAt);

/// <summary>
/// Looks at many endpoints of one project and region with as few calls as the API allows: the project's
/// endpoints listed newest first (<c>GET /v1/{project_id}/vpc-endpoints?limit=1000&amp;sort_key=create_at&amp;sort_dir=desc</c>;
/// Huawei's API reference "Querying VPC Endpoints": <c>limit</c> at most 1000, <c>sort_key</c> <c>create_at</c>,
/// <c>sort_dir</c> <c>desc</c> by default), page after page until every wanted endpoint was seen or the pages
/// reach endpoints older than the oldest wanted one. The endpoints being waited on are the newest, so one call
/// per interval usually sees them all. Endpoints not listed are left out of the answer (their waiters look
/// themselves).
/// </summary>
public sealed class ObserveEndpointsActivity(VpcepClient vpcep, ILogger<ObserveEndpointsActivity>? logger = null) : TaskActivity<ObserveEndpointsInput, IReadOnlyList<EndpointSnapshot>>
{
    /// <summary>The API's largest page.</summary>
    public const int PageSize = 1000;

    /// <summary>How far before the oldest wanted endpoint's creation a page may reach and still be read (clocks differ).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(10);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<EndpointSnapshot>> RunAsync(TaskActivityContext context, ObserveEndpointsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? logScope = logger.BeginActivityScope(context.InstanceId, input.ProjectId);
        var scope = new ProjectScope(input.ProjectId, input.Region);
        var wanted = new HashSet<string>(input.EndpointIds, StringComparer.Ordinal);
        var seen = new List<EndpointSnapshot>(wanted.Count);
        DateTime floor = input.OldestCreatedAt - ClockSlack;
        for (int offset = 0; wanted.Count > 0; offset += PageSize)
        {
            EndpointList page = await CloudBusyException.WhenBusyAsync(() => vpcep.ListEndpointsAsync(
                scope, new EndpointQuery { Limit = PageSize, Offset = offset, SortKey = EndpointSortKey.CreatedAt, SortDir = SortDirection.Descending }));
            foreach (VpcEndpoint endpoint in page.Endpoints)
            {
                if (wanted.Remove(endpoint.Id))
                {
                    seen.Add(EndpointSnapshot.From(endpoint));
                }
            }

            bool lastPage = page.Endpoints.Count < PageSize || offset + PageSize >= page.TotalCount;
            if (lastPage || ReachesBefore(page.Endpoints[^1], floor))
            {
                break;
            }
        }

        return seen;
    }

    /// <summary>Whether an endpoint (the last of a newest-first page) was created before <paramref name="floor"/>; unreadable times never stop the paging.</summary>
    private static bool ReachesBefore(VpcEndpoint endpoint, DateTime floor) =>
        endpoint.CreatedAtUtc < floor;
}
