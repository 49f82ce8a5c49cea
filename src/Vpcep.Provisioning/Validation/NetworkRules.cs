using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Vpcep.HuaweiCloud.Models;
using static Vpcep.Provisioning.Validation.RuleText;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The rules of where an endpoint sits and who may reach it: the service, VPC and subnet ids, route tables,
/// port_ip, the whitelist (and enable_whitelist), ip_version and ipv6_address.
/// </summary>
internal sealed partial class NetworkRules(ValidationOptions options)
{
    /// <summary>endpoint_service_id and vpc_id (required) and subnet_id: UUIDs.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public static void Ids(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        // Seed page Table 2: endpoint_service_id and vpc_id are mandatory; subnet_id is "in the format of UUID".
        // The others are UUIDs in every example and in the VPC API's id fields; Huawei's current API
        // reference documents only a length of 1-64 for them (a UUID there is this project's reading).
        RequiredUuid(endpoint.EndpointServiceId, "endpoint_service_id", errors);
        RequiredUuid(endpoint.VpcId, "vpc_id", errors);
        if (endpoint.SubnetId is not null)
        {
            Uuid(endpoint.SubnetId, "subnet_id", errors.At("subnet_id"));
        }
    }

    /// <summary>routetables, port_ip, whitelist and enable_whitelist.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public void Access(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        if (endpoint.RouteTables is not null)
        {
            RouteTables(endpoint.RouteTables, errors.At("routetables"));
        }

        if (endpoint.PortIp is not null)
        {
            PortIp(endpoint.PortIp, errors.At("port_ip"));
        }

        if (endpoint.Whitelist is not null)
        {
            Whitelist(endpoint.Whitelist, errors.At("whitelist"));
        }

        // Not a service rule (see EndpointRequestValidator's remarks): only on request.
        if (options.RefuseLikelyMistakes && endpoint.EnableWhitelist == true && (endpoint.Whitelist is null || endpoint.Whitelist.All(e => e is null)))
        {
            errors.At("enable_whitelist").Add(ValidationCodes.WhitelistRequired,
                "enable_whitelist is true but whitelist has no entries; an enforced empty whitelist would admit no one. Add entries or leave enable_whitelist out.");
        }
    }

    /// <summary>ip_version and ipv6_address.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public static void IpVersion(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        // SDK CreateEndpointRequestBody: ip_version is the enum ipv4 or dualstack (professional endpoints only,
        // which intake cannot tell).
        if (endpoint.IpVersion is not null and not "ipv4" and not "dualstack")
        {
            errors.At("ip_version").Add(ValidationCodes.InvalidIpVersion,
                $"ip_version {Quote(endpoint.IpVersion)} is not allowed; use ipv4 or dualstack.");
        }

        if (endpoint.Ipv6Address is not null)
        {
            // SDK: "the IPv6 address" of the endpoint. Terraform's documentation adds that it must lie in the
            // subnet's IPv6 block, which only the cloud can check.
            ErrorCollector at = errors.At("ipv6_address");
            if (!IsIpv6(endpoint.Ipv6Address))
            {
                at.Add(ValidationCodes.InvalidIpv6, $"ipv6_address {Quote(endpoint.Ipv6Address)} is not an IPv6 address.");
            }

            // Terraform's huaweicloud_vpcep_endpoint documentation: with ipv4 "the VPC endpoint IP address can
            // only be an IPv4 address". Without ip_version the service's default is not documented
            // (unverified), so the address is passed on for the service to judge.
            if (endpoint.IpVersion == "ipv4")
            {
                at.Add(ValidationCodes.Ipv6RequiresDualstack, "ipv6_address is not allowed with ip_version ipv4; use ip_version dualstack.");
            }
        }
    }

    private static void RequiredUuid(string? value, string name, ErrorCollector errors)
    {
        ErrorCollector at = errors.At(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            at.Add(ValidationCodes.Required, $"{name} is required.");
        }
        else
        {
            Uuid(value, name, at);
        }
    }

    private static bool Uuid(string value, string name, ErrorCollector at)
    {
        if (UuidPattern().IsMatch(value))
        {
            return true;
        }

        at.Add(ValidationCodes.InvalidUuid, $"{name} {Quote(value)} is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hexadecimal).");
        return false;
    }

    private void RouteTables(IReadOnlyList<string> routeTables, ErrorCollector errors)
    {
        // No source states a limit (unverified): MaxRouteTables is this project's bound on the input.
        if (routeTables.Count > options.MaxRouteTables)
        {
            errors.Add(ValidationCodes.TooManyRouteTables,
                Invariant($"routetables has {routeTables.Count} entries; at most {options.MaxRouteTables} are allowed."));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < routeTables.Count; i++)
        {
            string? id = routeTables[i];
            ErrorCollector at = errors.At(i);
            if (id is null)
            {
                at.Add(ValidationCodes.Required, "A route table id must be a string.");
            }
            else if (Uuid(id, "The route table id", at) && !seen.Add(id) && options.RefuseLikelyMistakes)
            {
                // Whether the service refuses a repeated route table is unverified: only on request.
                at.Add(ValidationCodes.DuplicateRouteTable, $"The route table {Quote(id)} appears more than once in routetables.");
            }
        }
    }

    private static void PortIp(string portIp, ErrorCollector at)
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
        at.Add(ValidationCodes.InvalidIpv4, message);
    }

    private void Whitelist(IReadOnlyList<string> whitelist, ErrorCollector errors)
    {
        // Terraform's huaweicloud_vpcep_endpoint documentation and Open Telekom Cloud's user guide: at most 20
        // records; EndPoint.2045 ("whitelist full").
        if (whitelist.Count > options.MaxWhitelistEntries)
        {
            errors.Add(ValidationCodes.TooManyWhitelistEntries,
                Invariant($"whitelist has {whitelist.Count} entries; at most {options.MaxWhitelistEntries} are allowed."));
        }

        var seen = new HashSet<Ipv4Cidr>();
        for (int i = 0; i < whitelist.Count; i++)
        {
            string? entry = whitelist[i];
            ErrorCollector at = errors.At(i);
            if (entry is null)
            {
                at.Add(ValidationCodes.Required, "A whitelist entry must be a string.");
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
                    at.Add(ValidationCodes.InvalidCidr, $"The whitelist entry {Quote(entry)} is not an IPv4 CIDR block: {why}.");
                    continue;
                }

                // No source says whether the service takes a block with host bits set (192.168.0.1/24) or
                // refuses it (unverified), so it is accepted unless likely mistakes are to be refused.
                if (!block.IsCanonical && options.RefuseLikelyMistakes)
                {
                    at.Add(ValidationCodes.NonCanonicalCidr, $"The whitelist entry {Quote(entry)} has host bits set; did you mean {block}?");
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
                at.Add(ValidationCodes.InvalidIpv4, $"The whitelist entry {Quote(entry)} is not an IPv4 address: {why}.");
                continue;
            }

            // Whether the service refuses a repeated entry is unverified: only on request. A block is
            // compared by the addresses it names, so 10.0.0.1 repeats 10.0.0.1/32.
            if (!seen.Add(block with { Address = block.Network }) && options.RefuseLikelyMistakes)
            {
                at.Add(ValidationCodes.DuplicateWhitelistEntry, $"The whitelist entry {Quote(entry)} repeats an earlier entry ({block}).");
            }
        }
    }

    private static bool IsIpv6(string text) =>
        text.Contains(':', StringComparison.Ordinal)
        && text.AsSpan().IndexOfAny("[]%/") < 0
        && IPAddress.TryParse(text, out IPAddress? address)
        && address.AddressFamily == AddressFamily.InterNetworkV6;

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();
}
