using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Emulator.Tests.Infrastructure;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.Emulator.Tests;

/// <summary>
/// The project's own client against the emulator: the two sides were written independently from the
/// same documentation, so agreement here checks both wire formats and the signature scheme.
/// </summary>
public sealed class ClientInteropTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly ServiceProvider services = BuildServices(fixture.Host.BaseAddress);
    private readonly ProjectScope scope = new(Ids.NewProject());

    private static ServiceProvider BuildServices(Uri baseUrl)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HuaweiCloud:AccessKey"] = EmulatorOptions.DefaultAccessKey,
            ["HuaweiCloud:SecretKey"] = EmulatorOptions.DefaultSecretKey,
            ["HuaweiCloud:BaseUrl"] = baseUrl.ToString(),
        }).Build();
        return new ServiceCollection().AddLogging().AddHuaweiCloud(configuration).BuildServiceProvider();
    }

    public void Dispose() => this.services.Dispose();

    [Fact]
    public async Task The_client_reads_the_seed_pages_legacy_shapes_when_the_emulator_answers_them()
    {
        await using EmulatorHost legacy = await EmulatorHost.StartAsync(o =>
        {
            o.LegacyWireShapes = true;
            o.TimeScale = 0.01;
            o.CreationDelay = TimeSpan.FromSeconds(2);
        });
        using ServiceProvider services = BuildServices(legacy.BaseAddress);
        VpcepClient vpcep = services.GetRequiredService<VpcepClient>();
        using HttpClient raw = legacy.CreateClient();

        VpcEndpoint created = await vpcep.CreateEndpointAsync(scope, new CreateEndpointRequest { EndpointServiceId = Ids.OpenService, VpcId = Ids.Vpc, SubnetId = Ids.Subnet });
        JsonNode wire = await (await raw.GetAsync($"/v1/{scope.ProjectId}/vpc-endpoints/{created.Id}")).ReadJsonAsync();
        VpcEndpoint accepted = await PollAsync(vpcep, created.Id, "accepted");
        EndpointList list = await vpcep.ListEndpointsAsync(scope, vpcId: Ids.Vpc);

        Assert.Equal("active", (string?)wire["active_status"]);
        Assert.NotNull(wire["update_at"]);
        Assert.Null(wire["updated_at"]);
        Assert.Equal(["active"], created.ActiveStatus);
        Assert.True(created.MarkerId > int.MaxValue);
        Assert.NotNull(accepted.LastUpdatedAt);
        Assert.Equal(["active"], Assert.Single(list.Endpoints).ActiveStatus);
    }

    [Fact]
    public async Task Client_creates_reads_lists_and_deletes_through_the_emulator()
    {
        VpcepClient vpcep = this.services.GetRequiredService<VpcepClient>();
        VpcClient vpc = this.services.GetRequiredService<VpcClient>();

        Vpc network = await vpc.GetVpcAsync(scope, Ids.Vpc);
        Subnet subnet = await vpc.GetSubnetAsync(scope, Ids.Subnet);
        EndpointServiceInfo service = await vpcep.DescribeServiceAsync(scope, Ids.OpenService);
        VpcEndpoint created = await vpcep.CreateEndpointAsync(scope, new CreateEndpointRequest
        {
            EndpointServiceId = Ids.OpenService,
            VpcId = Ids.Vpc,
            SubnetId = Ids.Subnet,
            EnableDns = true,
            Tags = [new ResourceTag("owner", "tests")],
        });
        VpcEndpoint accepted = await PollAsync(vpcep, created.Id, "accepted");
        EndpointList list = await vpcep.ListEndpointsAsync(scope, vpcId: Ids.Vpc);
        await vpcep.DeleteEndpointAsync(scope, created.Id);

        Assert.Equal("192.168.0.0/16", network.Cidr);
        Assert.Equal("192.168.0.1", subnet.GatewayIp);
        Assert.Equal("interface", service.ServiceType);
        Assert.Equal("creating", created.Status);
        Assert.InRange(created.MarkerId!.Value, 1, int.MaxValue);
        Assert.Equal(["active"], created.ActiveStatus);
        Assert.Null(created.DnsNames);
        Assert.NotNull(accepted.Ip);
        Assert.NotEmpty(accepted.DnsNames!);
        Assert.NotNull(accepted.LastUpdatedAt);
        Assert.Equal(created.Id, Assert.Single(list.Endpoints).Id);
        HuaweiCloudException gone = await PollGoneAsync(vpcep, created.Id);
        Assert.Equal("EndPoint.2006", gone.ErrorCode);
    }

    [Fact]
    public async Task Client_surfaces_emulator_errors_with_code_and_request_id()
    {
        VpcepClient vpcep = this.services.GetRequiredService<VpcepClient>();

        HuaweiCloudException error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            vpcep.CreateEndpointAsync(scope, new CreateEndpointRequest { EndpointServiceId = Ids.OpenService, VpcId = Ids.Vpc }));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.2010", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task Client_retries_injected_failures_and_the_emulator_counts_every_attempt()
    {
        VpcClient vpc = this.services.GetRequiredService<VpcClient>();
        (await fixture.Host.Admin.SendJsonAsync(HttpMethod.Put, "/_emulator/faults", """{"operations":{"GetSubnet":{"fail_next":2}}}""")).EnsureSuccessStatusCode();
        long before = await CountAsync("GetSubnet");

        Subnet subnet = await vpc.GetSubnetAsync(scope, Ids.SecondSubnet);

        Assert.Equal(Ids.SecondSubnet, subnet.Id);
        Assert.Equal(3, await CountAsync("GetSubnet") - before);
        (await fixture.Host.Admin.DeleteAsync("/_emulator/faults")).EnsureSuccessStatusCode();
    }

    private async Task<long> CountAsync(string operation)
    {
        JsonNode counts = await (await fixture.Host.Admin.GetAsync("/_emulator/requests")).ReadJsonAsync();
        return (long?)counts[operation] ?? 0;
    }

    private async Task<VpcEndpoint> PollAsync(VpcepClient client, string id, string status)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            VpcEndpoint endpoint = await client.GetEndpointAsync(scope, id);
            if (endpoint.Status == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, endpoint.Status);
                return endpoint;
            }

            await Task.Delay(20);
        }
    }

    private async Task<HuaweiCloudException> PollGoneAsync(VpcepClient client, string id)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await client.GetEndpointAsync(scope, id);
            }
            catch (HuaweiCloudException e) when (e.IsNotFound)
            {
                return e;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"endpoint {id} was never gone");
    }
}
