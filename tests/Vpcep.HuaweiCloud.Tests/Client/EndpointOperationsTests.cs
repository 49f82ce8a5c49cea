using System.Net;
using System.Text.Json;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;
using static Vpcep.HuaweiCloud.Tests.Infrastructure.EmulatorFixture;

namespace Vpcep.HuaweiCloud.Tests.Client;

/// <summary>Every endpoint operation, over real HTTP against the emulator.</summary>
public class EndpointOperationsTests(EmulatorFixture emulator) : EmulatorTest(emulator), IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Create_answers_a_creating_endpoint_carrying_what_was_asked_for()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint(new ResourceTag("team", "orders")) with
        {
            Whitelist = ["10.0.0.0/24"],
            EnableWhitelist = true,
            Description = "orders endpoint",
        });

        Assert.Equal(EndpointStatus.Creating, created.Status);
        Assert.Equal(InterfaceServiceId, created.EndpointServiceId);
        Assert.Equal(VpcId, created.VpcId);
        Assert.Equal(SubnetId, created.SubnetId);
        Assert.Equal(Project.ProjectId, created.ProjectId);
        Assert.Equal([new ResourceTag("team", "orders")], created.Tags);
        Assert.Equal(["10.0.0.0/24"], created.Whitelist);
        Assert.True(created.EnableWhitelist);
        Assert.Equal("orders endpoint", created.Description);
        Assert.NotNull(created.MarkerId);
        Assert.False(string.IsNullOrEmpty(created.LastUpdatedAt));
    }

    [Fact]
    public async Task Get_shows_the_endpoint_accepted_with_an_ip_once_creation_is_over()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint());

        VpcEndpoint done = await WaitUntilCreatedAsync(created.Id);

        Assert.Equal(EndpointStatus.Accepted, done.Status);
        Assert.False(string.IsNullOrEmpty(done.Ip));
    }

    [Fact]
    public async Task An_endpoint_of_an_approval_service_waits_for_acceptance_until_its_owner_accepts()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint() with { EndpointServiceId = ApprovalServiceId });
        Assert.Equal(EndpointStatus.PendingAcceptance, (await WaitUntilCreatedAsync(created.Id)).Status);

        EndpointConnectionList answer = await Vpcep.ActOnConnectionAsync(Project, ApprovalServiceId, created.Id, accept: true);

        Assert.Equal(created.Id, Assert.Single(answer.Connections).Id);
        Assert.Equal(EndpointStatus.Accepted, (await Vpcep.GetEndpointAsync(Project, created.Id)).Status);
    }

    [Fact]
    public async Task List_filters_by_vpc_service_name_and_id()
    {
        VpcEndpoint a = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint());
        VpcEndpoint b = await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());

        EndpointList byName = await Vpcep.ListEndpointsAsync(Project, new EndpointQuery { EndpointServiceName = "ORDERS" });
        EndpointList byId = await Vpcep.ListEndpointsAsync(Project, new EndpointQuery { Id = b.Id });
        EndpointList byVpc = await Vpcep.ListEndpointsAsync(Project, vpcId: VpcId);
        EndpointList otherVpc = await Vpcep.ListEndpointsAsync(Project, vpcId: "1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0");

        Assert.Equal([a.Id], byName.Endpoints.Select(e => e.Id));
        Assert.Equal([b.Id], byId.Endpoints.Select(e => e.Id));
        Assert.Equal(2, byVpc.TotalCount);
        Assert.Empty(otherVpc.Endpoints);
    }

    [Fact]
    public async Task GetAllEndpoints_pages_through_every_endpoint()
    {
        HashSet<string> ids = [];
        for (int i = 0; i < 5; i++)
        {
            ids.Add((await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint())).Id);
        }

        List<VpcEndpoint> all = [];
        await foreach (VpcEndpoint endpoint in Vpcep.GetAllEndpointsAsync(Project, new EndpointQuery { Limit = 2 }))
        {
            all.Add(endpoint);
        }

        Assert.Equal(ids.Order(), all.Select(e => e.Id).Order());
        Assert.Equal(3, await Emulator.RequestCountAsync("ListEndpoints"));
    }

    [Fact]
    public async Task Delete_turns_the_endpoint_deleting_and_then_gone()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());
        await WaitUntilCreatedAsync(created.Id);

        await Vpcep.DeleteEndpointAsync(Project, created.Id);

        HuaweiCloudException gone = await WaitForNotFoundAsync(created.Id);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.StartsWith("EndPoint.", gone.ErrorCode, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(gone.RequestId));
    }

    [Fact]
    public async Task UpdateWhitelist_replaces_the_list_and_an_empty_list_clears_it()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint() with { Whitelist = ["10.0.0.1"] });
        await WaitUntilCreatedAsync(created.Id);

        VpcEndpoint replaced = await Vpcep.UpdateWhitelistAsync(Project, created.Id, ["192.168.1.0/24", "10.1.1.1"], enableWhitelist: true);
        VpcEndpoint cleared = await Vpcep.UpdateWhitelistAsync(Project, created.Id, []);

        Assert.Equal(["192.168.1.0/24", "10.1.1.1"], replaced.Whitelist);
        Assert.True(replaced.EnableWhitelist);
        Assert.Empty(cleared.Whitelist ?? ["not returned"]);
    }

    [Fact]
    public async Task UpdatePolicy_stores_the_policy_statement_of_a_gateway_endpoint()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());
        await WaitUntilCreatedAsync(created.Id);
        JsonElement statement = JsonDocument.Parse("""[{"Effect":"Allow","Action":["obs:object:GetObject"],"Resource":["obs:*:*:object:bucket/*"]}]""").RootElement;

        VpcEndpoint updated = await Vpcep.UpdatePolicyAsync(Project, created.Id, new UpdatePolicyRequest { PolicyStatement = statement });

        Assert.Equal("Allow", updated.PolicyStatement!.Value[0].GetProperty("Effect").GetString());
    }

    [Fact]
    public async Task UpdateRouteTables_replaces_the_route_tables_of_a_gateway_endpoint()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());
        await WaitUntilCreatedAsync(created.Id);

        VpcEndpoint updated = await Vpcep.UpdateRouteTablesAsync(Project, created.Id, ["aaaaaaaa-0000-4000-8000-000000000001"]);

        Assert.Equal(["aaaaaaaa-0000-4000-8000-000000000001"], updated.RouteTables);
    }

    [Fact]
    public async Task UpdateRouteTables_of_an_interface_endpoint_is_a_parameter_error()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint());
        await WaitUntilCreatedAsync(created.Id);

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.UpdateRouteTablesAsync(Project, created.Id, ["x"]));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.0002", error.ErrorCode);
    }

    [Fact]
    public async Task Tags_can_be_added_removed_found_and_counted()
    {
        VpcEndpoint first = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint(new ResourceTag("env", "prod")));
        VpcEndpoint second = await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());
        await WaitUntilCreatedAsync(first.Id);
        await WaitUntilCreatedAsync(second.Id);

        await Vpcep.AddTagsAsync(Project, second.Id, [new ResourceTag("env", "test"), new ResourceTag("owner", "me")]);
        TaggedResourceList prodOrTest = await Vpcep.FindEndpointsByTagsAsync(Project, [new TagFilter("env", ["prod", "test"])], limit: 10, offset: 0);
        int owned = await Vpcep.CountEndpointsByTagsAsync(Project, [new TagFilter("owner", [])]);
        await Vpcep.RemoveTagsAsync(Project, second.Id, [new ResourceTag("owner", null)]);
        int ownedAfter = await Vpcep.CountEndpointsByTagsAsync(Project, [new TagFilter("owner", [])]);

        Assert.Equal(new[] { first.Id, second.Id }.Order(), prodOrTest.Resources!.Select(r => r.ResourceId).Order());
        Assert.Equal(2, prodOrTest.TotalCount);
        Assert.Equal(1, owned);
        Assert.Equal(0, ownedAfter);
        Assert.Equal([new ResourceTag("env", "test")], (await Vpcep.GetEndpointAsync(Project, second.Id)).Tags);
    }

    [Fact]
    public async Task A_tag_key_with_a_forbidden_character_is_refused_by_the_service()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint(new ResourceTag("a=b", "x"))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.3068", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeService_finds_a_service_by_id_and_by_name()
    {
        EndpointServiceInfo byId = await Vpcep.DescribeServiceAsync(Project, InterfaceServiceId);
        EndpointServiceInfo byName = await Vpcep.DescribeServiceByNameAsync(Project, GatewayServiceName);

        Assert.Equal(InterfaceServiceName, byId.ServiceName);
        Assert.Equal(EndpointServiceType.Interface, byId.ServiceType);
        Assert.Equal(GatewayServiceId, byName.Id);
        Assert.Equal(EndpointServiceType.Gateway, byName.ServiceType);
        Assert.True(byName.EnablePolicy);
    }

    [Fact]
    public async Task DescribeService_of_an_unknown_service_is_EndPoint_2003()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.DescribeServiceAsync(Project, "00000000-0000-4000-8000-000000000000"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.2003", error.ErrorCode);
    }

    [Fact]
    public async Task ListPublicServices_shows_public_services_only_and_pages()
    {
        PublicEndpointServiceList all = await Vpcep.ListPublicServicesAsync(Project, limit: 100);
        PublicEndpointServiceList page = await Vpcep.ListPublicServicesAsync(Project, limit: 1, offset: 1);

        Assert.Contains(all.EndpointServices, s => s.Id == InterfaceServiceId);
        Assert.Contains(all.EndpointServices, s => s.Id == GatewayServiceId && s.Owner == "huaweicloud");
        Assert.DoesNotContain(all.EndpointServices, s => s.Id == ApprovalServiceId);
        Assert.Single(page.EndpointServices);
        Assert.Equal(all.TotalCount, page.TotalCount);
    }

    [Fact]
    public async Task GetQuotas_counts_the_endpoints_of_the_project()
    {
        await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());

        IReadOnlyList<QuotaResource> quotas = await Vpcep.GetQuotasAsync(Project);

        QuotaResource endpoints = Assert.Single(quotas, q => q.Type == "endpoint");
        Assert.Equal(1, endpoints.Used);
        Assert.True(endpoints.Quota > 1);
    }

    [Fact]
    public async Task Vpc_and_subnet_are_read_from_the_VPC_service()
    {
        Vpc vpc = await Vpc.GetVpcAsync(Project, VpcId);
        Subnet subnet = await Vpc.GetSubnetAsync(Project, SubnetId);

        Assert.Equal(VpcId, vpc.Id);
        Assert.Equal("192.168.0.0/16", vpc.Cidr);
        Assert.Equal(VpcId, subnet.VpcId);
        Assert.False(string.IsNullOrEmpty(subnet.GatewayIp));
    }

    [Fact]
    public async Task An_unknown_subnet_is_not_found()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpc.GetSubnetAsync(Project, "00000000-0000-4000-8000-000000000000"));

        Assert.True(error.IsNotFound);
        Assert.Equal("VPC.0202", error.ErrorCode);
    }

    private async Task<HuaweiCloudException> WaitForNotFoundAsync(string id)
    {
        for (int i = 0; i < 100; i++)
        {
            try
            {
                VpcEndpoint endpoint = await Vpcep.GetEndpointAsync(Project, id);
                Assert.Equal(EndpointStatus.Deleting, endpoint.Status);
            }
            catch (HuaweiCloudException ex) when (ex.IsNotFound)
            {
                return ex;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Endpoint {id} was never gone.");
    }
}
