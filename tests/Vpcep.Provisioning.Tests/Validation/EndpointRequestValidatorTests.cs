using System.Text.Json;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

public class EndpointRequestValidatorTests
{
    private readonly EndpointRequestValidator validator = RequestDocuments.Validator();

    private static ResourceTag[] Tags(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ResourceTag($"key{i}", $"value{i}"))];

    private (string Pointer, string Code)[] Check(Func<CreateEndpointRequest, CreateEndpointRequest> change) =>
        [.. validator.Validate(RequestDocuments.Request(change)).PointersAndCodes()];

    private (string Pointer, string Code)[] Check(ProvisioningRequest request) =>
        [.. validator.Validate(request).PointersAndCodes()];

    [Fact]
    public void A_valid_request_has_no_errors()
    {
        Assert.Empty(Check(e => e));
    }

    // Envelope.

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_project_id_is_required(string projectId)
    {
        Assert.Equal([("/project_id", ValidationCodes.Required)], Check(RequestDocuments.Request() with { ProjectId = projectId }));
    }

    [Theory]
    [InlineData("6e9dfd51d1124e8d8498dce894923a0")]
    [InlineData("6e9dfd51d1124e8d8498dce894923a0d0")]
    [InlineData("6e9dfd51-d112-4e8d-8498-dce894923a0d")]
    [InlineData("6e9dfd51d1124e8d8498dce894923a0g")]
    [InlineData("6e9dfd51d1124e8d8498dce894923a0d\n")]
    public void A_project_id_that_is_not_32_hex_characters_is_invalid(string projectId)
    {
        Assert.Equal([("/project_id", ValidationCodes.InvalidProjectId)], Check(RequestDocuments.Request() with { ProjectId = projectId }));
    }

    [Theory]
    [InlineData("cn-north-4")]
    [InlineData("ap-southeast-1")]
    [InlineData("eu-west-101")]
    [InlineData("my-kualalumpur-1")]
    [InlineData("ae-ad-1")]
    public void Region_ids_of_huawei_form_are_valid(string region)
    {
        Assert.Empty(Check(RequestDocuments.Request() with { Region = region }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CN-NORTH-4")]
    [InlineData("cn-north")]
    [InlineData("cn_north_4")]
    [InlineData("cn-north-4 ")]
    [InlineData("north-4")]
    [InlineData("cn-north-4/../x")]
    public void A_region_not_of_huawei_form_is_invalid(string region)
    {
        Assert.Equal([("/region", ValidationCodes.InvalidRegion)], Check(RequestDocuments.Request() with { Region = region }));
    }

    [Fact]
    public void An_absolute_https_callback_url_to_a_public_host_is_valid()
    {
        Assert.Empty(Check(RequestDocuments.Request() with { CallbackUrl = "https://hooks.example.com/vpcep" }));
    }

    [Fact]
    public void An_http_callback_url_to_a_private_address_is_valid_only_when_the_operator_allows_http_and_the_host()
    {
        ProvisioningRequest request = RequestDocuments.Request() with { CallbackUrl = "http://10.0.0.5:8080/callback?x=1" };
        var trusting = new Vpcep.Provisioning.Notifications.CallbackTargetOptions { AllowHttp = true, AllowedHosts = { "10.0.0.5:8080" } };

        Assert.Empty(RequestDocuments.Validator(callbackTargets: trusting).Validate(request));
        Assert.Equal(
            [("/callback_url", ValidationCodes.CallbackUrlNotHttps), ("/callback_url", ValidationCodes.CallbackUrlNotPublic)],
            Check(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public void A_callback_url_that_is_not_absolute_http_is_invalid(string url)
    {
        Assert.Equal([("/callback_url", ValidationCodes.InvalidCallbackUrl)], Check(RequestDocuments.Request() with { CallbackUrl = url }));
    }

    [Fact]
    public void A_callback_url_longer_than_the_limit_is_invalid()
    {
        string url = "https://example.com/" + new string('a', 2048);

        Assert.Equal([("/callback_url", ValidationCodes.InvalidCallbackUrl)], Check(RequestDocuments.Request() with { CallbackUrl = url }));
    }

    [Fact]
    public void A_null_endpoint_is_required()
    {
        Assert.Equal([("/endpoint", ValidationCodes.Required)], Check(RequestDocuments.Request() with { Endpoint = null! }));
    }

    // Ids.

    [Fact]
    public void Missing_endpoint_service_id_and_vpc_id_are_required()
    {
        Assert.Equal(
            [("/endpoint/endpoint_service_id", ValidationCodes.Required), ("/endpoint/vpc_id", ValidationCodes.Required)],
            Check(e => e with { EndpointServiceId = null, VpcId = "" }));
    }

    [Theory]
    [InlineData("84758cf5-9c62-43ae-a778-3dbd8370c0a")]
    [InlineData("84758cf59c6243aea7783dbd8370c0a4")]
    [InlineData("{84758cf5-9c62-43ae-a778-3dbd8370c0a4}")]
    [InlineData(" 84758cf5-9c62-43ae-a778-3dbd8370c0a4")]
    [InlineData("84758cf5-9c62-43ae-a778-3dbd8370c0az")]
    public void A_bad_uuid_is_invalid(string id)
    {
        Assert.Equal(
            [
                ("/endpoint/endpoint_service_id", ValidationCodes.InvalidUuid),
                ("/endpoint/vpc_id", ValidationCodes.InvalidUuid),
                ("/endpoint/subnet_id", ValidationCodes.InvalidUuid),
            ],
            Check(e => e with { EndpointServiceId = id, VpcId = id, SubnetId = id }));
    }

    [Fact]
    public void Subnet_id_is_optional()
    {
        Assert.Empty(Check(e => e with { SubnetId = null }));
    }

    // Tags.

    [Fact]
    public void Ten_tags_are_valid_and_eleven_are_too_many()
    {
        Assert.Empty(Check(e => e with { Tags = Tags(10) }));

        var errors = validator.Validate(RequestDocuments.Request(e => e with { Tags = Tags(11) }));

        var error = Assert.Single(errors);
        Assert.Equal(("/endpoint/tags", ValidationCodes.TooManyTags), (error.Pointer, error.Code));
        Assert.Equal("tags has 11 entries; at most 10 are allowed.", error.Message);
    }

    [Fact]
    public void The_tag_limit_comes_from_the_options()
    {
        var loose = RequestDocuments.Validator(new ValidationOptions { MaxTags = 20 });

        Assert.Empty(loose.Validate(RequestDocuments.Request(e => e with { Tags = Tags(20) })));
        Assert.Equal(
            [("/endpoint/tags", ValidationCodes.TooManyTags)],
            loose.Validate(RequestDocuments.Request(e => e with { Tags = Tags(21) })).PointersAndCodes());
    }

    [Theory]
    [InlineData(36, true)]
    [InlineData(37, false)]
    public void A_tag_key_may_have_at_most_36_characters(int length, bool valid)
    {
        var errors = Check(e => e with { Tags = [new ResourceTag(new string('k', length), "v")] });

        Assert.Equal(valid ? [] : [("/endpoint/tags/0/key", ValidationCodes.TagKeyTooLong)], errors);
    }

    [Theory]
    [InlineData("标", 36, true)]
    [InlineData("标", 37, false)]
    [InlineData("😀", 36, true)]
    [InlineData("😀", 37, false)]
    public void Tag_key_length_counts_unicode_characters_not_bytes_or_utf16_units(string character, int count, bool valid)
    {
        // 36 Chinese characters are 108 UTF-8 bytes; 36 emoji are 72 UTF-16 units and 144 bytes.
        string key = string.Concat(Enumerable.Repeat(character, count));

        var errors = Check(e => e with { Tags = [new ResourceTag(key, "v")] });

        Assert.Equal(valid ? [] : [("/endpoint/tags/0/key", ValidationCodes.TagKeyTooLong)], errors);
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void A_glyph_made_of_several_code_points_counts_each_code_point(int families, bool valid)
    {
        // The family emoji is one glyph of five code points (three people joined by two ZWJs): 7 make 35, 8 make 40.
        string key = string.Concat(Enumerable.Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467", families));

        var errors = Check(e => e with { Tags = [new ResourceTag(key, "v")] });

        Assert.Equal(valid ? [] : [("/endpoint/tags/0/key", ValidationCodes.TagKeyTooLong)], errors);
    }

    [Fact]
    public void The_too_long_message_names_the_length_and_the_limit()
    {
        var error = Assert.Single(validator.Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag(new string('标', 37), "v")] })));

        Assert.Equal("The tag key has 37 characters; at most 36 are allowed.", error.Message);
    }

    [Theory]
    [InlineData(43, true)]
    [InlineData(44, false)]
    public void A_tag_value_may_have_at_most_43_characters(int length, bool valid)
    {
        var errors = Check(e => e with { Tags = [new ResourceTag("k", new string('值', length))] });

        Assert.Equal(valid ? [] : [("/endpoint/tags/0/value", ValidationCodes.TagValueTooLong)], errors);
    }

    [Fact]
    public void A_tag_value_may_be_empty_or_absent()
    {
        Assert.Empty(Check(e => e with { Tags = [new ResourceTag("a", ""), new ResourceTag("b", null)] }));
    }

    [Fact]
    public void A_missing_tag_key_is_required_and_a_blank_one_is_blank()
    {
        Assert.Equal(
            [("/endpoint/tags/0/key", ValidationCodes.Required), ("/endpoint/tags/1/key", ValidationCodes.TagKeyBlank), ("/endpoint/tags/2/key", ValidationCodes.TagKeyBlank)],
            Check(e => e with { Tags = [new ResourceTag(null, "v"), new ResourceTag("", "v"), new ResourceTag("   ", "v")] }));
    }

    [Theory]
    [InlineData('=')]
    [InlineData('*')]
    [InlineData('<')]
    [InlineData('>')]
    [InlineData('\\')]
    [InlineData(',')]
    [InlineData('|')]
    [InlineData('/')]
    public void Forbidden_characters_are_rejected_in_tag_keys_and_values(char forbidden)
    {
        var errors = validator.Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag($"a{forbidden}b", $"c{forbidden}")] }));

        Assert.Equal(
            [("/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter), ("/endpoint/tags/0/value", ValidationCodes.TagValueForbiddenCharacter)],
            errors.PointersAndCodes());
        Assert.Contains($"'{forbidden}'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_punctuation_and_inner_spaces_are_valid_in_tags()
    {
        Assert.Empty(Check(e => e with { Tags = [new ResourceTag("team name_1.x-y:z@", "a b+c")] }));
    }

    [Theory]
    [InlineData(" key", "value")]
    [InlineData("key ", "value")]
    [InlineData("key", " value")]
    [InlineData("key", "value ")]
    [InlineData("key", "value\u3000")]
    public void Leading_or_trailing_spaces_are_rejected_in_tag_keys_and_values(string key, string value)
    {
        var expected = key.Trim() != key
            ? ("/endpoint/tags/0/key", ValidationCodes.TagKeySurroundingSpace)
            : ("/endpoint/tags/0/value", ValidationCodes.TagValueSurroundingSpace);

        Assert.Equal([expected], Check(e => e with { Tags = [new ResourceTag(key, value)] }));
    }

    // Every source that lists the characters a tag may hold leaves control characters out: the SDK's TagList
    // (huaweicloud-sdk-go-v3 services/vpcep/v1/model/model_tag_list.go, since 2024-09: letters, digits, spaces,
    // _ . : = + - @) and Open Telekom Cloud's "Tag Character Set Specifications"; the service refuses them
    // (EndPoint.3068). A tab at either end is reported as a control character, not as white space.
    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("a\tb")]
    [InlineData("line\nbreak")]
    [InlineData("value\t")]
    [InlineData("\u0000")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085")]
    public void Control_characters_are_rejected_in_tag_keys_and_values(string text)
    {
        var errors = validator.Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag("k" + text, text)] }));

        Assert.Equal(
            [("/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter), ("/endpoint/tags/0/value", ValidationCodes.TagValueForbiddenCharacter)],
            errors.PointersAndCodes());
        Assert.Contains("U+00", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("control characters", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_tag_key_is_reported_on_the_later_tag()
    {
        Assert.Equal(
            [("/endpoint/tags/2/key", ValidationCodes.DuplicateTagKey)],
            Check(e => e with { Tags = [new ResourceTag("env", "a"), new ResourceTag("team", "b"), new ResourceTag("env", "c")] }));
    }

    [Fact]
    public void Tag_keys_differing_only_in_case_are_distinct()
    {
        Assert.Empty(Check(e => e with { Tags = [new ResourceTag("env", "a"), new ResourceTag("Env", "b")] }));
    }

    // Tags under the current rules (Validation:TagCharacterRules=Current): huaweicloud-sdk-go-v3 and huaweicloud-sdk-net-v3
    // vpcep v1 TagList since their 2024-09-12 releases: key 1-128, value 0-255 characters; letters (Chinese, Spanish,
    // Portuguese...), digits, spaces and _ . : = + - @ (the value also /); no _sys_ key prefix; no spaces around a key.

    private static EndpointRequestValidator CurrentRules() =>
        RequestDocuments.Validator(new ValidationOptions
        {
            MaxTags = 20,
            MaxTagKeyLength = 128,
            MaxTagValueLength = 255,
            TagCharacterRules = TagCharacterRules.Current,
        });

    [Theory]
    [InlineData("team=a", "x=y/z")]
    [InlineData("env:prod", "owner@example.com")]
    [InlineData("成本中心", "研发部")]
    [InlineData("año", "São Paulo")]
    [InlineData("man\u0303ana", "a+b_c.d-e")]
    [InlineData("key with spaces", " value with spaces around ")]
    public void The_current_rules_accept_letters_digits_spaces_and_their_symbols(string key, string value)
    {
        Assert.Empty(CurrentRules().Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag(key, value)] })));
    }

    [Theory]
    [InlineData("a!b", "/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter)]
    [InlineData("a/b", "/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter)]
    [InlineData("a\u0001b", "/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter)]
    [InlineData("_sys_owner", "/endpoint/tags/0/key", ValidationCodes.TagKeyReservedPrefix)]
    [InlineData(" key", "/endpoint/tags/0/key", ValidationCodes.TagKeySurroundingSpace)]
    public void The_current_rules_refuse_other_key_characters_the_system_prefix_and_surrounding_spaces(string key, string pointer, string code)
    {
        Assert.Equal([(pointer, code)], CurrentRules().Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag(key, "v")] })).PointersAndCodes());
    }

    [Theory]
    [InlineData("a*b")]
    [InlineData("<b>")]
    [InlineData("a,b")]
    [InlineData("a\tb")]
    public void The_current_rules_refuse_other_value_characters(string value)
    {
        var error = Assert.Single(CurrentRules().Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag("k", value)] })));

        Assert.Equal(("/endpoint/tags/0/value", ValidationCodes.TagValueForbiddenCharacter), (error.Pointer, error.Code));
        Assert.Contains("only letters, digits, spaces and _.:/=+-@", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_current_limits_are_reachable_through_the_options()
    {
        EndpointRequestValidator current = CurrentRules();

        Assert.Empty(current.Validate(RequestDocuments.Request(e => e with { Tags = [.. Tags(19), new ResourceTag(new string('k', 128), new string('v', 255))] })));
        Assert.Equal(
            [("/endpoint/tags", ValidationCodes.TooManyTags), ("/endpoint/tags/0/key", ValidationCodes.TagKeyTooLong), ("/endpoint/tags/0/value", ValidationCodes.TagValueTooLong)],
            current.Validate(RequestDocuments.Request(e => e with { Tags = [new ResourceTag(new string('k', 129), new string('v', 256)), .. Tags(20)] })).PointersAndCodes());
    }

    [Fact]
    public void The_seed_rules_refuse_what_the_current_rules_allow_by_default()
    {
        // Seed page Table 3 forbids = and / in keys and values; the defaults follow the seed page.
        Assert.Equal(
            [("/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter), ("/endpoint/tags/0/value", ValidationCodes.TagValueForbiddenCharacter)],
            Check(e => e with { Tags = [new ResourceTag("team=a", "x/y")] }));
        Assert.Empty(Check(e => e with { Tags = [new ResourceTag("_sys_owner", "a!b")] }));
    }

    // specification_name: Open Telekom Cloud's VPCEP API reference, Creating a VPC Endpoint, Table 2: an optional string.

    [Theory]
    [InlineData("default")]
    [InlineData("professional")]
    public void A_specification_name_is_passed_on_without_a_format_rule(string name)
    {
        Assert.Empty(Check(e => e with { SpecificationName = name }));
    }

    // Unknown members built in code (AdditionalProperties): the same policy as the parser applies to documents.

    private static Dictionary<string, JsonElement> Extra(string name, string json = "1")
    {
        using var document = JsonDocument.Parse(json);
        return new() { [name] = document.RootElement.Clone() };
    }

    [Fact]
    public void An_additional_property_unlike_any_known_field_is_passed_on()
    {
        Assert.Empty(Check(e => e with { AdditionalProperties = Extra("enterprise_project_id", "\"0\"") }));
    }

    [Theory]
    [InlineData("vpc_id", ValidationCodes.DuplicateField)]
    [InlineData("enableDns", ValidationCodes.UnknownField)]
    [InlineData("callback_url", ValidationCodes.UnknownField)]
    public void An_additional_property_that_repeats_resembles_a_known_field_or_belongs_to_the_envelope_is_refused(string name, string code)
    {
        Assert.Equal([("/endpoint/" + name, code)], Check(e => e with { AdditionalProperties = Extra(name) }));
    }

    [Fact]
    public void Every_additional_property_is_refused_when_unknown_endpoint_fields_are_rejected()
    {
        var strict = RequestDocuments.Validator(new ValidationOptions { RejectUnknownEndpointFields = true });

        Assert.Equal(
            [("/endpoint/enterprise_project_id", ValidationCodes.UnknownField)],
            strict.Validate(RequestDocuments.Request(e => e with { AdditionalProperties = Extra("enterprise_project_id") })).PointersAndCodes());
    }

    [Fact]
    public void An_additional_property_without_a_json_value_is_the_wrong_type()
    {
        Assert.Equal(
            [("/endpoint/x_new", ValidationCodes.WrongType)],
            Check(e => e with { AdditionalProperties = new() { ["x_new"] = default } }));
    }

    // port_ip.

    [Theory]
    [InlineData("10.0.0.10")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    public void A_dotted_quad_port_ip_is_valid(string ip)
    {
        Assert.Empty(Check(e => e with { PortIp = ip }));
    }

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.256")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10")]
    [InlineData("")]
    [InlineData("10.0.0.1/32")]
    public void A_port_ip_that_is_not_a_dotted_quad_is_invalid(string ip)
    {
        Assert.Equal([("/endpoint/port_ip", ValidationCodes.InvalidIpv4)], Check(e => e with { PortIp = ip }));
    }

    [Fact]
    public void An_ipv6_port_ip_is_invalid_with_a_message_saying_only_ipv4_is_supported()
    {
        var error = Assert.Single(validator.Validate(RequestDocuments.Request(e => e with { PortIp = "2001:db8::1" })));

        Assert.Equal(("/endpoint/port_ip", ValidationCodes.InvalidIpv4), (error.Pointer, error.Code));
        Assert.Contains("IPv6", error.Message, StringComparison.Ordinal);
        Assert.Contains("IPv4 address only", error.Message, StringComparison.Ordinal);
    }

    // Whitelist.

    [Theory]
    [InlineData("192.168.0.0/24")]
    [InlineData("192.168.0.1")]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.1.2.3/32")]
    [InlineData("10.0.0.0/8")]
    public void Ipv4_addresses_and_canonical_cidrs_are_valid_whitelist_entries(string entry)
    {
        Assert.Empty(Check(e => e with { Whitelist = [entry], EnableWhitelist = true }));
    }

    // The seed page (Table 2), the SDK and the update-whitelist page say only "IPv4 addresses or CIDR blocks";
    // none says whether the service refuses host bits, so intake accepts them unless asked to refuse likely mistakes.
    [Theory]
    [InlineData("192.168.0.1/24")]
    [InlineData("10.0.0.1/0")]
    [InlineData("172.16.5.4/12")]
    public void A_cidr_with_host_bits_set_is_accepted_by_default(string entry)
    {
        Assert.Empty(Check(e => e with { Whitelist = [entry], EnableWhitelist = true }));
    }

    [Theory]
    [InlineData("192.168.0.1/24", "192.168.0.0/24")]
    [InlineData("10.0.0.1/0", "0.0.0.0/0")]
    [InlineData("172.16.5.4/12", "172.16.0.0/12")]
    public void A_cidr_with_host_bits_set_is_non_canonical_when_likely_mistakes_are_refused_and_the_message_suggests_the_block(string entry, string suggestion)
    {
        var strict = RequestDocuments.Validator(new ValidationOptions { RefuseLikelyMistakes = true });

        var error = Assert.Single(strict.Validate(RequestDocuments.Request(e => e with { Whitelist = [entry] })));

        Assert.Equal(("/endpoint/whitelist/0", ValidationCodes.NonCanonicalCidr), (error.Pointer, error.Code));
        Assert.Contains(suggestion, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("10.0.0/8")]
    [InlineData("2001:db8::/32")]
    public void A_malformed_cidr_is_invalid(string entry)
    {
        Assert.Equal([("/endpoint/whitelist/0", ValidationCodes.InvalidCidr)], Check(e => e with { Whitelist = [entry] }));
    }

    [Theory]
    [InlineData("10.0.0.300")]
    [InlineData("::1")]
    [InlineData("example.com")]
    public void A_whitelist_entry_that_is_not_an_ipv4_address_is_invalid(string entry)
    {
        Assert.Equal([("/endpoint/whitelist/0", ValidationCodes.InvalidIpv4)], Check(e => e with { Whitelist = [entry] }));
    }

    // Whether the service refuses a repeated entry is not documented anywhere found (unverified): accepted by default.
    [Fact]
    public void Duplicate_whitelist_entries_are_accepted_by_default()
    {
        Assert.Empty(Check(e => e with { Whitelist = ["10.0.0.0/24", "10.0.0.1", "10.0.0.0/24", "10.0.0.1/32", "10.0.0.5/24"] }));
    }

    [Fact]
    public void Duplicate_whitelist_entries_are_reported_on_the_later_one_including_an_address_and_its_slash_32_when_likely_mistakes_are_refused()
    {
        var strict = RequestDocuments.Validator(new ValidationOptions { RefuseLikelyMistakes = true });

        Assert.Equal(
            [("/endpoint/whitelist/2", ValidationCodes.DuplicateWhitelistEntry), ("/endpoint/whitelist/3", ValidationCodes.DuplicateWhitelistEntry)],
            strict.Validate(RequestDocuments.Request(e => e with { Whitelist = ["10.0.0.0/24", "10.0.0.1", "10.0.0.0/24", "10.0.0.1/32"] })).PointersAndCodes());
    }

    [Fact]
    public void Whitelist_entries_up_to_the_limit_are_valid_and_one_more_is_too_many()
    {
        string[] Entries(int count) => [.. Enumerable.Range(0, count).Select(i => $"10.0.{i}.0/24")];

        Assert.Empty(Check(e => e with { Whitelist = Entries(20) }));
        Assert.Equal([("/endpoint/whitelist", ValidationCodes.TooManyWhitelistEntries)], Check(e => e with { Whitelist = Entries(21) }));
    }

    // Seed page Table 2 and the SDK's CreateEndpointRequestBody: whitelist and enable_whitelist are both optional and
    // independent; Terraform's resource_huaweicloud_vpcep_endpoint.go sends enable_whitelist true without a whitelist
    // when its whitelist is empty. The service accepts it, so intake does.
    [Fact]
    public void Enabling_the_whitelist_without_entries_is_accepted()
    {
        Assert.Empty(Check(e => e with { EnableWhitelist = true }));
        Assert.Empty(Check(e => e with { EnableWhitelist = true, Whitelist = [] }));
    }

    [Fact]
    public void Enabling_the_whitelist_without_entries_is_rejected_when_likely_mistakes_are_refused()
    {
        var strict = RequestDocuments.Validator(new ValidationOptions { RefuseLikelyMistakes = true });

        Assert.Equal(
            [("/endpoint/enable_whitelist", ValidationCodes.WhitelistRequired)],
            strict.Validate(RequestDocuments.Request(e => e with { EnableWhitelist = true })).PointersAndCodes());
        Assert.Equal(
            [("/endpoint/enable_whitelist", ValidationCodes.WhitelistRequired)],
            strict.Validate(RequestDocuments.Request(e => e with { EnableWhitelist = true, Whitelist = [] })).PointersAndCodes());
    }

    [Fact]
    public void A_whitelist_without_enable_whitelist_and_enable_whitelist_false_are_valid()
    {
        Assert.Empty(Check(e => e with { Whitelist = ["10.0.0.0/8"] }));
        Assert.Empty(Check(e => e with { EnableWhitelist = false }));
    }

    // Route tables.

    // A repeated route table is refused only on request: no source says the service refuses it (unverified).
    [Fact]
    public void Route_tables_must_be_uuids_and_duplicates_are_accepted_by_default()
    {
        Assert.Equal(
            [("/endpoint/routetables/1", ValidationCodes.InvalidUuid)],
            Check(e => e with { RouteTables = [RequestDocuments.VpcId, "rtb-1", RequestDocuments.VpcId] }));
    }

    [Fact]
    public void Duplicate_route_tables_are_reported_when_likely_mistakes_are_refused()
    {
        var strict = RequestDocuments.Validator(new ValidationOptions { RefuseLikelyMistakes = true });

        Assert.Equal(
            [("/endpoint/routetables/1", ValidationCodes.InvalidUuid), ("/endpoint/routetables/2", ValidationCodes.DuplicateRouteTable)],
            strict.Validate(RequestDocuments.Request(e => e with { RouteTables = [RequestDocuments.VpcId, "rtb-1", RequestDocuments.VpcId] })).PointersAndCodes());
    }

    [Fact]
    public void Route_tables_up_to_the_limit_are_valid_and_one_more_is_too_many()
    {
        string[] Ids(int count) => [.. Enumerable.Range(0, count).Select(i => $"00000000-0000-0000-0000-{i:D12}")];

        Assert.Empty(Check(e => e with { RouteTables = Ids(20) }));
        Assert.Equal([("/endpoint/routetables", ValidationCodes.TooManyRouteTables)], Check(e => e with { RouteTables = Ids(21) }));
    }

    // Description.

    [Fact]
    public void A_description_of_128_characters_is_valid_and_129_is_too_long()
    {
        Assert.Empty(Check(e => e with { Description = new string('描', 128) }));
        Assert.Equal([("/endpoint/description", ValidationCodes.DescriptionTooLong)], Check(e => e with { Description = new string('d', 129) }));
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("a > b")]
    public void A_description_with_angle_brackets_is_rejected(string description)
    {
        Assert.Equal([("/endpoint/description", ValidationCodes.DescriptionForbiddenCharacter)], Check(e => e with { Description = description }));
    }

    // IP version.

    [Theory]
    [InlineData("ipv4")]
    [InlineData("dualstack")]
    public void Ip_version_ipv4_and_dualstack_are_valid(string version)
    {
        Assert.Empty(Check(e => e with { IpVersion = version }));
    }

    [Theory]
    [InlineData("ipv6")]
    [InlineData("IPv4")]
    [InlineData("")]
    public void Any_other_ip_version_is_invalid(string version)
    {
        Assert.Equal([("/endpoint/ip_version", ValidationCodes.InvalidIpVersion)], Check(e => e with { IpVersion = version }));
    }

    [Fact]
    public void An_ipv6_address_with_dualstack_is_valid()
    {
        Assert.Empty(Check(e => e with { IpVersion = "dualstack", Ipv6Address = "2001:db8:0:1::a" }));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("2001:db8::g")]
    [InlineData("[2001:db8::1]")]
    [InlineData("fe80::1%eth0")]
    public void An_ipv6_address_that_is_not_ipv6_is_invalid(string address)
    {
        Assert.Equal([("/endpoint/ipv6_address", ValidationCodes.InvalidIpv6)], Check(e => e with { IpVersion = "dualstack", Ipv6Address = address }));
    }

    // Terraform's huaweicloud_vpcep_endpoint documentation: with ip_version ipv4 "the VPC endpoint IP address can only
    // be an IPv4 address".
    [Fact]
    public void An_ipv6_address_with_ip_version_ipv4_is_rejected()
    {
        Assert.Equal([("/endpoint/ipv6_address", ValidationCodes.Ipv6RequiresDualstack)], Check(e => e with { IpVersion = "ipv4", Ipv6Address = "2001:db8::1" }));
    }

    // The SDK's CreateEndpointRequestBody documents no default ip_version and does not tie ipv6_address to dualstack
    // (unverified either way), so intake leaves the judgement to the service.
    [Fact]
    public void An_ipv6_address_without_ip_version_is_passed_on()
    {
        Assert.Empty(Check(e => e with { IpVersion = null, Ipv6Address = "2001:db8::1" }));
    }

    [Fact]
    public void An_invalid_ip_version_with_an_ipv6_address_is_reported_once_at_ip_version()
    {
        Assert.Equal([("/endpoint/ip_version", ValidationCodes.InvalidIpVersion)], Check(e => e with { IpVersion = "ipv6", Ipv6Address = "2001:db8::1" }));
    }

    // Policies built in code.

    [Fact]
    public void Policies_of_the_wrong_json_kind_are_the_wrong_type()
    {
        using var document = JsonDocument.Parse("""{"s":{},"d":[]}""");

        Assert.Equal(
            [("/endpoint/policy_statement", ValidationCodes.WrongType), ("/endpoint/policy_document", ValidationCodes.WrongType)],
            Check(e => e with { PolicyStatement = document.RootElement.GetProperty("s").Clone(), PolicyDocument = document.RootElement.GetProperty("d").Clone() }));
    }

    [Fact]
    public void Pointers_start_at_the_given_pointer()
    {
        var errors = validator.Validate(RequestDocuments.Request(e => e with { VpcId = "x" }), "/requests/4");

        Assert.Equal([("/requests/4/endpoint/vpc_id", ValidationCodes.InvalidUuid)], errors.PointersAndCodes());
    }
}
