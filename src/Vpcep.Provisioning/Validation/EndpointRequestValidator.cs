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
/// The rules of the endpoint body are those of Huawei's create-endpoint page (Tables 2 and 3) and
/// its newer fields; limits come from <see cref="ValidationOptions"/>.
/// </summary>
/// <remarks>
/// Lengths of tag keys, tag values and descriptions are counted in Unicode code points (runes),
/// not UTF-8 bytes and not UTF-16 units: a 36-character Chinese key is 36, and an emoji such as
/// U+1F600 is 1. A sequence drawn as one glyph but made of several code points (a ZWJ family emoji,
/// a flag) counts each code point; that is the stricter reading, so nothing accepted here is
/// longer than Huawei's limit however the service counts characters.
/// <para>
/// <c>enable_whitelist: true</c> requires at least one whitelist entry: an enforced, empty
/// whitelist would admit no one, which is never what a request means. A whitelist without
/// <c>enable_whitelist</c> is accepted, as the API accepts it (stored, not enforced).
/// </para>
/// </remarks>
public sealed partial class EndpointRequestValidator
{
    private readonly ValidationOptions options;
    private readonly SearchValues<char> tagForbidden;

    /// <summary>Initializes a new instance of the <see cref="EndpointRequestValidator"/> class.</summary>
    /// <param name="options">The limits to enforce.</param>
    public EndpointRequestValidator(IOptions<ValidationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        tagForbidden = SearchValues.Create(this.options.TagForbiddenCharacters);
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

        if (endpoint.EnableWhitelist == true && (endpoint.Whitelist is null || endpoint.Whitelist.All(e => e is null)))
        {
            errors.Add(new(JsonPointer.Append(pointer, "enable_whitelist"), ValidationCodes.WhitelistRequired,
                "enable_whitelist is true but whitelist has no entries; an enforced empty whitelist would admit no one. Add entries or leave enable_whitelist out."));
        }

        if (endpoint.Description is not null)
        {
            ValidateDescription(endpoint.Description, JsonPointer.Append(pointer, "description"), errors);
        }

        ValidateIpVersion(endpoint, pointer, errors);
        ValidatePolicies(endpoint, pointer, errors);
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
                bool keyValid = TagText(tag.Key, "key", options.MaxTagKeyLength, keyPointer, errors,
                    ValidationCodes.TagKeyTooLong, ValidationCodes.TagKeyForbiddenCharacter, ValidationCodes.TagKeySurroundingSpace);
                if (keyValid && !seenKeys.Add(tag.Key))
                {
                    errors.Add(new(keyPointer, ValidationCodes.DuplicateTagKey,
                        $"The tag key {Quote(tag.Key)} appears more than once; tag keys must be unique."));
                }
            }

            if (tag.Value is not null)
            {
                TagText(tag.Value, "value", options.MaxTagValueLength, JsonPointer.Append(tagPointer, "value"), errors,
                    ValidationCodes.TagValueTooLong, ValidationCodes.TagValueForbiddenCharacter, ValidationCodes.TagValueSurroundingSpace);
            }
        }
    }

    private bool TagText(
        string text, string what, int maxLength, string at, List<ValidationError> errors, string tooLong, string forbidden, string surroundingSpace)
    {
        int before = errors.Count;
        int length = CodePoints(text);
        if (length > maxLength)
        {
            errors.Add(new(at, tooLong,
                Invariant($"The tag {what} has {length} characters; at most {maxLength} are allowed.")));
        }

        int bad = text.AsSpan().IndexOfAny(tagForbidden);
        if (bad >= 0)
        {
            errors.Add(new(at, forbidden,
                $"The tag {what} {Quote(text)} contains '{text[bad]}'; none of {options.TagForbiddenCharacters} is allowed."));
        }

        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            errors.Add(new(at, surroundingSpace,
                $"The tag {what} {Quote(text)} starts or ends with white space, which is not allowed."));
        }

        return errors.Count == before;
    }

    private void ValidateRouteTables(IReadOnlyList<string> routeTables, string pointer, List<ValidationError> errors)
    {
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
            else if (Uuid(id, "The route table id", at, errors) && !seen.Add(id))
            {
                errors.Add(new(at, ValidationCodes.DuplicateRouteTable,
                    $"The route table {Quote(id)} appears more than once in routetables."));
            }
        }
    }

    private static void ValidatePortIp(string portIp, string at, List<ValidationError> errors)
    {
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

                if (!block.IsCanonical)
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

            if (!seen.Add(block))
            {
                errors.Add(new(at, ValidationCodes.DuplicateWhitelistEntry,
                    $"The whitelist entry {Quote(entry)} repeats an earlier entry ({block})."));
            }
        }
    }

    private void ValidateDescription(string description, string at, List<ValidationError> errors)
    {
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
        if (endpoint.IpVersion is not null and not "ipv4" and not "dualstack")
        {
            errors.Add(new(JsonPointer.Append(pointer, "ip_version"), ValidationCodes.InvalidIpVersion,
                $"ip_version {Quote(endpoint.IpVersion)} is not allowed; use ipv4 or dualstack."));
        }

        if (endpoint.Ipv6Address is not null)
        {
            string at = JsonPointer.Append(pointer, "ipv6_address");
            if (!IsIpv6(endpoint.Ipv6Address))
            {
                errors.Add(new(at, ValidationCodes.InvalidIpv6, $"ipv6_address {Quote(endpoint.Ipv6Address)} is not an IPv6 address."));
            }

            if (endpoint.IpVersion != "dualstack")
            {
                errors.Add(new(at, ValidationCodes.Ipv6RequiresDualstack,
                    "ipv6_address is only allowed with ip_version dualstack."));
            }
        }
    }

    private static void ValidatePolicies(CreateEndpointRequest endpoint, string pointer, List<ValidationError> errors)
    {
        // The parser checks these shapes on the document; this covers requests built in code.
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
