using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

public sealed class EndpointOperationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly HttpClient client = fixture.Client;
    private readonly string project = Ids.NewProject();

    [Fact]
    public async Task Create_answers_200_creating_with_every_documented_field()
    {
        JsonObject request = Wire.InterfaceRequest();
        request["enable_dns"] = true;
        request["tags"] = new JsonArray(new JsonObject { ["key"] = "test1", ["value"] = "test1" });
        request["whitelist"] = new JsonArray("127.0.0.1", "10.0.0.0/8");
        request["enable_whitelist"] = true;
        request["description"] = "orders link";

        HttpResponseMessage response = await client.PostJsonAsync($"/v1/{this.project}/vpc-endpoints", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-Id").Single()));
        JsonNode e = await response.ReadJsonAsync();
        Assert.Equal("creating", (string?)e["status"]);
        Assert.True(Guid.TryParse((string?)e["id"], out _));
        Assert.Equal("interface", (string?)e["service_type"]);
        Assert.Equal(["active"], e["active_status"]!.AsArray().Select(x => (string?)x)); // an array, as the SDKs and the wire corpus show
        Assert.Equal("com.example.cn-north-4.orders", (string?)e["endpoint_service_name"]);
        Assert.InRange((long)e["marker_id"]!, 1, int.MaxValue); // 32-bit, as the SDKs type it
        Assert.Null(e["dns_names"]); // the create answer carries no dns_names (SDK create models since 2024)
        Assert.Equal(Ids.OpenService, (string?)e["endpoint_service_id"]);
        Assert.True((bool)e["enable_dns"]!);
        Assert.Equal(Ids.Subnet, (string?)e["subnet_id"]);
        Assert.Equal(Ids.Vpc, (string?)e["vpc_id"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)e["created_at"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)e["updated_at"]);
        Assert.Equal(this.project, (string?)e["project_id"]);
        Assert.Equal("test1", (string?)e["tags"]![0]!["key"]);
        Assert.Equal(["127.0.0.1", "10.0.0.0/8"], e["whitelist"]!.AsArray().Select(n => (string)n!));
        Assert.True((bool)e["enable_whitelist"]!);
        Assert.Equal("enable", (string?)e["enable_status"]);
        Assert.Equal("orders link", (string?)e["description"]);
        Assert.Null(e["ip"]);
        Assert.Null(e["error"]);
    }

    [Fact]
    public async Task Get_returns_the_created_endpoint_and_404_EndPoint_2006_for_unknown_ids()
    {
        JsonNode created = await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest());

        HttpResponseMessage found = await client.GetAsync($"/v1/{this.project}/vpc-endpoints/{created["id"]}");
        HttpResponseMessage missing = await client.GetAsync($"/v1/{this.project}/vpc-endpoints/{Guid.NewGuid()}");
        HttpResponseMessage otherProject = await client.GetAsync($"/v1/{Ids.NewProject()}/vpc-endpoints/{created["id"]}");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal((string?)created["id"], (string?)(await found.ReadJsonAsync())["id"]);
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
        await otherProject.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
    }

    [Fact]
    public async Task Accepted_endpoint_gets_an_address_inside_the_subnet_and_dns_names()
    {
        JsonObject request = Wire.InterfaceRequest();
        request["enable_dns"] = true;
        JsonNode created = await client.CreateEndpointAsync(this.project, request);

        JsonNode accepted = await client.WaitForStatusAsync(this.project, (string)created["id"]!, "accepted");

        Assert.StartsWith("192.168.0.", (string?)accepted["ip"]);
        Assert.NotEqual("192.168.0.1", (string?)accepted["ip"]);
        Assert.Single(accepted["dns_names"]!.AsArray());
    }

    [Fact]
    public async Task Port_ip_is_used_as_the_endpoint_address()
    {
        JsonObject request = Wire.InterfaceRequest();
        request["port_ip"] = "192.168.0.77";
        JsonNode created = await client.CreateEndpointAsync(this.project, request);

        JsonNode accepted = await client.WaitForStatusAsync(this.project, (string)created["id"]!, "accepted");

        Assert.Equal("192.168.0.77", (string?)accepted["ip"]);
        Assert.Null(accepted["dns_names"]);
    }

    [Fact]
    public async Task Gateway_endpoint_needs_no_subnet_and_gets_the_default_route_table()
    {
        var request = new JsonObject { ["vpc_id"] = Ids.Vpc, ["endpoint_service_id"] = Ids.GatewayService, ["enable_dns"] = true };

        JsonNode created = await client.CreateEndpointAsync(this.project, request);

        Assert.Equal("gateway", (string?)created["service_type"]);
        Assert.False((bool)created["enable_dns"]!);
        Assert.Single(created["routetables"]!.AsArray());
        Assert.Null(created["subnet_id"]);
    }

    [Fact]
    public async Task List_filters_pages_sorts_and_counts_before_paging()
    {
        string first = (string)(await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;
        string second = (string)(await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;
        var gateway = new JsonObject { ["vpc_id"] = Ids.Vpc, ["endpoint_service_id"] = Ids.GatewayService };
        string third = (string)(await client.CreateEndpointAsync(this.project, gateway))["id"]!;

        JsonNode all = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints")).ReadJsonAsync();
        JsonNode page = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?limit=1&offset=1&sort_key=created_at&sort_dir=asc")).ReadJsonAsync();
        JsonNode fuzzy = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?endpoint_service_name=ORDERS")).ReadJsonAsync();
        JsonNode byId = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?id={third}")).ReadJsonAsync();
        JsonNode byVpc = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?vpc_id={Ids.SecondVpc}")).ReadJsonAsync();
        JsonNode updateSorted = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?sort_key=update_at")).ReadJsonAsync();

        Assert.Equal(3, (int)all["total_count"]!);
        Assert.Equal([third, second, first], all["endpoints"]!.AsArray().Select(e => (string)e!["id"]!));
        Assert.Equal(3, (int)page["total_count"]!);
        Assert.Equal(second, (string?)page["endpoints"]![0]!["id"]);
        Assert.Single(page["endpoints"]!.AsArray());
        Assert.Equal(2, (int)fuzzy["total_count"]!);
        Assert.Equal(third, (string?)byId["endpoints"]![0]!["id"]);
        Assert.Equal(0, (int)byVpc["total_count"]!);
        Assert.Equal(3, (int)updateSorted["total_count"]!);
    }

    [Theory]
    [InlineData("limit=1001", "EndPoint.0006")]
    [InlineData("limit=-1", "EndPoint.0006")]
    [InlineData("limit=abc", "EndPoint.0006")]
    [InlineData("offset=-5", "EndPoint.0010")]
    [InlineData("sort_key=name", "EndPoint.0017")]
    [InlineData("sort_dir=up", "EndPoint.0018")]
    public async Task List_rejects_invalid_paging_and_sorting(string query, string code)
    {
        HttpResponseMessage response = await client.GetAsync($"/v1/{this.project}/vpc-endpoints?{query}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task List_limit_zero_returns_only_the_count()
    {
        await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest());

        JsonNode body = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?limit=0")).ReadJsonAsync();

        Assert.Empty(body["endpoints"]!.AsArray());
        Assert.Equal(1, (int)body["total_count"]!);
    }

    [Fact]
    public async Task Delete_answers_204_then_deleting_or_gone_then_404()
    {
        string id = (string)(await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;

        HttpResponseMessage deleted = await client.DeleteAsync($"/v1/{this.project}/vpc-endpoints/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        HttpResponseMessage gone = await client.WaitForGoneAsync(this.project, id);
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
        HttpResponseMessage again = await client.DeleteAsync($"/v1/{this.project}/vpc-endpoints/{id}");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
    }

    [Fact]
    public async Task Invalid_project_id_is_EndPoint_0014()
    {
        HttpResponseMessage response = await client.GetAsync("/v1/not-a-project/vpc-endpoints");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0014");
    }

    [Fact]
    public async Task Unsupported_method_is_a_huawei_404_like_an_unknown_api()
    {
        HttpResponseMessage response = await client.SendJsonAsync(HttpMethod.Patch, $"/v1/{this.project}/vpc-endpoints", "{}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.0005");
    }

    [Fact]
    public async Task Sorting_by_update_time_puts_the_last_modified_endpoint_first()
    {
        // The emulator runs on a clock the test moves: creation completes and updated_at differs by whole
        // seconds (its resolution on the wire) without waiting.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using EmulatorHost host = await EmulatorHost.StartAsync(o => o.CreationDelay = TimeSpan.FromSeconds(2), clock);
        using HttpClient client = host.CreateClient(clock: clock.GetUtcNow);
        string first = (string)(await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;
        clock.Advance(TimeSpan.FromSeconds(1));
        string second = (string)(await client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;
        clock.Advance(TimeSpan.FromSeconds(3));
        await client.PutJsonAsync($"/v1/{this.project}/vpc-endpoints/{first}", new JsonObject { ["whitelist"] = new JsonArray("10.0.0.1") });

        JsonNode byUpdate = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?sort_key=updated_at&sort_dir=desc")).ReadJsonAsync();
        JsonNode byCreate = await (await client.GetAsync($"/v1/{this.project}/vpc-endpoints?sort_key=create_at&sort_dir=desc")).ReadJsonAsync();

        Assert.Equal([first, second], byUpdate["endpoints"]!.AsArray().Select(e => (string)e!["id"]!));
        Assert.Equal([second, first], byCreate["endpoints"]!.AsArray().Select(e => (string)e!["id"]!));
        Assert.True(string.CompareOrdinal((string?)byUpdate["endpoints"]![0]!["updated_at"], (string?)byUpdate["endpoints"]![0]!["created_at"]) > 0);
    }

    [Fact]
    public async Task Unknown_route_is_a_huawei_404()
    {
        HttpResponseMessage response = await client.GetAsync($"/v1/{this.project}/no-such-thing");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.0005");
    }
}
