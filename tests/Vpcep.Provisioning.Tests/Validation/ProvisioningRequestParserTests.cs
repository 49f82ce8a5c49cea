using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

public class ProvisioningRequestParserTests
{
    private readonly ProvisioningRequestParser parser = RequestDocuments.Parser();

    [Fact]
    public void The_seed_pages_example_request_parses_valid()
    {
        ParseResult result = parser.Parse(RequestDocuments.SeedExample);

        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        Assert.NotNull(result.Request);
        Assert.Equal(RequestDocuments.ProjectId, result.Request.ProjectId);
        Assert.Equal(RequestDocuments.SubnetId, result.Request.Endpoint.SubnetId);
        Assert.Equal(RequestDocuments.VpcId, result.Request.Endpoint.VpcId);
        Assert.Equal(RequestDocuments.ServiceId, result.Request.Endpoint.EndpointServiceId);
        Assert.True(result.Request.Endpoint.EnableDns);
        var tag = Assert.Single(result.Request.Endpoint.Tags!);
        Assert.Equal(("test1", "test1"), (tag.Key, tag.Value));
    }

    [Fact]
    public void Every_documented_field_is_accepted_and_materialised()
    {
        var document = RequestDocuments.Seed();
        document["region"] = "eu-west-101";
        document["callback_url"] = "https://hooks.example.com/vpcep?id=1";
        var endpoint = document.Endpoint();
        endpoint["port_ip"] = "10.0.0.10";
        endpoint["whitelist"] = new JsonArray("10.0.0.0/24", "192.168.1.7");
        endpoint["enable_whitelist"] = true;
        endpoint["description"] = "orders database";
        endpoint["routetables"] = new JsonArray("0b6b4f8c-4b5e-4e6c-9d51-6bd1f2a0c3d4");
        endpoint["policy_statement"] = JsonNode.Parse("""[{"Effect":"Allow","Action":["obs:*:*"],"Resource":["obs:*:*:*:*/*"]}]""");
        endpoint["policy_document"] = JsonNode.Parse("""{"Version":"5.0","Statement":[]}""");
        endpoint["ip_version"] = "dualstack";
        endpoint["ipv6_address"] = "2001:db8::10";
        endpoint["specification_name"] = "default";

        ParseResult result = parser.Parse(document);

        Assert.Empty(result.Errors);
        var request = result.Request!;
        Assert.Equal("eu-west-101", request.Region);
        Assert.Equal("https://hooks.example.com/vpcep?id=1", request.CallbackUrl);
        Assert.Equal("10.0.0.10", request.Endpoint.PortIp);
        Assert.Equal(["10.0.0.0/24", "192.168.1.7"], request.Endpoint.Whitelist);
        Assert.True(request.Endpoint.EnableWhitelist);
        Assert.Equal("orders database", request.Endpoint.Description);
        Assert.Single(request.Endpoint.RouteTables!);
        Assert.Equal(JsonValueKind.Array, request.Endpoint.PolicyStatement!.Value.ValueKind);
        Assert.Equal("5.0", request.Endpoint.PolicyDocument!.Value.GetProperty("Version").GetString());
        Assert.Equal("dualstack", request.Endpoint.IpVersion);
        Assert.Equal("2001:db8::10", request.Endpoint.Ipv6Address);
        Assert.Equal("default", request.Endpoint.SpecificationName);
        Assert.Null(request.Endpoint.AdditionalProperties);
    }

