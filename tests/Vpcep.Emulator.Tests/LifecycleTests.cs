using System.Net;
using System.Text.Json.Nodes;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

/// <summary>An emulator with delays long enough to observe <c>creating</c> and <c>deleting</c> reliably.</summary>
public sealed class SlowLifecycleFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(o =>
        {
            o.CreationDelay = TimeSpan.FromMilliseconds(400);
            o.DeletionDelay = TimeSpan.FromMilliseconds(400);
        });
        Client = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class LifecycleTests(SlowLifecycleFixture fixture) : IClassFixture<SlowLifecycleFixture>
{
    private readonly HttpClient client = fixture.Client;
    private readonly string project = Ids.NewProject();

    private string ActionPath(string service) => $"/v1/{project}/vpc-endpoint-services/{service}/connections/action";

    [Fact]
    public async Task Open_service_goes_creating_then_accepted_with_an_ip()
    {
        JsonNode created = await client.CreateEndpointAsync(project, Wire.InterfaceRequest());
        string id = (string)created["id"]!;
        JsonNode early = await (await client.GetAsync($"/v1/{project}/vpc-endpoints/{id}")).ReadJsonAsync();

        JsonNode accepted = await client.WaitForStatusAsync(project, id, "accepted");

        Assert.Equal("creating", (string?)early["status"]);
        Assert.Null(early["ip"]);
        Assert.NotNull(accepted["ip"]);
    }

    [Fact]
    public async Task Approval_service_waits_in_pendingAcceptance_until_the_owner_receives()
    {
        string id = (string)(await client.CreateEndpointAsync(project, Wire.InterfaceRequest(Ids.ApprovalService)))["id"]!;
        await client.WaitForStatusAsync(project, id, "pendingAcceptance");

        HttpResponseMessage action = await client.PostJsonAsync(ActionPath(Ids.ApprovalService), new JsonObject { ["action"] = "receive", ["endpoints"] = new JsonArray(id) });

        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        Assert.Equal("accepted", (string?)(await action.ReadJsonAsync())["connections"]![0]!["status"]);
        JsonNode accepted = await client.WaitForStatusAsync(project, id, "accepted");
        Assert.NotNull(accepted["ip"]);
    }

    [Fact]
    public async Task Approval_service_owner_can_reject()
    {
        string id = (string)(await client.CreateEndpointAsync(project, Wire.InterfaceRequest(Ids.ApprovalService)))["id"]!;
        await client.WaitForStatusAsync(project, id, "pendingAcceptance");

        HttpResponseMessage action = await client.PostJsonAsync(ActionPath(Ids.ApprovalService), new JsonObject { ["action"] = "reject", ["endpoints"] = new JsonArray(id) });

        Assert.Equal(HttpStatusCode.OK, action.StatusCode);
        JsonNode rejected = await client.WaitForStatusAsync(project, id, "rejected");
        Assert.Null(rejected["ip"]);
    }

    [Fact]
    public async Task Connection_action_rules()
    {
        string id = (string)(await client.CreateEndpointAsync(project, Wire.InterfaceRequest(Ids.ApprovalService)))["id"]!;

        HttpResponseMessage whileCreating = await client.PostJsonAsync(ActionPath(Ids.ApprovalService), new JsonObject { ["action"] = "receive", ["endpoints"] = new JsonArray(id) });
        HttpResponseMessage two = await client.PostJsonAsync(ActionPath(Ids.ApprovalService), new JsonObject { ["action"] = "receive", ["endpoints"] = new JsonArray(id, Guid.NewGuid().ToString()) });
        HttpResponseMessage badAction = await client.PostJsonAsync(ActionPath(Ids.ApprovalService), new JsonObject { ["action"] = "approve", ["endpoints"] = new JsonArray(id) });
        HttpResponseMessage wrongService = await client.PostJsonAsync(ActionPath(Ids.OpenService), new JsonObject { ["action"] = "receive", ["endpoints"] = new JsonArray(id) });

        await whileCreating.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2019");
        await two.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2031");
        await badAction.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
        await wrongService.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
    }

    [Fact]
    public async Task Failing_service_ends_failed_with_error_details()
    {
        string id = (string)(await client.CreateEndpointAsync(project, Wire.InterfaceRequest(Ids.FailingService)))["id"]!;

        JsonNode failed = await client.WaitForStatusAsync(project, id, "failed");

        JsonNode error = failed["error"]![0]!;
        Assert.False(string.IsNullOrEmpty((string?)error["error_code"]));
        Assert.False(string.IsNullOrEmpty((string?)error["error_message"]));
        Assert.Null(failed["ip"]);
    }

    [Fact]
    public async Task Delete_shows_deleting_then_404_and_a_second_delete_while_deleting_is_EndPoint_2018()
    {
        string id = (string)(await client.CreateEndpointAsync(project, Wire.InterfaceRequest()))["id"]!;
        await client.WaitForStatusAsync(project, id, "accepted");

        HttpResponseMessage deleted = await client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");
        JsonNode deleting = await (await client.GetAsync($"/v1/{project}/vpc-endpoints/{id}")).ReadJsonAsync();
        HttpResponseMessage again = await client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("deleting", (string?)deleting["status"]);
        await again.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2018");
        await (await client.WaitForGoneAsync(project, id)).AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
    }

    [Fact]
    public async Task A_deleted_endpoint_gives_its_quota_back_once_it_is_gone()
    {
        var quota = new JsonObject { ["quotas"] = new JsonObject { [project] = 1 } };
        (await fixture.Host.Admin.PostJsonAsync("/_emulator/fixtures", quota)).EnsureSuccessStatusCode();
        string id = (string)(await client.CreateEndpointAsync(project, Wire.InterfaceRequest()))["id"]!;
        HttpResponseMessage full = await client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest());

        HttpResponseMessage deleted = await client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");
        await client.WaitForGoneAsync(project, id);
        JsonNode quotas = await (await client.GetAsync($"/v1/{project}/quotas?type=endpoint")).ReadJsonAsync();
        HttpResponseMessage again = await client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest());

        await full.AssertErrorAsync(HttpStatusCode.BadRequest, "Endpoint.1018");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        JsonNode endpoint = quotas["quotas"]!["resources"]!.AsArray().Single(r => (string?)r!["type"] == "endpoint")!;
        Assert.Equal((0, 1), ((int)endpoint["used"]!, (int)endpoint["quota"]!));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Deleted_endpoint_frees_its_port_ip()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["port_ip"] = "192.168.0.99";
        string id = (string)(await client.CreateEndpointAsync(project, body))["id"]!;
        await client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");
        await client.WaitForGoneAsync(project, id);

        JsonObject again = Wire.InterfaceRequest();
        again["port_ip"] = "192.168.0.99";
        JsonNode created = await client.CreateEndpointAsync(project, again);

        Assert.Equal("creating", (string?)created["status"]);
    }

    [Fact]
    public async Task Service_fixture_can_override_the_creation_delay()
    {
        string service = Guid.NewGuid().ToString();
        var seed = new JsonObject
        {
            ["services"] = new JsonArray(new JsonObject { ["id"] = service, ["service_name"] = "com.example.instant", ["creation_delay_ms"] = 0 }),
        };
        (await fixture.Host.Admin.PostJsonAsync("/_emulator/fixtures", seed)).EnsureSuccessStatusCode();

        JsonNode created = await client.CreateEndpointAsync(project, Wire.InterfaceRequest(service));

        Assert.Equal("accepted", (string?)created["status"]);
    }
}
