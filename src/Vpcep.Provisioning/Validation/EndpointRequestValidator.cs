using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The syntactic rules of a provisioning request: what can be judged without asking the cloud.
/// Intake must not refuse what Huawei accepts and should refuse what Huawei will certainly refuse, so
/// each rule below names its source; docs/validation-rules.md lists them all, verified or not. Limits
/// come from <see cref="ValidationOptions"/>.
/// </summary>
/// <remarks>
/// Lengths of tag keys, tag values and descriptions are counted in Unicode code points (runes),
/// not UTF-8 bytes and not UTF-16 units: a 36-character Chinese key is 36 (the SDK's <c>TagList</c>
/// says Chinese characters count one each), and an emoji such as U+1F600 is 1. A sequence drawn as one
/// glyph but made of several code points (a ZWJ family emoji, a flag) counts each code point. How the
/// service counts characters outside the Basic Multilingual Plane is unverified: a service counting
/// UTF-16 units would count an emoji twice.
/// <para>
/// <c>enable_whitelist: true</c> without entries is accepted: the seed page and the SDK document both
/// members as optional and independent, and Terraform's huaweicloud_vpcep_endpoint sends exactly that
/// body when its whitelist is empty. A whitelist without <c>enable_whitelist</c> is accepted too
/// (stored, not enforced). <see cref="ValidationOptions.RefuseLikelyMistakes"/> refuses the first.
/// </para>
/// </remarks>
public sealed partial class EndpointRequestValidator
{
    private readonly ValidationOptions options;
    private readonly SearchValues<char> tagForbidden;
    private readonly SearchValues<char> tagKeySymbols;
    private readonly SearchValues<char> tagValueSymbols;

    /// <summary>Initializes a new instance of the <see cref="EndpointRequestValidator"/> class.</summary>
    /// <param name="options">The limits to enforce.</param>
    public EndpointRequestValidator(IOptions<ValidationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        tagForbidden = SearchValues.Create(this.options.TagForbiddenCharacters);
        tagKeySymbols = SearchValues.Create(this.options.TagKeyAllowedSymbols);
        tagValueSymbols = SearchValues.Create(this.options.TagValueAllowedSymbols);
    }

    /// <summary>Checks every syntactic rule and returns all problems found (empty when valid).</summary>
    /// <param name="request">The request.</param>
    /// <param name="pointer">The JSON pointer of the request within its document ("" for a whole document).</param>
    /// <returns>The problems, each with a pointer below <paramref name="pointer"/>.</returns>
    public IReadOnlyList<ValidationError> Validate(ProvisioningRequest request, string pointer = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pointer);
        var errors = new List<ValidationError>();
        ValidateEnvelope(request, pointer, errors);

        string endpointPointer = JsonPointer.Append(pointer, "endpoint");
        if (request.Endpoint is null)
        {
            errors.Add(new(endpointPointer, ValidationCodes.Required, "endpoint is required."));
        }
        else
        {
            ValidateEndpoint(request.Endpoint, endpointPointer, errors);
        }

