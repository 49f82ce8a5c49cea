using Microsoft.AspNetCore.Http.HttpResults;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>The VPC endpoint operations: <c>/v1/{project_id}/vpc-endpoints</c>.</summary>
internal static class EndpointsApi
{
    public static IEndpointRouteBuilder MapEndpointsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/v1/{projectId}/vpc-endpoints").AddEndpointFilter<ProjectIdFilter>();
        group.MapPost("", CreateAsync).WithName(Operations.CreateEndpoint);
        group.MapGet("", List).WithName(Operations.ListEndpoints);
        group.MapGet("/{endpointId}", Get).WithName(Operations.GetEndpoint);
        group.MapDelete("/{endpointId}", Delete).WithName(Operations.DeleteEndpoint);
        group.MapPut("/{endpointId}", UpdateWhitelistAsync).WithName(Operations.UpdateEndpointWhitelist);
        group.MapPut("/{endpointId}/policy", UpdatePolicyAsync).WithName(Operations.UpdateEndpointPolicy);
        group.MapPut("/{endpointId}/routetables", UpdateRouteTablesAsync).WithName(Operations.UpdateEndpointRouteTables);
        return routes;
    }

    private static async Task<IResult> CreateAsync(string projectId, HttpContext context, Catalog catalog, EndpointRegistry registry, EndpointRules rules)
    {
        CreateEndpointRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.CreateEndpointRequest);

        // Checked in the order a caller fixes them: identifiers, references, then field values.
        if (string.IsNullOrWhiteSpace(request.EndpointServiceId))
        {
            throw Errors.ParameterError("endpoint_service_id is required.");
        }

        if (string.IsNullOrWhiteSpace(request.VpcId))
        {
            throw Errors.VpcIdEmpty();
        }

        ServiceFixture service = catalog.FindService(request.EndpointServiceId) ?? throw Errors.ServiceNotFound(request.EndpointServiceId);
        if (!service.Available)
        {
            throw Errors.ServiceUnavailable(service.Id);
        }

        VpcFixture vpc = catalog.FindVpc(request.VpcId) ?? throw Errors.VpcNotFound(request.VpcId);
        SubnetFixture? subnet = null;
        uint? portIp = null;
        if (service.ServiceType == ServiceTypes.Interface)
        {
            if (string.IsNullOrWhiteSpace(request.SubnetId))
            {
                throw Errors.SubnetIdEmpty();
            }

            subnet = ValidSubnet(catalog, vpc, request.SubnetId);
            portIp = ValidPortIp(subnet, request.PortIp);
        }

        if (request.IpVersion is not null and not "ipv4" and not "dualstack")
        {
            throw Errors.ParameterError("ip_version must be ipv4 or dualstack.");
        }

        // ipv6_address: an IPv6 address, never with ip_version ipv4 (Terraform's vpcep endpoint docs; see docs/validation-rules.md).
        if (request.Ipv6Address is { } ipv6
            && (request.IpVersion == "ipv4" || !System.Net.IPAddress.TryParse(ipv6, out System.Net.IPAddress? parsed)
                || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6))
        {
            throw Errors.ParameterError("ipv6_address must be an IPv6 address of a dualstack endpoint.");
        }

        var spec = new NewEndpoint(
            service,
            vpc,
            subnet,
            portIp,
            request.EnableDns ?? false,
            rules.Tags(request.Tags),
            rules.Whitelist(request.Whitelist),
            request.EnableWhitelist ?? false,
            request.Routetables,
            EndpointRules.Description(request.Description),
            request.PolicyStatement,
            request.PolicyDocument,
            request.IpVersion,
            request.Ipv6Address,
            request.SpecificationName);
        return TypedResults.Json(registry.Create(projectId, spec), EmulatorJsonContext.Default.EndpointBody);
    }

    private static JsonHttpResult<EndpointBody> Get(string projectId, string endpointId, EndpointRegistry registry) =>
        TypedResults.Json(registry.Get(projectId, endpointId), EmulatorJsonContext.Default.EndpointBody);

    private static JsonHttpResult<EndpointListBody> List(string projectId, HttpRequest request, EndpointRegistry registry)
    {
        IQueryCollection q = request.Query;
        if (!RequestBody.TryParseNonNegative(q["limit"].FirstOrDefault(), out int? limit) || limit > 1000)
        {
            throw Errors.InvalidLimit();
        }

        if (!RequestBody.TryParseNonNegative(q["offset"].FirstOrDefault(), out int? offset))
        {
            throw Errors.InvalidOffset();
        }

        // The docs spell the keys both ways; accept both.
        bool sortByUpdate = q["sort_key"].FirstOrDefault() switch
        {
            null or "create_at" or "created_at" => false,
            "update_at" or "updated_at" => true,
            _ => throw Errors.InvalidSortKey(),
        };
        bool ascending = q["sort_dir"].FirstOrDefault() switch
        {
            null or "desc" => false,
            "asc" => true,
            _ => throw Errors.InvalidSortDir(),
        };
        var query = new EndpointQuery(
            q["endpoint_service_name"].FirstOrDefault(), q["vpc_id"].FirstOrDefault(), q["id"].FirstOrDefault(),
            limit ?? 10, offset ?? 0, sortByUpdate, ascending);
        (IReadOnlyList<EndpointBody> page, int total) = registry.List(projectId, query);
        return TypedResults.Json(new EndpointListBody(page, total), EmulatorJsonContext.Default.EndpointListBody);
    }

    // Huawei Cloud VPCEP API reference, "Deleting a VPC Endpoint": DELETE /v1/{project_id}/vpc-endpoints/{vpc_endpoint_id}
    // answers 204 without a body; the endpoint shows "deleting" until it is gone, then 404 EndPoint.2006. A second delete
    // meanwhile is 400 EndPoint.2018 ("being deleted", the reference's error code table). The endpoint holds its quota and
    // its port IP until it is gone: the emulator's choice, as the references do not say when a deleting endpoint stops counting.
    private static NoContent Delete(string projectId, string endpointId, EndpointRegistry registry)
    {
        registry.Delete(projectId, endpointId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UpdateWhitelistAsync(string projectId, string endpointId, HttpContext context, EndpointRegistry registry, EndpointRules rules)
    {
        UpdateWhitelistRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.UpdateWhitelistRequest);
        IReadOnlyList<string>? whitelist = request.Whitelist is null ? null : rules.Whitelist(request.Whitelist);
        EndpointBody body = registry.Modify(projectId, endpointId, record =>
        {
            if (whitelist is not null)
            {
                record.Whitelist = [.. whitelist];
            }

            if (request.EnableWhitelist is { } enable)
            {
                record.EnableWhitelist = enable;
            }
        });
        return TypedResults.Json(body, EmulatorJsonContext.Default.EndpointBody);
    }

    private static async Task<IResult> UpdatePolicyAsync(string projectId, string endpointId, HttpContext context, EndpointRegistry registry)
    {
        UpdatePolicyRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.UpdatePolicyRequest);
        if (request.PolicyStatement is null && request.PolicyDocument is null)
        {
            throw Errors.ParameterError("policy_statement or policy_document is required.");
        }

        EndpointBody body = registry.Modify(projectId, endpointId, record =>
        {
            record.PolicyStatement = request.PolicyStatement ?? record.PolicyStatement;
            record.PolicyDocument = request.PolicyDocument ?? record.PolicyDocument;
        });
        return TypedResults.Json(body, EmulatorJsonContext.Default.EndpointBody);
    }

    private static async Task<IResult> UpdateRouteTablesAsync(string projectId, string endpointId, HttpContext context, EndpointRegistry registry)
    {
        UpdateRouteTablesRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.UpdateRouteTablesRequest);
        if (request.Routetables is null)
        {
            throw Errors.ParameterError("routetables is required.");
        }

        EndpointBody body = registry.Modify(projectId, endpointId, record =>
        {
            if (record.Service.ServiceType != ServiceTypes.Gateway)
            {
                throw Errors.ParameterError("route tables can only be updated on gateway endpoints.");
            }

            record.RouteTables = [.. request.Routetables];
        });
        return TypedResults.Json(body, EmulatorJsonContext.Default.EndpointBody);
    }

    private static SubnetFixture ValidSubnet(Catalog catalog, VpcFixture vpc, string subnetId)
    {
        SubnetFixture subnet = catalog.FindSubnet(subnetId) ?? throw Errors.InvalidSubnet($"the subnet {subnetId} does not exist.");
        if (!string.Equals(subnet.VpcId, vpc.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw Errors.InvalidSubnet($"the subnet {subnetId} is not in the VPC {vpc.Id}.");
        }

        // The seed page: the subnet's CIDR block cannot overlap 198.19.128.0/17 (used by the service itself).
        if (Cidr.TryParse(subnet.Cidr, out Cidr cidr) && Cidr.TryParse("198.19.128.0/17", out Cidr reserved) && cidr.Overlaps(reserved))
        {
            throw Errors.InvalidSubnet($"the CIDR block of subnet {subnetId} overlaps 198.19.128.0/17.");
        }

        return subnet;
    }

    private static uint? ValidPortIp(SubnetFixture subnet, string? portIp)
    {
        if (portIp is null)
        {
            return null;
        }

        if (!Ipv4.TryParse(portIp, out uint address))
        {
            throw Errors.InvalidPortIp(portIp);
        }

        uint? gateway = Ipv4.TryParse(subnet.GatewayIp, out uint g) ? g : null;
        if (!Cidr.TryParse(subnet.Cidr, out Cidr cidr) || !cidr.Contains(address)
            || address == cidr.Network || address == cidr.Broadcast || address == gateway)
        {
            throw Errors.PortIpNotInSubnet(portIp);
        }

        return address;
    }
}
