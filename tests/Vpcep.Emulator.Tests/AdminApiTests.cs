using System.Net;
using System.Text.Json.Nodes;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

// Reset wipes the whole emulator, so these tests get an emulator of their own per test class.
public sealed class AdminApiTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly HttpClient admin = fixture.Host.Admin;
    private readonly HttpClient client = fixture.Client;
    private readonly string project = Ids.NewProject();

    [Fact]
    public async Task Health_answers_200_with_a_request_id()
    {
        HttpResponseMessage response = await admin.GetAsync("/_emulator/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)(await response.ReadJsonAsync())["status"]);
        Assert.Single(response.Headers.GetValues("X-Request-Id"));
    }

    [Fact]
    public async Task Endpoints_lists_every_project_with_its_project_id()
    {
        string other = Ids.NewProject();
        string mine = (string)(await this.client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;
        string theirs = (string)(await this.client.CreateEndpointAsync(other, Wire.InterfaceRequest()))["id"]!;

        JsonNode all = await (await admin.GetAsync("/_emulator/endpoints")).ReadJsonAsync();

        JsonArray endpoints = all["endpoints"]!.AsArray();
        Assert.Contains(endpoints, e => (string?)e!["id"] == mine && (string?)e["project_id"] == this.project);
        Assert.Contains(endpoints, e => (string?)e!["id"] == theirs && (string?)e["project_id"] == other);
    }

    [Fact]
    public async Task The_timeline_gives_each_endpoints_creation_and_ready_times_at_full_precision()
    {
        string id = (string)(await this.client.CreateEndpointAsync(this.project, Wire.InterfaceRequest()))["id"]!;

        JsonNode timeline = await (await admin.GetAsync("/_emulator/endpoints/timeline")).ReadJsonAsync();

        JsonNode mine = timeline["endpoints"]!.AsArray().Single(e => (string?)e!["id"] == id)!;
        Assert.Equal(this.project, (string?)mine["project_id"]);
        DateTimeOffset created = DateTimeOffset.Parse((string)mine["created_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset ready = DateTimeOffset.Parse((string)mine["ready_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ready >= created);
        Assert.Contains(".", (string)mine["created_at"]!, StringComparison.Ordinal); // sub-second digits, not the API's whole seconds
    }

    [Fact]
    public async Task Requests_counts_calls_per_operation_including_rejected_ones()
    {
        JsonNode before = await (await admin.GetAsync("/_emulator/requests")).ReadJsonAsync();
        await this.client.GetAsync($"/v1/{this.project}/vpcs/{Ids.Vpc}");
        await this.client.GetAsync($"/v1/{this.project}/vpcs/{Ids.Vpc}");
        await admin.GetAsync($"/v1/{this.project}/vpcs/{Ids.Vpc}");

        JsonNode after = await (await admin.GetAsync("/_emulator/requests")).ReadJsonAsync();

        long Count(JsonNode counts) => (long?)counts["GetVpc"] ?? 0;
        Assert.Equal(3, Count(after) - Count(before));
    }

    [Fact]
    public async Task Time_scale_can_be_read_and_changed_and_rejects_negatives()
    {
        HttpResponseMessage set = await admin.PutJsonAsync("/_emulator/time-scale", new JsonObject { ["time_scale"] = 0.5 });
        JsonNode read = await (await admin.GetAsync("/_emulator/time-scale")).ReadJsonAsync();
        HttpResponseMessage bad = await admin.PutJsonAsync("/_emulator/time-scale", new JsonObject { ["time_scale"] = -1 });
        await admin.PutJsonAsync("/_emulator/time-scale", new JsonObject { ["time_scale"] = 0.01 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(0.5, (double)read["time_scale"]!);
        await bad.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Time_scale_zero_makes_new_endpoints_connect_at_once()
    {
        await admin.PutJsonAsync("/_emulator/time-scale", new JsonObject { ["time_scale"] = 0 });
        try
        {
            JsonNode created = await this.client.CreateEndpointAsync(this.project, Wire.InterfaceRequest());

            Assert.Equal("accepted", (string?)created["status"]);
        }
        finally
        {
            await admin.PutJsonAsync("/_emulator/time-scale", new JsonObject { ["time_scale"] = 0.01 });
        }
    }

    [Fact]
    public async Task Seeded_fixtures_are_usable_at_once()
    {
        string vpc = Guid.NewGuid().ToString();
        string subnet = Guid.NewGuid().ToString();
        string service = Guid.NewGuid().ToString();
        var seed = new JsonObject
        {
            ["services"] = new JsonArray(new JsonObject { ["id"] = service, ["service_name"] = "com.example.seeded", ["approval_enabled"] = true }),
            ["vpcs"] = new JsonArray(new JsonObject { ["id"] = vpc, ["name"] = "seeded", ["cidr"] = "172.16.0.0/16" }),
            ["subnets"] = new JsonArray(new JsonObject { ["id"] = subnet, ["vpc_id"] = vpc, ["cidr"] = "172.16.5.0/24", ["gateway_ip"] = "172.16.5.1" }),
        };

        HttpResponseMessage seeded = await admin.PostJsonAsync("/_emulator/fixtures", seed);
        JsonNode created = await this.client.CreateEndpointAsync(this.project, new JsonObject { ["vpc_id"] = vpc, ["subnet_id"] = subnet, ["endpoint_service_id"] = service });
        JsonNode pending = await this.client.WaitForStatusAsync(this.project, (string)created["id"]!, "pendingAcceptance");

        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        Assert.Equal("com.example.seeded", (string?)pending["endpoint_service_name"]);
    }

    [Fact]
    public async Task Callback_sink_records_bodies_and_headers_oldest_first()
    {
        string name = "sink-" + Guid.NewGuid().ToString("N");
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/_emulator/callbacks/{name}")
        {
            Content = new StringContent("""{"event":"created","n":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        first.Headers.Add("X-Correlation-Id", "corr-1");

        HttpResponseMessage posted = await admin.SendAsync(first);
        await admin.PostJsonAsync($"/_emulator/callbacks/{name}", new JsonObject { ["event"] = "accepted", ["n"] = 2 });
        JsonNode list = await (await admin.GetAsync($"/_emulator/callbacks/{name}")).ReadJsonAsync();
        JsonNode all = await (await admin.GetAsync("/_emulator/callbacks")).ReadJsonAsync();
        JsonNode empty = await (await admin.GetAsync($"/_emulator/callbacks/nobody-{name}")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        JsonArray callbacks = list["callbacks"]!.AsArray();
        Assert.Equal(2, callbacks.Count);
        Assert.Equal("created", (string?)callbacks[0]!["body"]!["event"]);
        Assert.Equal("accepted", (string?)callbacks[1]!["body"]!["event"]);
        Assert.Equal("corr-1", (string?)callbacks[0]!["headers"]!["X-Correlation-Id"]);
        Assert.Equal(2, all["sinks"]![name]!.AsArray().Count);
        Assert.Empty(empty["callbacks"]!.AsArray());
    }

    [Fact]
    public async Task Callback_sink_keeps_non_json_bodies_as_raw_text()
    {
        string name = "raw-" + Guid.NewGuid().ToString("N");

        await admin.PostAsync($"/_emulator/callbacks/{name}", new StringContent("plain text"));
        JsonNode list = await (await admin.GetAsync($"/_emulator/callbacks/{name}")).ReadJsonAsync();

        Assert.Equal("plain text", (string?)list["callbacks"]![0]!["raw_body"]);
        Assert.Null(list["callbacks"]![0]!["body"]);
    }
}

public sealed class AdminResetTests
{
    [Fact]
    public async Task Reset_clears_endpoints_counters_faults_callbacks_and_seeded_fixtures()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(o => o.TimeScale = 0.01);
        using HttpClient client = host.CreateClient();
        string project = Ids.NewProject();
        string seededVpc = Guid.NewGuid().ToString();
        await client.CreateEndpointAsync(project, Wire.InterfaceRequest());
        await host.Admin.PostJsonAsync("/_emulator/callbacks/demo", new JsonObject { ["x"] = 1 });
        await host.Admin.SendJsonAsync(HttpMethod.Put, "/_emulator/faults", """{"operations":{"GetSubnet":{"fail_next":5}}}""");
        await host.Admin.PostJsonAsync("/_emulator/fixtures", new JsonObject { ["vpcs"] = new JsonArray(new JsonObject { ["id"] = seededVpc, ["cidr"] = "10.9.0.0/16" }) });

        HttpResponseMessage reset = await host.Admin.PostAsync("/_emulator/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty((await (await host.Admin.GetAsync("/_emulator/endpoints")).ReadJsonAsync())["endpoints"]!.AsArray());
        Assert.Empty((await (await host.Admin.GetAsync("/_emulator/requests")).ReadJsonAsync()).AsObject());
        Assert.Empty((await (await host.Admin.GetAsync("/_emulator/callbacks")).ReadJsonAsync())["sinks"]!.AsObject());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/{project}/subnets/{Ids.Subnet}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/{project}/vpcs/{seededVpc}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}")).StatusCode);
    }

    [Fact]
    public void Missing_configured_fixtures_file_fails_the_start()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");

        Assert.Throws<FileNotFoundException>(() => EmulatorApp.Build(["--urls", "http://127.0.0.1:0"], o => o.FixturesPath = path));
    }

    [Fact]
    public async Task Fixtures_file_path_is_configurable()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, """{"vpcs":[{"id":"only-vpc","cidr":"10.0.0.0/8"}]}""");
        try
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync(o => o.FixturesPath = path);
            using HttpClient client = host.CreateClient();
            string project = Ids.NewProject();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/{project}/vpcs/only-vpc")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}")).StatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