    [Fact]
    public void Malformed_json_gives_one_error_at_the_root_with_the_line_and_byte()
    {
        ParseResult result = parser.Parse("{\n  \"project_id\": \"x\",\n  \"endpoint\" {}\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("", error.Pointer);
        Assert.Equal(ValidationCodes.MalformedJson, error.Code);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Request);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"project_id\": 'single quotes'}")]
    [InlineData("{} {}")]
    [InlineData("{} trailing")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{/* comment */}")]
    public void Anything_that_is_not_exactly_one_json_value_is_malformed(string json)
    {
        ParseResult result = parser.Parse(json);

        Assert.Equal([("", ValidationCodes.MalformedJson)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void Invalid_utf8_is_malformed_json()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"project_id\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        ParseResult result = parser.Parse(bytes);

        Assert.Equal([("", ValidationCodes.MalformedJson)], result.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("""{"project_id":"\ud800"}""", "/project_id")]
    [InlineData("""{"endpoint":{"tags":[{"key":"a\udc00b"}]}}""", "/endpoint/tags/0/key")]
    public void A_string_with_an_unpaired_surrogate_escape_is_malformed_at_its_pointer(string json, string expectedPointer)
    {
        ParseResult result = parser.Parse(json);

        Assert.Contains((expectedPointer, ValidationCodes.MalformedJson), result.Errors.PointersAndCodes());
        Assert.Null(result.Request);
    }

    [Fact]
    public void An_unpaired_surrogate_in_a_required_member_is_not_also_reported_as_missing()
    {
        ParseResult result = parser.Parse("""{"project_id":"\ud800","endpoint":{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4"}}""");

        Assert.Equal([("/project_id", ValidationCodes.MalformedJson)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_leading_byte_order_mark_is_accepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(RequestDocuments.SeedExample)];

        Assert.True(parser.Parse(bytes).IsValid);
    }

    [Theory]
    [InlineData("[]", "an object, not an array")]
    [InlineData("\"text\"", "an object, not a string")]
    [InlineData("null", "an object, not null")]
    public void A_document_that_is_not_an_object_is_the_wrong_type(string json, string expected)
    {
        ParseResult result = parser.Parse(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("", ValidationCodes.WrongType), (error.Pointer, error.Code));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_where_a_boolean_belongs_is_the_wrong_type_and_other_errors_are_still_reported()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["enable_dns"] = "true";
        document.Endpoint()["vpc_id"] = "not-a-uuid";

        ParseResult result = parser.Parse(document);

        Assert.Equal(
            [("/endpoint/enable_dns", ValidationCodes.WrongType), ("/endpoint/vpc_id", ValidationCodes.InvalidUuid)],
            result.Errors.PointersAndCodes());
        Assert.Contains("boolean", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(result.Request);
    }

    [Theory]
    [InlineData("project_id", "42", "/project_id")]
    [InlineData("region", "true", "/region")]
    [InlineData("callback_url", "{}", "/callback_url")]
    [InlineData("endpoint", "[]", "/endpoint")]
    [InlineData("endpoint", "\"{}\"", "/endpoint")]
    public void Envelope_members_of_the_wrong_type_are_reported_at_their_pointer(string member, string json, string expectedPointer)
    {
        var document = RequestDocuments.Seed();
        document[member] = JsonNode.Parse(json);

        ParseResult result = parser.Parse(document);

        Assert.Equal([(expectedPointer, ValidationCodes.WrongType)], result.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("vpc_id", "123")]
    [InlineData("subnet_id", "[]")]
    [InlineData("enable_whitelist", "\"false\"")]
    [InlineData("enable_dns", "1")]
    [InlineData("tags", "{}")]
    [InlineData("whitelist", "\"10.0.0.0/8\"")]
    [InlineData("routetables", "true")]
    [InlineData("description", "5")]
    [InlineData("policy_statement", "{}")]
    [InlineData("policy_document", "[]")]
    public void Endpoint_members_of_the_wrong_type_are_reported_at_their_pointer(string member, string json)
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()[member] = JsonNode.Parse(json);

        ParseResult result = parser.Parse(document);

        Assert.Equal([("/endpoint/" + member, ValidationCodes.WrongType)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void Array_items_of_the_wrong_type_are_reported_by_index_and_the_other_items_are_still_checked()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["tags"] = JsonNode.Parse("""[{"key":"a"}, 7, {"key":"a="}, null]""");
        document.Endpoint()["whitelist"] = JsonNode.Parse("""["10.0.0.0/8", 10, "10.0.0.0/33"]""");

        ParseResult result = parser.Parse(document);

        Assert.Equal(
            [
                ("/endpoint/tags/1", ValidationCodes.WrongType),
                ("/endpoint/tags/3", ValidationCodes.WrongType),
                ("/endpoint/whitelist/1", ValidationCodes.WrongType),
                ("/endpoint/tags/2/key", ValidationCodes.TagKeyForbiddenCharacter),
                ("/endpoint/whitelist/2", ValidationCodes.InvalidCidr),
            ],
            result.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_tag_value_of_the_wrong_type_is_reported_at_the_value()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["tags"] = JsonNode.Parse("""[{"key":"a","value":1}]""");

        ParseResult result = parser.Parse(document);

        Assert.Equal([("/endpoint/tags/0/value", ValidationCodes.WrongType)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void Unknown_fields_are_reported_at_every_depth()
    {
        var document = RequestDocuments.Seed();
        document["projectId"] = "x";
        document.Endpoint()["vpcid"] = RequestDocuments.VpcId;
        document.Endpoint()["tags"] = JsonNode.Parse("""[{"key":"a","value":"b"},{"key":"c","vaule":"d"}]""");

        ParseResult result = parser.Parse(document);

        Assert.Equal(
            [
                ("/endpoint/tags/1/vaule", ValidationCodes.UnknownField),
                ("/endpoint/vpcid", ValidationCodes.UnknownField),
                ("/projectId", ValidationCodes.UnknownField),
            ],
            result.Errors.PointersAndCodes());
        Assert.Null(result.Request);
    }

    [Fact]
    public void An_unknown_field_message_suggests_the_field_a_typo_meant()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["enable_whitelst"] = true;

        ParseResult result = parser.Parse(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/endpoint/enable_whitelst", ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains("'enable_whitelist'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_names_are_case_sensitive()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["Enable_DNS"] = false;

        ParseResult result = parser.Parse(document);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("/endpoint/Enable_DNS", ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains("Did you mean 'enable_dns'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_pointers_escape_slash_and_tilde()
    {
        ParseResult result = parser.Parse(
            """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","a/b~c":1,"endpoint":{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4"}}""");

        Assert.Equal([("/a~1b~0c", ValidationCodes.UnknownField)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_member_given_twice_is_a_duplicate_field()
    {
        ParseResult result = parser.Parse(
            """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","enable_dns":true,"enable_dns":false}}""");

        Assert.Equal([("/endpoint/enable_dns", ValidationCodes.DuplicateField)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void Missing_vpc_id_is_required()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint().Remove("vpc_id");

        ParseResult result = parser.Parse(document);

        Assert.Equal([("/endpoint/vpc_id", ValidationCodes.Required)], result.Errors.PointersAndCodes());
        Assert.Null(result.Request);
    }

    [Fact]
    public void A_missing_endpoint_is_one_required_error_not_one_per_endpoint_member()
    {
        var document = RequestDocuments.Seed();
        document.Remove("endpoint");

        ParseResult result = parser.Parse(document);

        Assert.Equal([("/endpoint", ValidationCodes.Required)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void Null_for_a_required_member_is_required_and_null_for_an_optional_member_is_absent()
    {
        var document = RequestDocuments.Seed();
        document["project_id"] = null;
        document["region"] = null;
        document.Endpoint()["subnet_id"] = null;

        ParseResult result = parser.Parse(document);

        Assert.Equal([("/project_id", ValidationCodes.Required)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_tag_without_a_key_is_required_at_the_key()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["tags"] = JsonNode.Parse("""[{"value":"v"}]""");

        ParseResult result = parser.Parse(document);

        Assert.Equal([("/endpoint/tags/0/key", ValidationCodes.Required)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_tag_without_a_value_is_valid()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["tags"] = JsonNode.Parse("""[{"key":"k"}, {"key":"e","value":""}]""");

        Assert.True(parser.Parse(document).IsValid);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var document = RequestDocuments.Seed();
        document["project_id"] = "not-hex";
        document["region"] = "CN-NORTH-4";
        document["callback_url"] = "ftp://example.com/";
        var endpoint = document.Endpoint();
        endpoint.Remove("vpc_id");
        endpoint["subnet_id"] = "68bfbcc1";
        endpoint["port_ip"] = "fe80::1";
        endpoint["whitelist"] = new JsonArray("10.0.0.0/33");
        endpoint["tags"] = JsonNode.Parse("""[{"key":" lead"}]""");

        ParseResult result = parser.Parse(document);

        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("/endpoint/vpc_id", ValidationCodes.Required),
                ("/project_id", ValidationCodes.InvalidProjectId),
                ("/region", ValidationCodes.InvalidRegion),
                ("/callback_url", ValidationCodes.InvalidCallbackUrl),
                ("/endpoint/subnet_id", ValidationCodes.InvalidUuid),
                ("/endpoint/port_ip", ValidationCodes.InvalidIpv4),
                ("/endpoint/whitelist/0", ValidationCodes.InvalidCidr),
                ("/endpoint/tags/0/key", ValidationCodes.TagKeySurroundingSpace),
            },
            result.Errors.PointersAndCodes().ToHashSet());
        Assert.Equal(8, result.Errors.Count);
    }

    [Fact]
    public void A_request_that_breaks_only_rules_still_returns_the_typed_request_for_the_rejection()
    {
        var document = RequestDocuments.Seed();
        document["callback_url"] = "https://hooks.example.com/";
        document.Endpoint()["vpc_id"] = "nope";

        ParseResult result = parser.Parse(document);

        Assert.False(result.IsValid);
        Assert.Equal("https://hooks.example.com/", result.Request?.CallbackUrl);
    }

    [Fact]
    public void A_sub_document_is_reported_under_its_pointer()
    {
        using JsonDocument batch = JsonDocument.Parse(
            $$$"""{"requests":[{{{RequestDocuments.SeedExample}}}, {"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","vpc_id":true,"tagz":[]}}]}""");
        JsonElement second = batch.RootElement.GetProperty("requests")[1];

        ParseResult first = parser.Parse(batch.RootElement.GetProperty("requests")[0], "/requests/0");
        ParseResult result = parser.Parse(second, "/requests/1");

        Assert.True(first.IsValid);
        Assert.Equal(
            [("/requests/1/endpoint/vpc_id", ValidationCodes.WrongType), ("/requests/1/endpoint/tagz", ValidationCodes.UnknownField)],
            result.Errors.PointersAndCodes());
    }

    [Fact]
    public void Errors_beyond_the_limit_are_summarised_in_one_too_many_errors_error()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["whitelist"] = new JsonArray([.. Enumerable.Range(0, 150).Select(i => JsonValue.Create(i))]);
        var limited = RequestDocuments.Parser(new ValidationOptions { MaxErrors = 100 });

        ParseResult result = limited.Parse(document);

        Assert.Equal(101, result.Errors.Count);
        Assert.All(result.Errors.Take(100), e => Assert.Equal(ValidationCodes.WrongType, e.Code));
        Assert.Equal(("", ValidationCodes.TooManyErrors), (result.Errors[100].Pointer, result.Errors[100].Code));
        Assert.StartsWith("51 more problems", result.Errors[100].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opaque_policy_contents_are_passed_through_without_unknown_field_errors()
    {
        var document = RequestDocuments.Seed();
        document.Endpoint()["policy_statement"] = JsonNode.Parse("""[{"Effect":"Allow","Whatever":{"x":1}}]""");

        Assert.True(parser.Parse(document).IsValid);
    }
}