        return errors;
    }

    private void ValidateEnvelope(ProvisioningRequest request, string pointer, List<ValidationError> errors)
    {
        // The envelope is this project's contract. project_id goes into Huawei's path: 32 hexadecimal characters
        // as in every example (seed page); Huawei's current reference documents only 1-64 characters, and other
        // Huawei API pages "32 lower-case letters and digits", so the hexadecimal reading is unverified.
        string at = JsonPointer.Append(pointer, "project_id");
        if (string.IsNullOrWhiteSpace(request.ProjectId))
        {
            errors.Add(new(at, ValidationCodes.Required, "project_id is required."));
        }
        else if (!ProjectIdPattern().IsMatch(request.ProjectId))
        {
            errors.Add(new(at, ValidationCodes.InvalidProjectId,
                $"project_id {Quote(request.ProjectId)} is not a Huawei project id (32 hexadecimal characters)."));
        }

        // Region ids as the official SDKs list them (cn-north-4, eu-west-101, my-kualalumpur-1, ae-ad-1).
        if (request.Region is not null && !RegionPattern().IsMatch(request.Region))
        {
            errors.Add(new(JsonPointer.Append(pointer, "region"), ValidationCodes.InvalidRegion,
                $"region {Quote(request.Region)} is not a region id such as cn-north-4 or ap-southeast-1 (lower case letters, dashes, a number at the end)."));
        }

        if (request.CallbackUrl is not null)
        {
            ValidateCallbackUrl(request.CallbackUrl, JsonPointer.Append(pointer, "callback_url"), errors);
        }
    }

    /// <summary>The callback URL rule (also for a batch's own callback_url): absolute http(s), within the length limit.</summary>
    internal void ValidateCallbackUrl(string callbackUrl, string at, List<ValidationError> errors)
    {
        if (callbackUrl.Length > options.MaxCallbackUrlLength)
        {
            errors.Add(new(at, ValidationCodes.InvalidCallbackUrl,
                Invariant($"callback_url has {callbackUrl.Length} characters; at most {options.MaxCallbackUrlLength} are allowed.")));
        }
        else if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(new(at, ValidationCodes.InvalidCallbackUrl,
                $"callback_url {Quote(callbackUrl)} is not an absolute http or https URL."));
        }
    }

    private void ValidateEndpoint(CreateEndpointRequest endpoint, string pointer, List<ValidationError> errors)
    {
        // Seed page Table 2: endpoint_service_id and vpc_id are mandatory; subnet_id is "in the format of UUID".
        // The others are UUIDs in every example and in the VPC API's id fields; Huawei's current API
        // reference documents only a length of 1-64 for them (a UUID there is this project's reading).
        RequiredUuid(endpoint.EndpointServiceId, "endpoint_service_id", pointer, errors);
        RequiredUuid(endpoint.VpcId, "vpc_id", pointer, errors);
        if (endpoint.SubnetId is not null)
        {
            Uuid(endpoint.SubnetId, "subnet_id", JsonPointer.Append(pointer, "subnet_id"), errors);
        }

        if (endpoint.Tags is not null)
        {
            ValidateTags(endpoint.Tags, JsonPointer.Append(pointer, "tags"), errors);
        }

        if (endpoint.RouteTables is not null)
        {
            ValidateRouteTables(endpoint.RouteTables, JsonPointer.Append(pointer, "routetables"), errors);
        }

        if (endpoint.PortIp is not null)
        {
            ValidatePortIp(endpoint.PortIp, JsonPointer.Append(pointer, "port_ip"), errors);
        }

        if (endpoint.Whitelist is not null)
        {
            ValidateWhitelist(endpoint.Whitelist, JsonPointer.Append(pointer, "whitelist"), errors);
        }

        // Not a service rule (see the class remarks): only on request.
        if (options.RefuseLikelyMistakes && endpoint.EnableWhitelist == true && (endpoint.Whitelist is null || endpoint.Whitelist.All(e => e is null)))
        {
            errors.Add(new(JsonPointer.Append(pointer, "enable_whitelist"), ValidationCodes.WhitelistRequired,
                "enable_whitelist is true but whitelist has no entries; an enforced empty whitelist would admit no one. Add entries or leave enable_whitelist out."));
        }

        if (endpoint.Description is not null)
        {
            ValidateDescription(endpoint.Description, JsonPointer.Append(pointer, "description"), errors);
        }

        // specification_name (Open Telekom Cloud's API reference, Table 2: an optional string) has no
        // documented format; the service judges the name (EndPoint.2009, EndPoint.0015).
        ValidateIpVersion(endpoint, pointer, errors);
        ValidatePolicies(endpoint, pointer, errors);
        ValidateAdditionalProperties(endpoint, pointer, errors);
    }

    /// <summary>
    /// The unknown-member policy for members that reach <see cref="CreateEndpointRequest.AdditionalProperties"/>
    /// other than through the parser (which applies the same policy to documents): a request built in code.
    /// </summary>
    private void ValidateAdditionalProperties(CreateEndpointRequest endpoint, string pointer, List<ValidationError> errors)
    {
        if (endpoint.AdditionalProperties is null)
        {
            return;
        }

        foreach ((string name, JsonElement value) in endpoint.AdditionalProperties)
        {
            string at = JsonPointer.Append(pointer, name);
            if (RequestShape.Endpoint.Members.ContainsKey(name))
            {
                errors.Add(new(at, ValidationCodes.DuplicateField,
                    $"{name} is given both as a field and as an additional property; give it once."));
            }
            else if (options.RejectUnknownEndpointFields)
            {
                errors.Add(new(at, ValidationCodes.UnknownField, $"The endpoint has no field '{name}'."));
            }
            else if (FieldNames.RefusalOfUnknownEndpointMember(name) is { } refusal)
            {
                errors.Add(new(at, ValidationCodes.UnknownField, refusal));
            }
            else if (value.ValueKind == JsonValueKind.Undefined)
            {
                errors.Add(new(at, ValidationCodes.WrongType, $"The additional property {name} has no JSON value."));
            }
        }
    }

    private static void RequiredUuid(string? value, string name, string pointer, List<ValidationError> errors)
    {
        string at = JsonPointer.Append(pointer, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(at, ValidationCodes.Required, $"{name} is required."));
        }
        else
        {
            Uuid(value, name, at, errors);
        }
    }

    private static bool Uuid(string value, string name, string at, List<ValidationError> errors)
    {
        if (UuidPattern().IsMatch(value))
        {
            return true;
        }

        errors.Add(new(at, ValidationCodes.InvalidUuid,
            $"{name} {Quote(value)} is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hexadecimal)."));
        return false;
    }

    private void ValidateTags(IReadOnlyList<ResourceTag> tags, string pointer, List<ValidationError> errors)
    {
        // Seed page Table 2: at most 10 tags (Open Telekom Cloud's reference: 20); EndPoint.3069.
        if (tags.Count > options.MaxTags)
        {
            errors.Add(new(pointer, ValidationCodes.TooManyTags,
                Invariant($"tags has {tags.Count} entries; at most {options.MaxTags} are allowed.")));
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tags.Count; i++)
        {
            string tagPointer = JsonPointer.Append(pointer, i);
            ResourceTag? tag = tags[i];
            if (tag is null)
            {
                errors.Add(new(tagPointer, ValidationCodes.Required, "A tag must be an object with a key."));
                continue;
            }

            // Seed page Table 3: the key "cannot be left blank"; EndPoint.3066 ("The tag cannot be empty").
            string keyPointer = JsonPointer.Append(tagPointer, "key");
            if (tag.Key is null)
            {
                errors.Add(new(keyPointer, ValidationCodes.Required, "The tag key is required."));
            }
            else if (string.IsNullOrWhiteSpace(tag.Key))
            {
                errors.Add(new(keyPointer, ValidationCodes.TagKeyBlank, "The tag key must not be blank."));
            }
            else
            {
                bool keyValid = TagText(tag.Key, isKey: true, keyPointer, errors);

                // Open Telekom Cloud's reference, error codes: EndPoint.3067 "The tag key cannot be duplicated".
                if (keyValid && !seenKeys.Add(tag.Key))
                {
                    errors.Add(new(keyPointer, ValidationCodes.DuplicateTagKey,
                        $"The tag key {Quote(tag.Key)} appears more than once; tag keys must be unique."));
                }
            }

            // Seed page Table 3: a value "can be left blank".
            if (tag.Value is not null)
            {
                TagText(tag.Value, isKey: false, JsonPointer.Append(tagPointer, "value"), errors);
            }
        }
    }

    /// <summary>The length, character and white-space rules of a tag key or value; true when it broke none.</summary>
    private bool TagText(string text, bool isKey, string at, List<ValidationError> errors)
    {
        int before = errors.Count;
        string what = isKey ? "key" : "value";
        bool current = options.TagCharacterRules == TagCharacterRules.Current;

        // Seed page Table 3: key 36, value 43 Unicode characters (current SDK TagList: 128, 255); EndPoint.3072/3073.
        int maxLength = isKey ? options.MaxTagKeyLength : options.MaxTagValueLength;
        int length = CodePoints(text);
        if (length > maxLength)
        {
            errors.Add(new(at, isKey ? ValidationCodes.TagKeyTooLong : ValidationCodes.TagValueTooLong,
                Invariant($"The tag {what} has {length} characters; at most {maxLength} are allowed.")));
        }

        // EndPoint.3068. Control characters: every source that says which characters a tag may hold
        // (SDK TagList: letters, digits, spaces and a few symbols; Open Telekom Cloud's "Tag Character Set
        // Specifications": letters, digits, -, _, @, later also spaces and _.:=+) leaves them out.
        if (FirstDisallowed(text, isKey, current) is { } bad)
        {
            string rule = current
                ? $"only letters, digits, spaces and {(isKey ? options.TagKeyAllowedSymbols : options.TagValueAllowedSymbols)} are allowed"
                : Rune.IsControl(bad)
                    ? "control characters are not allowed"
                    : $"none of {options.TagForbiddenCharacters} is allowed";
            errors.Add(new(at, isKey ? ValidationCodes.TagKeyForbiddenCharacter : ValidationCodes.TagValueForbiddenCharacter,
                $"The tag {what} {Quote(text)} contains {Describe(bad)}; {rule}."));
        }

        // Seed page Table 3: neither key nor value may "start or end with a space". The current SDK TagList
        // keeps this for keys only. A control character is reported above, not here.
        if ((isKey || !current) && text.Length > 0 && (IsSpace(text[0]) || IsSpace(text[^1])))
        {
            errors.Add(new(at, isKey ? ValidationCodes.TagKeySurroundingSpace : ValidationCodes.TagValueSurroundingSpace,
                $"The tag {what} {Quote(text)} starts or ends with white space, which is not allowed."));
        }

        // Current SDK TagList: "_sys_" starts system tags, which tenants cannot enter.
        if (isKey && current && options.TagReservedKeyPrefix.Length > 0 && text.StartsWith(options.TagReservedKeyPrefix, StringComparison.Ordinal))
        {
            errors.Add(new(at, ValidationCodes.TagKeyReservedPrefix,
                $"The tag key {Quote(text)} starts with {options.TagReservedKeyPrefix}, which is reserved for system tags."));
        }

        return errors.Count == before;

        static bool IsSpace(char c) => char.IsWhiteSpace(c) && !char.IsControl(c);
    }

    /// <summary>The first character the tag rules do not allow, or null.</summary>
    private Rune? FirstDisallowed(string text, bool isKey, bool current)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return rune;
            }

            if (!current)
            {
                if (rune.IsBmp && tagForbidden.Contains((char)rune.Value))
                {
                    return rune;
                }

                continue;
            }

            // Letters of any script (with their combining marks), digits, spaces, and the allowed symbols.
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool allowed = Rune.IsLetter(rune) || Rune.IsNumber(rune)
                || category is UnicodeCategory.SpaceSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || (rune.IsBmp && (isKey ? tagKeySymbols : tagValueSymbols).Contains((char)rune.Value));
            if (!allowed)
            {
                return rune;
            }
        }

        return null;
    }

    /// <summary>A character for a message: quoted when printable, its code point otherwise.</summary>
    private static string Describe(Rune rune) =>
        Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}")
            : $"'{rune}'";

    private void ValidateRouteTables(IReadOnlyList<string> routeTables, string pointer, List<ValidationError> errors)
    {
        // No source states a limit (unverified): MaxRouteTables is this project's bound on the input.
        if (routeTables.Count > options.MaxRouteTables)
        {
            errors.Add(new(pointer, ValidationCodes.TooManyRouteTables,
                Invariant($"routetables has {routeTables.Count} entries; at most {options.MaxRouteTables} are allowed.")));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < routeTables.Count; i++)
        {
            string? id = routeTables[i];
            string at = JsonPointer.Append(pointer, i);
            if (id is null)
            {
                errors.Add(new(at, ValidationCodes.Required, "A route table id must be a string."));
            }
            else if (Uuid(id, "The route table id", at, errors) && !seen.Add(id) && options.RefuseLikelyMistakes)
            {
                // Whether the service refuses a repeated route table is unverified: only on request.
                errors.Add(new(at, ValidationCodes.DuplicateRouteTable,
                    $"The route table {Quote(id)} appears more than once in routetables."));
            }
        }
    }

    private static void ValidatePortIp(string portIp, string at, List<ValidationError> errors)
    {
        // Seed page Table 2: "Only IPv4 addresses are supported". Strict dotted quad (see Ipv4): whether the
        // service also takes forms such as 010.0.0.1 is unverified; they are refused as ambiguous.
        if (Ipv4.TryParseAddress(portIp, out _))
        {
            return;
        }

        string message = IsIpv6(portIp)
            ? $"port_ip {Quote(portIp)} is an IPv6 address; port_ip takes an IPv4 address only (use ipv6_address with ip_version dualstack for IPv6)."
            : $"port_ip {Quote(portIp)} is not an IPv4 address (four decimal numbers 0-255 separated by dots).";
        errors.Add(new(at, ValidationCodes.InvalidIpv4, message));
    }

    private void ValidateWhitelist(IReadOnlyList<string> whitelist, string pointer, List<ValidationError> errors)
    {
        // Terraform's huaweicloud_vpcep_endpoint documentation and Open Telekom Cloud's user guide: at most 20
        // records; EndPoint.2045 ("whitelist full").
        if (whitelist.Count > options.MaxWhitelistEntries)
        {
            errors.Add(new(pointer, ValidationCodes.TooManyWhitelistEntries,
                Invariant($"whitelist has {whitelist.Count} entries; at most {options.MaxWhitelistEntries} are allowed.")));
        }

        var seen = new HashSet<Ipv4Cidr>();
        for (int i = 0; i < whitelist.Count; i++)
        {
            string? entry = whitelist[i];
            string at = JsonPointer.Append(pointer, i);
            if (entry is null)
            {
                errors.Add(new(at, ValidationCodes.Required, "A whitelist entry must be a string."));
                continue;
            }

            // Seed page Table 2 and the SDK: "IPv4 addresses or CIDR blocks"; anything else is EndPoint.2044.
            Ipv4Cidr block;
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                if (!Ipv4Cidr.TryParse(entry, out block))
                {
                    string why = IsIpv6(entry[..entry.IndexOf('/', StringComparison.Ordinal)])
                        ? "it is an IPv6 block; the whitelist takes IPv4 only"
                        : "expected an IPv4 address, '/', and a prefix length of 0-32, such as 192.168.0.0/24";
                    errors.Add(new(at, ValidationCodes.InvalidCidr, $"The whitelist entry {Quote(entry)} is not an IPv4 CIDR block: {why}."));
                    continue;
                }

                // No source says whether the service takes a block with host bits set (192.168.0.1/24) or
                // refuses it (unverified), so it is accepted unless likely mistakes are to be refused.
                if (!block.IsCanonical && options.RefuseLikelyMistakes)
                {
                    errors.Add(new(at, ValidationCodes.NonCanonicalCidr,
                        $"The whitelist entry {Quote(entry)} has host bits set; did you mean {block}?"));
                    continue;
                }
            }
            else if (Ipv4.TryParseAddress(entry, out uint address))
            {
                block = new Ipv4Cidr(address, 32);
            }
            else
            {
                string why = IsIpv6(entry) ? "it is an IPv6 address; the whitelist takes IPv4 only" : "expected an IPv4 address or CIDR block";
                errors.Add(new(at, ValidationCodes.InvalidIpv4, $"The whitelist entry {Quote(entry)} is not an IPv4 address: {why}."));
                continue;
            }

            // Whether the service refuses a repeated entry is unverified: only on request. A block is
            // compared by the addresses it names, so 10.0.0.1 repeats 10.0.0.1/32.
            if (!seen.Add(block with { Address = block.Network }) && options.RefuseLikelyMistakes)
            {
                errors.Add(new(at, ValidationCodes.DuplicateWhitelistEntry,
                    $"The whitelist entry {Quote(entry)} repeats an earlier entry ({block})."));
            }
        }
    }

    private void ValidateDescription(string description, string at, List<ValidationError> errors)
    {
        // Open Telekom Cloud's reference, Table 2: at most 128 characters, no < or > (the SDK repeats the
        // angle brackets).
        int length = CodePoints(description);
        if (length > options.MaxDescriptionLength)
        {
            errors.Add(new(at, ValidationCodes.DescriptionTooLong,
                Invariant($"description has {length} characters; at most {options.MaxDescriptionLength} are allowed.")));
        }

        if (description.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            errors.Add(new(at, ValidationCodes.DescriptionForbiddenCharacter, "description must not contain '<' or '>'."));
        }
    }

    private static void ValidateIpVersion(CreateEndpointRequest endpoint, string pointer, List<ValidationError> errors)
    {
        // SDK CreateEndpointRequestBody: ip_version is the enum ipv4 or dualstack (professional endpoints only,
        // which intake cannot tell).
        if (endpoint.IpVersion is not null and not "ipv4" and not "dualstack")
        {
            errors.Add(new(JsonPointer.Append(pointer, "ip_version"), ValidationCodes.InvalidIpVersion,
                $"ip_version {Quote(endpoint.IpVersion)} is not allowed; use ipv4 or dualstack."));
        }

        if (endpoint.Ipv6Address is not null)
        {
            // SDK: "the IPv6 address" of the endpoint. Terraform's documentation adds that it must lie in the
            // subnet's IPv6 block, which only the cloud can check.
            string at = JsonPointer.Append(pointer, "ipv6_address");
            if (!IsIpv6(endpoint.Ipv6Address))
            {
                errors.Add(new(at, ValidationCodes.InvalidIpv6, $"ipv6_address {Quote(endpoint.Ipv6Address)} is not an IPv6 address."));
            }

            // Terraform's huaweicloud_vpcep_endpoint documentation: with ipv4 "the VPC endpoint IP address can
            // only be an IPv4 address". Without ip_version the service's default is not documented
            // (unverified), so the address is passed on for the service to judge.
            if (endpoint.IpVersion == "ipv4")
            {
                errors.Add(new(at, ValidationCodes.Ipv6RequiresDualstack,
                    "ipv6_address is not allowed with ip_version ipv4; use ip_version dualstack."));
            }
        }
    }

    private static void ValidatePolicies(CreateEndpointRequest endpoint, string pointer, List<ValidationError> errors)
    {
        // The parser checks these shapes on the document; this covers requests built in code. SDK
        // CreateEndpointRequestBody: policy_statement is an array of PolicyStatement; policy_document is typed
        // "any" (interface{}), but every example (Terraform's huaweicloud_vpcep_endpoint documentation) is an
        // IAM-style object {Version, Statement}; whether the service takes anything else is unverified.
        if (endpoint.PolicyStatement is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.Add(new(JsonPointer.Append(pointer, "policy_statement"), ValidationCodes.WrongType, "policy_statement must be an array."));
        }

        if (endpoint.PolicyDocument is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.Add(new(JsonPointer.Append(pointer, "policy_document"), ValidationCodes.WrongType, "policy_document must be an object."));
        }
    }

    private static bool IsIpv6(string text) =>
        text.Contains(':', StringComparison.Ordinal)
        && text.AsSpan().IndexOfAny("[]%/") < 0
        && IPAddress.TryParse(text, out IPAddress? address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static int CodePoints(string text)
    {
        int count = 0;
        foreach (Rune _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Quotes a submitted value for a message, shortened so a huge value cannot flood logs.</summary>
    private static string Quote(string value) =>
        value.Length <= 80 ? $"'{value}'" : $"'{value[..77]}...'";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[0-9a-fA-F]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectIdPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
