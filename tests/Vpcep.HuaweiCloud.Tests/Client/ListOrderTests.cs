using Microsoft.Extensions.Time.Testing;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;

namespace Vpcep.HuaweiCloud.Tests.Client;

/// <summary>An emulator on a clock the tests move, so whole-second timestamps differ without waiting.</summary>
public sealed class FakeClockEmulatorFixture : EmulatorFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Time => Clock;
}

public class ListOrderTests(FakeClockEmulatorFixture emulator) : EmulatorTest(emulator), IClassFixture<FakeClockEmulatorFixture>
{
    [Fact]
    public async Task List_pages_with_limit_and_offset_and_orders_by_creation_both_ways()
    {
        List<string> ids = [];
        for (int i = 0; i < 3; i++)
        {
            ids.Add((await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint())).Id);
            emulator.Clock.Advance(TimeSpan.FromSeconds(1)); // created_at has whole seconds
        }

        EndpointList ascending = await Vpcep.ListEndpointsAsync(Project, new EndpointQuery { SortKey = EndpointSortKey.CreatedAt, SortDir = SortDirection.Ascending, Limit = 2 });
        EndpointList descending = await Vpcep.ListEndpointsAsync(Project, new EndpointQuery { SortKey = "created_at", SortDir = SortDirection.Descending, Limit = 2, Offset = 1 });

        Assert.Equal(ids.Take(2), ascending.Endpoints.Select(e => e.Id));
        Assert.Equal(3, ascending.TotalCount);
        Assert.Equal([ids[1], ids[0]], descending.Endpoints.Select(e => e.Id));
    }
}
