using Microsoft.DurableTask;
using NSubstitute;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Tests.Activities;

public class ObserveEndpointsActivityTests
{
    private const string Project = "6e9dfd51d1124e8d8498dce894923a0d";
    private static readonly DateTime Oldest = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly ObserveEndpointsActivity activity;
    private readonly List<EndpointQuery> queries = [];

    public ObserveEndpointsActivityTests() => activity = new ObserveEndpointsActivity(vpcep);

    /// <summary>The project holds these endpoints, newest first; the list call pages through them as the API does.</summary>
    private void GivenProject(params VpcEndpoint[] newestFirst) =>
        vpcep.ListEndpointsAsync(Arg.Any<ProjectScope>(), Arg.Any<EndpointQuery>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            EndpointQuery query = call.ArgAt<EndpointQuery>(1);
            queries.Add(query);
            VpcEndpoint[] page = [.. newestFirst.Skip(query.Offset ?? 0).Take(query.Limit ?? 10)];
            return new EndpointList(page, newestFirst.Length);
        });

    private static VpcEndpoint Endpoint(string id, string status, DateTime createdAt) =>
        new() { Id = id, Status = status, CreatedAt = createdAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) };

    private static VpcEndpoint[] Older(int count, DateTime from) =>
        [.. Enumerable.Range(1, count).Select(i => Endpoint($"old-{i}", EndpointStatus.Accepted, from.AddSeconds(-i)))];

    private Task<IReadOnlyList<EndpointSnapshot>> ObserveAsync(params string[] ids) =>
        activity.RunAsync(Substitute.For<TaskActivityContext>(), new ObserveEndpointsInput(Project, "cn-north-4", ids, Oldest));

    [Fact]
    public async Task One_call_newest_first_sees_every_wanted_endpoint()
    {
        GivenProject([Endpoint("ep-2", EndpointStatus.Creating, Oldest.AddSeconds(2)), Endpoint("ep-1", EndpointStatus.Accepted, Oldest.AddSeconds(1)), .. Older(500, Oldest)]);

        IReadOnlyList<EndpointSnapshot> seen = await ObserveAsync("ep-1", "ep-2");

        Assert.Equal([("ep-2", EndpointStatus.Creating), ("ep-1", EndpointStatus.Accepted)], seen.Select(s => (s.Id, s.Status)));
        EndpointQuery query = Assert.Single(queries);
        Assert.Equal((1000, 0, EndpointSortKey.CreatedAt, SortDirection.Descending), (query.Limit, query.Offset, query.SortKey, query.SortDir));
        await vpcep.Received().ListEndpointsAsync(new ProjectScope(Project, "cn-north-4"), Arg.Any<EndpointQuery>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Paging_goes_on_while_wanted_endpoints_may_be_further_down()
    {
        // 1,000 newer endpoints (other requests) push ours to the second page.
        VpcEndpoint[] newer = [.. Enumerable.Range(1, 1000).Select(i => Endpoint($"new-{i}", EndpointStatus.Creating, Oldest.AddMinutes(5)))];
        GivenProject([.. newer, Endpoint("ep-1", EndpointStatus.Accepted, Oldest.AddSeconds(1)), .. Older(10, Oldest)]);

        IReadOnlyList<EndpointSnapshot> seen = await ObserveAsync("ep-1");

        Assert.Equal("ep-1", Assert.Single(seen).Id);
        Assert.Equal([0, 1000], queries.Select(q => q.Offset ?? 0));
    }

    [Fact]
    public async Task Paging_stops_at_endpoints_older_than_any_wanted_one()
    {
        GivenProject([.. Older(5000, Oldest.AddMinutes(-11))]);

        IReadOnlyList<EndpointSnapshot> seen = await ObserveAsync("ep-deleted");

        Assert.Empty(seen);
        Assert.Single(queries);
    }

    [Fact]
    public async Task Paging_stops_after_the_last_page()
    {
        GivenProject(Endpoint("ep-1", EndpointStatus.Accepted, Oldest));

        IReadOnlyList<EndpointSnapshot> seen = await ObserveAsync("ep-1", "ep-missing");

        Assert.Single(seen);
        Assert.Single(queries);
    }
}
