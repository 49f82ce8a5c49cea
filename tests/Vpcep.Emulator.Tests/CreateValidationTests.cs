using System.Net;
using System.Text.Json.Nodes;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

public sealed class CreateValidationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly HttpClient client = fixture.Client;
    private readonly string project = Ids.NewProject();

    private Task<HttpResponseMessage> CreateAsync(JsonObject body) => client.PostJsonAsync($"/v1/{project}/vpc-endpoints", body);

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"vpc_id\": 5}")]
    [InlineData("")]
    public async Task Malformed_body_is_EndPoint_0002(string body)
    {
        HttpResponseMessage response = await client.SendJsonAsync(HttpMethod.Post, $"/v1/{project}/vpc-endpoints", body);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Missing_service_id_is_EndPoint_0002()
    {
        JsonObject body = Wire.InterfaceRequest();
        body.Remove("endpoint_service_id");

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Missing_vpc_id_is_EndPoint_2011()
    {
        JsonObject body = Wire.InterfaceRequest();
        body.Remove("vpc_id");

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2011");
    }

    [Fact]
    public async Task Unknown_vpc_is_EndPoint_2001()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["vpc_id"] = Guid.NewGuid().ToString();

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2001");
    }

    [Fact]
    public async Task Unknown_service_is_EndPoint_2003()
    {
        await (await CreateAsync(Wire.InterfaceRequest(Guid.NewGuid().ToString()))).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2003");
    }

    [Fact]
    public async Task Missing_subnet_for_an_interface_service_is_EndPoint_2010()
    {
        JsonObject body = Wire.InterfaceRequest();
        body.Remove("subnet_id");

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2010");
    }

    [Theory]
    [InlineData(Ids.SecondSubnet)]
    [InlineData(Ids.OverlappingSubnet)]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Subnet_outside_the_vpc_unknown_or_overlapping_198_19_128_is_EndPoint_0023(string subnet)
    {
        JsonObject body = Wire.InterfaceRequest();
        body["subnet_id"] = subnet;

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0023");
    }

    [Theory]
    [InlineData("300.1.1.1", "EndPoint.2041")]
    [InlineData("abc", "EndPoint.2041")]
    [InlineData("1", "EndPoint.2041")]
    [InlineData("10.0.1.5", "EndPoint.2043")]
    [InlineData("192.168.0.1", "EndPoint.2043")]
    [InlineData("192.168.0.255", "EndPoint.2043")]
    public async Task Bad_port_ip_is_rejected(string portIp, string code)
    {
        JsonObject body = Wire.InterfaceRequest();
        body["port_ip"] = portIp;

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Port_ip_in_use_is_EndPoint_2042()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["port_ip"] = "192.168.0.10";
        await client.CreateEndpointAsync(project, body);

        JsonObject again = Wire.InterfaceRequest();
        again["port_ip"] = "192.168.0.10";
        await (await CreateAsync(again)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2042");
    }

    [Fact]
    public async Task Invalid_whitelist_is_EndPoint_2044_and_too_long_is_2045()
    {
        JsonObject bad = Wire.InterfaceRequest();
        bad["whitelist"] = new JsonArray("10.0.0.0/33");
        JsonObject full = Wire.InterfaceRequest();
        full["whitelist"] = new JsonArray([.. Enumerable.Range(1, 21).Select(i => (JsonNode)$"10.0.0.{i}")]);

        await (await CreateAsync(bad)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2044");
        await (await CreateAsync(full)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2045");
    }

    public static TheoryData<string, string> BadTags => new()
    {
        { """[{"key":"","value":"v"}]""", "EndPoint.3066" },
        { """[{"key":"a","value":"1"},{"key":"a","value":"2"}]""", "EndPoint.3067" },
        { """[{"key":"a=b","value":"v"}]""", "EndPoint.3068" },
        { """[{"key":" lead","value":"v"}]""", "EndPoint.3068" },
        { """[{"key":"k","value":"a|b"}]""", "EndPoint.3068" },
        { "[" + string.Join(',', Enumerable.Range(0, 11).Select(i => $$"""{"key":"k{{i}}","value":"v"}""")) + "]", "EndPoint.3069" },
        { $$"""[{"key":"{{new string('k', 37)}}","value":"v"}]""", "EndPoint.3072" },
        { $$"""[{"key":"k","value":"{{new string('v', 44)}}"}]""", "EndPoint.3073" },
    };

    [Theory]
    [MemberData(nameof(BadTags))]
    public async Task Bad_tags_are_rejected(string tags, string code)
    {
        JsonObject body = Wire.InterfaceRequest();
        body["tags"] = JsonNode.Parse(tags);

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Tags_at_the_limits_are_accepted()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["tags"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)new JsonObject { ["key"] = $"k{i}".PadRight(36, 'x'), ["value"] = i == 0 ? "" : new string('v', 43) })]);

        JsonNode created = await client.CreateEndpointAsync(project, body);

        Assert.Equal(10, created["tags"]!.AsArray().Count);
    }

    [Fact]
    public async Task Description_with_angle_brackets_is_EndPoint_0002()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["description"] = "<script>";

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Quota_is_enforced_per_project_as_Endpoint_1018()
    {
        var seed = new JsonObject { ["quotas"] = new JsonObject { [project] = 1 } };
        (await fixture.Host.Admin.PostJsonAsync("/_emulator/fixtures", seed)).EnsureSuccessStatusCode();
        await client.CreateEndpointAsync(project, Wire.InterfaceRequest());

        await (await CreateAsync(Wire.InterfaceRequest())).AssertErrorAsync(HttpStatusCode.BadRequest, "Endpoint.1018");
        await client.CreateEndpointAsync(Ids.NewProject(), Wire.InterfaceRequest());
    }

    [Fact]
    public async Task Unavailable_service_is_EndPoint_2004()
    {
        string id = Guid.NewGuid().ToString();
        var seed = new JsonObject
        {
            ["services"] = new JsonArray(new JsonObject { ["id"] = id, ["service_name"] = "com.example.down", ["available"] = false }),
        };
        (await fixture.Host.Admin.PostJsonAsync("/_emulator/fixtures", seed)).EnsureSuccessStatusCode();

        await (await CreateAsync(Wire.InterfaceRequest(id))).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.2004");
    }

    // Tag rules aligned with the intake's (docs/validation-rules.md): the SDKs' tag models allow no control characters.
    [Theory]
    [InlineData("key\u0007", "v")]
    [InlineData("key", "line\nbreak")]
    [InlineData("\tkey", "v")]
    public async Task A_tag_with_a_control_character_is_EndPoint_3068(string key, string value)
    {
        JsonObject body = Wire.InterfaceRequest();
        body["tags"] = new JsonArray(new JsonObject { ["key"] = key, ["value"] = value });

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.3068");
    }

    [Fact]
    public async Task A_blank_tag_key_is_EndPoint_3066_tag_empty()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["tags"] = new JsonArray(new JsonObject { ["key"] = "   ", ["value"] = "v" });

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.3066");
    }

    [Fact]
    public async Task Tag_lengths_count_code_points_so_36_emoji_are_a_valid_key()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["tags"] = new JsonArray(new JsonObject { ["key"] = string.Concat(Enumerable.Repeat("\U0001F600", 36)), ["value"] = "v" });

        HttpResponseMessage response = await CreateAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_ipv6_address_with_ip_version_ipv4_is_EndPoint_0002()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["ip_version"] = "ipv4";
        body["ipv6_address"] = "2001:db8::5";

        await (await CreateAsync(body)).AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }

    [Fact]
    public async Task Specification_name_and_ipv6_address_are_kept_and_answered()
    {
        JsonObject body = Wire.InterfaceRequest();
        body["specification_name"] = "default";
        body["ip_version"] = "dualstack";
        body["ipv6_address"] = "2001:db8::5";

        JsonNode created = await client.CreateEndpointAsync(project, body);

        Assert.Equal("default", (string?)created["specification_name"]);
        Assert.Equal("2001:db8::5", (string?)created["ipv6_address"]);
    }
}
