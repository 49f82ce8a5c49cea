using System.Net;
using System.Text.Json.Nodes;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

public sealed class MoreOperationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly HttpClient client = fixture.Client;
    private readonly string project = Ids.NewProject();

    private async Task<string> CreateAsync(JsonObject? body = null) =>
        (string)(await client.CreateEndpointAsync(project, body ?? Wire.InterfaceRequest()))["id"]!;

    private static JsonObject Tags(string action, params (string Key, string Value)[] tags) => new()
    {
        ["action"] = action,
        ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]),
    };

    [Fact]
    public async Task Whitelist_update_replaces_and_an_empty_list_clears()
    {
        string id = await CreateAsync();

        HttpResponseMessage set = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{id}", new JsonObject { ["whitelist"] = new JsonArray("10.1.0.0/16"), ["enable_whitelist"] = true });
        HttpResponseMessage cleared = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{id}", new JsonObject { ["whitelist"] = new JsonArray(), ["enable_whitelist"] = false });
        HttpResponseMessage invalid = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{id}", new JsonObject { ["whitelist"] = new JsonArray("nope") });
        HttpResponseMessage missing = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{Guid.NewGuid()}", new JsonObject { ["whitelist"] = new JsonArray() });

        JsonNode afterSet = await set.ReadJsonAsync();
        Assert.Equal("10.1.0.0/16", (string?)afterSet["whitelist"]![0]);
        Assert.True((bool)afterSet["enable_whitelist"]!);
        JsonNode afterClear = await cleared.ReadJsonAsync();
        Assert.Empty(afterClear["whitelist"]!.AsArray());
        Assert.False((bool)afterClear["enable_whitelist"]!);
        await invalid.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2044");
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
    }

    [Fact]
    public async Task Policy_update_is_stored_and_returned()
    {
        string id = await CreateAsync(new JsonObject { ["vpc_id"] = Ids.Vpc, ["endpoint_service_id"] = Ids.GatewayService });
        var policy = new JsonObject
        {
            ["policy_statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = new JsonArray("obs:*:*"), ["Resource"] = new JsonArray("obs:*:*:*:*/*") }),
        };

        HttpResponseMessage response = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{id}/policy", policy);
        HttpResponseMessage empty = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{id}/policy", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Allow", (string?)(await response.ReadJsonAsync())["policy_statement"]![0]!["Effect"]);
        await empty.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Route_tables_update_works_on_gateway_endpoints_only()
    {
        string gateway = await CreateAsync(new JsonObject { ["vpc_id"] = Ids.Vpc, ["endpoint_service_id"] = Ids.GatewayService });
        string iface = await CreateAsync();
        var body = new JsonObject { ["routetables"] = new JsonArray("rtb-1", "rtb-2") };

        HttpResponseMessage ok = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{gateway}/routetables", body);
        HttpResponseMessage rejected = await client.PutJsonAsync($"/v1/{project}/vpc-endpoints/{iface}/routetables", body);

        Assert.Equal(["rtb-1", "rtb-2"], (await ok.ReadJsonAsync())["routetables"]!.AsArray().Select(n => (string)n!));
        await rejected.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Quotas_report_used_and_quota()
    {
        await CreateAsync();
        await CreateAsync();

        JsonNode quotas = await (await client.GetAsync($"/v1/{project}/quotas?type=endpoint")).ReadJsonAsync();

        JsonNode resource = quotas["quotas"]!["resources"]![0]!;
        Assert.Equal("endpoint", (string?)resource["type"]);
        Assert.Equal(2, (int)resource["used"]!);
        Assert.Equal(500, (int)resource["quota"]!);
    }

    [Fact]
    public async Task Tag_action_creates_overwrites_and_deletes()
    {
        string id = await CreateAsync();
        string path = $"/v1/{project}/endpoint/{id}/tags/action";

        HttpResponseMessage created = await client.PostJsonAsync(path, Tags("create", ("env", "dev"), ("team", "net")));
        HttpResponseMessage overwritten = await client.PostJsonAsync(path, Tags("create", ("env", "prod")));
        HttpResponseMessage deleted = await client.PostJsonAsync(path, Tags("delete", ("team", "net")));
        JsonNode endpoint = await (await client.GetAsync($"/v1/{project}/vpc-endpoints/{id}")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, overwritten.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        JsonNode tag = Assert.Single(endpoint["tags"]!.AsArray())!;
        Assert.Equal("env", (string?)tag["key"]);
        Assert.Equal("prod", (string?)tag["value"]);
    }

    [Fact]
    public async Task Tag_action_enforces_tag_rules_and_action_names()
    {
        string id = await CreateAsync();
        string path = $"/v1/{project}/endpoint/{id}/tags/action";
        await client.PostJsonAsync(path, Tags("create", [.. Enumerable.Range(0, 10).Select(i => ($"k{i}", "v"))]));

        HttpResponseMessage tooMany = await client.PostJsonAsync(path, Tags("create", ("k10", "v")));
        HttpResponseMessage badAction = await client.PostJsonAsync(path, Tags("update", ("k1", "v")));
        HttpResponseMessage unknown = await client.PostJsonAsync($"/v1/{project}/endpoint/{Guid.NewGuid()}/tags/action", Tags("create", ("a", "b")));

        await tooMany.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.3069");
        await badAction.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "EndPoint.2006");
    }

    [Fact]
    public async Task Find_by_tags_filters_counts_and_pages_with_string_limits()
    {
        JsonObject dev = Wire.InterfaceRequest();
        dev["tags"] = new JsonArray(new JsonObject { ["key"] = "env", ["value"] = "dev" });
        JsonObject prod = Wire.InterfaceRequest();
        prod["tags"] = new JsonArray(new JsonObject { ["key"] = "env", ["value"] = "prod" });
        string devId = await CreateAsync(dev);
        await CreateAsync(prod);
        await CreateAsync();
        string path = $"/v1/{project}/endpoint/resource_instances/action";
        JsonObject Filter(string action, params string[] values) => new()
        {
            ["action"] = action,
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "env", ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) }),
        };

        JsonNode devOnly = await (await client.PostJsonAsync(path, Filter("filter", "dev"))).ReadJsonAsync();
        JsonNode anyEnv = await (await client.PostJsonAsync(path, Filter("count"))).ReadJsonAsync();
        JsonObject paged = Filter("filter");
        paged["limit"] = "1";
        paged["offset"] = "1";
        JsonNode page = await (await client.PostJsonAsync(path, paged)).ReadJsonAsync();
        JsonObject badLimit = Filter("filter");
        badLimit["limit"] = "many";
        HttpResponseMessage bad = await client.PostJsonAsync(path, badLimit);
        JsonObject numericLimit = Filter("filter");
        numericLimit["limit"] = 5;
        HttpResponseMessage numeric = await client.PostJsonAsync(path, numericLimit);

        Assert.Equal(1, (int)devOnly["total_count"]!);
        Assert.Equal(devId, (string?)devOnly["resources"]![0]!["resource_id"]);
        Assert.Equal(2, (int)anyEnv["total_count"]!);
        Assert.Null(anyEnv["resources"]);
        Assert.Single(page["resources"]!.AsArray());
        Assert.Equal(2, (int)page["total_count"]!);
        await bad.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0006");
        await numeric.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Describe_service_by_id_or_name_exactly_one()
    {
        string basePath = $"/v1/{project}/vpc-endpoint-services/describe";

        JsonNode byId = await (await client.GetAsync($"{basePath}?id={Ids.ApprovalService}")).ReadJsonAsync();
        JsonNode byName = await (await client.GetAsync($"{basePath}?endpoint_service_name=COM.EXAMPLE.CN-NORTH-4.ORDERS")).ReadJsonAsync();
        HttpResponseMessage both = await client.GetAsync($"{basePath}?id={Ids.OpenService}&endpoint_service_name=x");
        HttpResponseMessage neither = await client.GetAsync(basePath);
        HttpResponseMessage unknown = await client.GetAsync($"{basePath}?id={Guid.NewGuid()}");

        Assert.Equal(Ids.ApprovalService, (string?)byId["id"]);
        Assert.Equal("interface", (string?)byId["service_type"]);
        Assert.NotNull(byId["created_at"]);
        Assert.NotNull(byId["is_charge"]);
        Assert.NotNull(byId["enable_policy"]);
        Assert.Equal(Ids.OpenService, (string?)byName["id"]);
        await both.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
        await neither.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
        await unknown.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2003");
    }

    [Fact]
    public async Task Public_services_lists_only_public_services()
    {
        JsonNode list = await (await client.GetAsync($"/v1/{project}/vpc-endpoint-services/public?limit=100")).ReadJsonAsync();

        string[] ids = [.. list["endpoint_services"]!.AsArray().Select(s => (string)s!["id"]!)];
        Assert.Contains(Ids.OpenService, ids);
        Assert.Contains(Ids.GatewayService, ids);
        Assert.DoesNotContain(Ids.ApprovalService, ids);
        Assert.Equal(ids.Length, (int)list["total_count"]!);
        Assert.NotNull(list["endpoint_services"]![0]!["owner"]);
    }

    [Fact]
    public async Task Vpc_and_subnet_reads_answer_the_vpc_service_shapes()
    {
        JsonNode vpc = await (await client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}")).ReadJsonAsync();
        JsonNode subnet = await (await client.GetAsync($"/v1/{project}/subnets/{Ids.SecondSubnet}")).ReadJsonAsync();
        HttpResponseMessage noVpc = await client.GetAsync($"/v1/{project}/vpcs/{Guid.NewGuid()}");
        HttpResponseMessage noSubnet = await client.GetAsync($"/v1/{project}/subnets/{Guid.NewGuid()}");

        Assert.Equal("192.168.0.0/16", (string?)vpc["vpc"]!["cidr"]);
        Assert.NotNull(vpc["vpc"]!["name"]);
        Assert.NotNull(vpc["vpc"]!["status"]);
        Assert.Equal(Ids.SecondVpc, (string?)subnet["subnet"]!["vpc_id"]);
        Assert.Equal("10.0.1.0/24", (string?)subnet["subnet"]!["cidr"]);
        Assert.Equal("10.0.1.1", (string?)subnet["subnet"]!["gateway_ip"]);
        Assert.NotNull(subnet["subnet"]!["status"]);
        await noVpc.AssertVpcServiceErrorAsync(HttpStatusCode.NotFound, "VPC.0003");
        await noSubnet.AssertVpcServiceErrorAsync(HttpStatusCode.NotFound, "VPC.0202");
    }

    [Fact]
    public async Task Smn_publish_answers_a_message_id_and_is_recorded()
    {
        string topic = $"urn:smn:cn-north-4:{project}:vpcep-events";

        HttpResponseMessage response = await client.PostJsonAsync($"/v2/{project}/notifications/topics/{topic}/publish", new JsonObject { ["subject"] = "Endpoint ready", ["message"] = "accepted" });
        HttpResponseMessage empty = await client.PostJsonAsync($"/v2/{project}/notifications/topics/{topic}/publish", new JsonObject { ["subject"] = "x" });
        JsonNode messages = await (await fixture.Host.Admin.GetAsync("/_emulator/smn/messages")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = await response.ReadJsonAsync();
        string messageId = (string)body["message_id"]!;
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)body["request_id"]);
        JsonNode recorded = Assert.Single(messages["messages"]!.AsArray(), m => (string?)m!["message_id"] == messageId)!;
        Assert.Equal(topic, (string?)recorded["topic_urn"]);
        Assert.Equal("Endpoint ready", (string?)recorded["subject"]);
        Assert.Equal("accepted", (string?)recorded["message"]);
        await empty.AssertSmnErrorAsync(HttpStatusCode.Forbidden, "SMN.0009");
    }

    [Fact]
    public async Task Smn_publish_to_a_topic_that_does_not_exist_or_a_malformed_urn_is_refused_with_smn_codes()
    {
        var body = new JsonObject { ["subject"] = "s", ["message"] = "m" };

        HttpResponseMessage unknown = await client.PostJsonAsync($"/v2/{project}/notifications/topics/urn:smn:cn-north-4:{project}:no-such-topic/publish", body);
        HttpResponseMessage otherProject = await client.PostJsonAsync($"/v2/{project}/notifications/topics/urn:smn:cn-north-4:{Ids.NewProject()}:vpcep-events/publish", body);
        HttpResponseMessage malformed = await client.PostJsonAsync($"/v2/{project}/notifications/topics/vpcep-events/publish", body);
        HttpResponseMessage badName = await client.PostJsonAsync($"/v2/{project}/notifications/topics/urn:smn:cn-north-4:{project}:topic%20one/publish", body);

        await unknown.AssertSmnErrorAsync(HttpStatusCode.NotFound, "SMN.0006");
        await otherProject.AssertSmnErrorAsync(HttpStatusCode.NotFound, "SMN.0006");
        await malformed.AssertSmnErrorAsync(HttpStatusCode.BadRequest, "SMN.0005");
        await badName.AssertSmnErrorAsync(HttpStatusCode.BadRequest, "SMN.0005");
    }

    [Fact]
    public async Task Smn_publish_holds_the_subject_to_512_bytes_and_the_message_to_256_KiB()
    {
        string topic = $"/v2/{project}/notifications/topics/urn:smn:cn-north-4:{project}:vpcep-events/publish";

        HttpResponseMessage atLimits = await client.PostJsonAsync(topic, new JsonObject { ["subject"] = new string('s', 512), ["message"] = new string('m', 256 * 1024) });
        HttpResponseMessage longSubject = await client.PostJsonAsync(topic, new JsonObject { ["subject"] = new string('\u00e9', 257), ["message"] = "m" });
        HttpResponseMessage longMessage = await client.PostJsonAsync(topic, new JsonObject { ["subject"] = "s", ["message"] = new string('m', (256 * 1024) + 1) });

        Assert.Equal(HttpStatusCode.OK, atLimits.StatusCode);
        await longSubject.AssertSmnErrorAsync(HttpStatusCode.Forbidden, "SMN.0008");
        await longMessage.AssertSmnErrorAsync(HttpStatusCode.Forbidden, "SMN.0009");
    }

    [Fact]
    public async Task Smn_publish_takes_the_structure_default_before_the_message_and_knows_no_templates()
    {
        string topic = $"urn:smn:cn-north-4:{project}:vpcep-outcomes";
        string path = $"/v2/{project}/notifications/topics/{topic}/publish";

        HttpResponseMessage structured = await client.PostJsonAsync(path, new JsonObject
        {
            ["message_structure"] = """{"default":"for everyone","email":"for e-mail"}""",
            ["message"] = "ignored",
            ["time_to_live"] = "600",
        });
        HttpResponseMessage noDefault = await client.PostJsonAsync(path, new JsonObject { ["message_structure"] = """{"email":"x"}""" });
        HttpResponseMessage template = await client.PostJsonAsync(path, new JsonObject { ["message_template_name"] = "confirm_message", ["message"] = "m" });
        JsonNode messages = await (await fixture.Host.Admin.GetAsync("/_emulator/smn/messages")).ReadJsonAsync();

        string messageId = (string)(await structured.ReadJsonAsync())["message_id"]!;
        JsonNode recorded = Assert.Single(messages["messages"]!.AsArray(), m => (string?)m!["message_id"] == messageId)!;
        Assert.Equal("for everyone", (string?)recorded["message"]);
        Assert.Equal("600", (string?)recorded["time_to_live"]);
        await noDefault.AssertSmnErrorAsync(HttpStatusCode.BadRequest, "SMN.0021");
        await template.AssertSmnErrorAsync(HttpStatusCode.NotFound, "SMN.0027");
    }
}
