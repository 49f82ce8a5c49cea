using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

/// <summary>
/// The unknown-member policy of endpoint: a probable typo of a known field is refused with a suggestion, a member of
/// the envelope put inside endpoint is refused, anything else is passed to Huawei unchanged (the create body has grown
/// over the years: description, policy_*, ip_version, ipv6_address, specification_name), unless
/// Validation:RejectUnknownEndpointFields asks for the strict behaviour. The envelope and tags stay strict.
/// </summary>
public class UnknownEndpointFieldTests
{
    private readonly ProvisioningRequestParser parser = RequestDocuments.Parser();

    private static JsonObject WithEndpointMember(string name, JsonNode? value)
    {
        JsonObject document = RequestDocuments.Seed();
        document.Endpoint()[name] = value;
        return document;
    }

    [Fact]
    public void A_member_unlike_any_known_field_is_passed_through_unchanged()
    {
        JsonObject document = RequestDocuments.Seed();
        document.Endpoint()["enterprise_project_id"] = "0";
        document.Endpoint()["future_options"] = JsonNode.Parse("""{"mode":"fast","levels":[1,2.5,null],"on":true}""");
        document.Endpoint()["nothing_here"] = null;

        ParseResult result = parser.Parse(document);

        Assert.Empty(result.Errors);
        Dictionary<string, JsonElement> extra = result.Request!.Endpoint.AdditionalProperties!;
        Assert.Equal(["enterprise_project_id", "future_options", "nothing_here"], extra.Keys);
        Assert.Equal("0", extra["enterprise_project_id"].GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"mode":"fast","levels":[1,2.5,null],"on":true}"""), JsonNode.Parse(extra["future_options"].GetRawText())));
        Assert.Equal(JsonValueKind.Null, extra["nothing_here"].ValueKind);
    }

    [Fact]
    public void A_passed_through_member_is_sent_to_huawei_next_to_the_known_fields()
    {
        ParseResult result = parser.Parse(WithEndpointMember("enterprise_project_id", "0"));

        JsonNode sent = JsonNode.Parse(JsonSerializer.Serialize(result.Request!.Endpoint, HuaweiJsonContext.Default.CreateEndpointRequest))!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                 "subnet_id":"68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de","enable_dns":true,"tags":[{"key":"test1","value":"test1"}],
                 "enterprise_project_id":"0"}
                """),
            sent));
    }

    [Fact]
    public void A_passed_through_member_survives_the_round_trip_through_the_provisioning_contract()
    {
        ParseResult result = parser.Parse(WithEndpointMember("future_options", JsonNode.Parse("""{"a":[1,{"b":"c"}]}""")));
        string first = JsonSerializer.Serialize(result.Request!, ProvisioningJsonContext.Default.ProvisioningRequest);

        ProvisioningRequest back = JsonSerializer.Deserialize(first, ProvisioningJsonContext.Default.ProvisioningRequest)!;
        string second = JsonSerializer.Serialize(back, ProvisioningJsonContext.Default.ProvisioningRequest);

        Assert.Equal(first, second);
        Assert.Equal("c", back.Endpoint.AdditionalProperties!["future_options"].GetProperty("a")[1].GetProperty("b").GetString());
    }

    [Fact]
    public void A_passed_through_member_survives_the_reflection_serializer_that_carries_orchestration_inputs()
    {
        // The durable task data converter uses System.Text.Json with default (reflection-based) options.
        ParseResult result = parser.Parse(WithEndpointMember("future_options", JsonNode.Parse("""{"a":[1,{"b":"c"}]}""")));

        ProvisioningRequest back = JsonSerializer.Deserialize<ProvisioningRequest>(JsonSerializer.Serialize(result.Request!))!;

        Assert.Equal(
            JsonSerializer.Serialize(result.Request!, ProvisioningJsonContext.Default.ProvisioningRequest),
            JsonSerializer.Serialize(back, ProvisioningJsonContext.Default.ProvisioningRequest));
        Assert.Equal(["future_options"], back.Endpoint.AdditionalProperties!.Keys);
    }

    [Fact]
    public void Passed_through_members_serialise_the_same_whatever_their_order_so_the_request_hashes_the_same()
    {
        JsonObject first = RequestDocuments.Seed();
        first.Endpoint()["zeta"] = 1;
        first.Endpoint()["alpha"] = new JsonObject { ["x"] = 1 };
        JsonObject second = RequestDocuments.Seed();
        second.Endpoint()["alpha"] = new JsonObject { ["x"] = 1 };
        second.Endpoint()["zeta"] = 1;
        ParseResult one = parser.Parse(first);
        ParseResult two = parser.Parse(second);

        Assert.True(one.IsValid);
        Assert.Equal(["alpha", "zeta"], one.Request!.Endpoint.AdditionalProperties!.Keys);
        Assert.Equal(
            JsonSerializer.Serialize(one.Request!, ProvisioningJsonContext.Default.ProvisioningRequest),
            JsonSerializer.Serialize(two.Request!, ProvisioningJsonContext.Default.ProvisioningRequest));
    }

    [Theory]
    [InlineData("enableDns", "enable_dns")]
    [InlineData("VPC_ID", "vpc_id")]
    [InlineData("vpcid", "vpc_id")]
    [InlineData("subnetId", "subnet_id")]
    [InlineData("port-ip", "port_ip")]
    [InlineData("tag", "tags")]
    [InlineData("tagz", "tags")]
    [InlineData("enable_whitelst", "enable_whitelist")]
    [InlineData("white_list", "whitelist")]
    [InlineData("descripton", "description")]
    [InlineData("route_tables", "routetables")]
    [InlineData("ipv6address", "ipv6_address")]
    [InlineData("specificationName", "specification_name")]
    [InlineData("policy_statements", "policy_statement")]
    public void A_member_close_to_a_known_field_is_refused_with_a_suggestion(string typo, string meant)
    {
        ParseResult result = parser.Parse(WithEndpointMember(typo, "x"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/endpoint/" + typo, ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains($"Did you mean '{meant}'?", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Request);
    }

    [Theory]
    [InlineData("enterprise_project_id")]
    [InlineData("public_border_group")]
    [InlineData("endpoint_pool_id")]
    [InlineData("dns_names")]
    [InlineData("vip")]
    public void A_member_far_from_every_known_field_is_not_taken_for_a_typo(string name)
    {
        Assert.True(parser.Parse(WithEndpointMember(name, "x")).IsValid);
    }

    [Theory]
    [InlineData("project_id")]
    [InlineData("region")]
    [InlineData("callback_url")]
    [InlineData("idempotency_key")]
    public void A_member_of_the_envelope_inside_endpoint_is_refused(string name)
    {
        ParseResult result = parser.Parse(WithEndpointMember(name, "cn-north-4"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/endpoint/" + name, ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains("not inside endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_field_at_the_top_level_is_refused_saying_where_it_belongs()
    {
        JsonObject document = RequestDocuments.Seed();
        document["port_ip"] = "10.0.0.10";

        var error = Assert.Single(parser.Parse(document).Errors);

        Assert.Equal(("/port_ip", ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains("port_ip belongs inside endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_and_tags_stay_strict()
    {
        JsonObject document = RequestDocuments.Seed();
        document["enterprise_project_id"] = "0";
        document.Endpoint()["tags"] = JsonNode.Parse("""[{"key":"a","colour":"blue"}]""");

        ParseResult result = parser.Parse(document);

        Assert.Equal(
            [("/endpoint/tags/0/colour", ValidationCodes.UnknownField), ("/enterprise_project_id", ValidationCodes.UnknownField)],
            result.Errors.PointersAndCodes());
    }

    [Fact]
    public void The_strict_setting_refuses_every_unknown_endpoint_member()
    {
        var strict = RequestDocuments.Parser(new ValidationOptions { RejectUnknownEndpointFields = true });

        ParseResult result = strict.Parse(WithEndpointMember("enterprise_project_id", "0"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/endpoint/enterprise_project_id", ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains("Known fields:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passed_through_member_given_twice_is_a_duplicate_field()
    {
        ParseResult result = parser.Parse(
            """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","future":1,"future":2}}""");

        Assert.Equal([("/endpoint/future", ValidationCodes.DuplicateField)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_passed_through_member_holding_an_unpaired_surrogate_is_malformed()
    {
        ParseResult result = parser.Parse(Encoding.UTF8.GetBytes(
            """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","future":{"list":["ok","\ud800"]}}}"""));

        Assert.Equal([("/endpoint/future", ValidationCodes.MalformedJson)], result.Errors.PointersAndCodes());
    }
}
