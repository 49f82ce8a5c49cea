using System.Text.Json;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Checks a syntactically valid request against the cloud before anything is created: the endpoint
/// service, VPC and subnet exist and fit together, the fields suit the service's type, and the
/// project's endpoint quota has room.
/// </summary>
/// <remarks>
/// Only answers meaning "does not exist" become validation errors. Every other
/// <see cref="HuaweiCloudException"/> (throttling, 5xx, authentication, permission) propagates so the
/// caller can retry or fail the run; a request must never be rejected because the cloud was busy.
/// Run <see cref="EndpointRequestValidator"/> first: ids are assumed to be well-formed.
/// <para>
/// Type rules, from the seed page (Table 2) and the SDK's CreateEndpointRequestBody
/// (huaweicloud-sdk-go-v3 services/vpcep/v1/model/model_create_endpoint_request_body.go): an interface
/// service needs <c>subnet_id</c> and takes neither <c>routetables</c> ("only for gateway") nor
/// <c>policy_statement</c> (gateway endpoints of OBS/SFS only); a gateway service takes none of
/// <c>port_ip</c>, <c>whitelist</c>, <c>enable_whitelist: true</c> ("only for interface") and
/// <c>policy_document</c> (interface services with <c>enable_policy</c>). The sources say these members
/// are "available only" for the other type; whether the service refuses them or ignores them is
/// unverified. A gateway request may carry a subnet_id, which the page does not forbid; it is then
/// checked like any subnet. Empty lists count as absent. Subnet addresses Huawei reserves besides the
/// gateway, network and broadcast addresses are not checked here; the service reports them
/// (<c>EndPoint.2041</c>).
/// </para>
/// </remarks>
public sealed class CloudValidator
{
    /// <summary>Huawei reserves this block for VPC endpoints; the endpoint's subnet must not overlap it (seed page Table 2, subnet_id note).</summary>
    private static readonly Ipv4Cidr ReservedBlock = new(0xC6138000, 17); // 198.19.128.0/17

    private readonly VpcepClient vpcep;
    private readonly VpcClient vpc;
    private readonly CloudLookupCache? cache;

    /// <summary>Initializes a new instance of the <see cref="CloudValidator"/> class.</summary>
    /// <param name="vpcep">The VPC Endpoint client, for the endpoint service.</param>
    /// <param name="vpc">The VPC client, for the VPC and subnet.</param>
    /// <param name="cache">Remembers look-ups so a batch asks once per distinct value; none: every request asks.</param>
    public CloudValidator(VpcepClient vpcep, VpcClient vpc, CloudLookupCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(vpcep);
        ArgumentNullException.ThrowIfNull(vpc);
        this.vpcep = vpcep;
        this.vpc = vpc;
        this.cache = cache;
    }

    /// <summary>Looks up the endpoint service, VPC and subnet (concurrently) and returns every problem found.</summary>
    /// <param name="request">A request that passed <see cref="EndpointRequestValidator"/>.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    /// <returns>The problems, with pointers from the request's root (for example <c>/endpoint/subnet_id</c>); empty when valid.</returns>
    /// <exception cref="HuaweiCloudException">The cloud failed in a way other than "not found".</exception>
    public async Task<IReadOnlyList<ValidationError>> ValidateAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CreateEndpointRequest endpoint = request.Endpoint;
        var scope = new ProjectScope(request.ProjectId, request.Region);

        Task<EndpointServiceInfo?> serviceLookup = RememberedAsync(
            "service", scope, endpoint.EndpointServiceId!, () => FindAsync(() => vpcep.DescribeServiceAsync(scope, endpoint.EndpointServiceId!, cancellationToken)));
        Task<Vpc?> vpcLookup = RememberedAsync(
            "vpc", scope, endpoint.VpcId!, () => FindAsync(() => vpc.GetVpcAsync(scope, endpoint.VpcId!, cancellationToken)));
        Task<Subnet?> subnetLookup = endpoint.SubnetId is null
            ? Task.FromResult<Subnet?>(null)
            : RememberedAsync(
                "subnet", scope, endpoint.SubnetId, () => FindAsync(() => vpc.GetSubnetAsync(scope, endpoint.SubnetId, cancellationToken)));
        Task<QuotaResource?> quotaLookup = RememberedAsync(
            "quota", scope, "endpoint", async () => (await vpcep.GetQuotasAsync(scope, "endpoint", cancellationToken))
                .FirstOrDefault(q => string.Equals(q.Type, "endpoint", StringComparison.OrdinalIgnoreCase)));
        await Task.WhenAll(serviceLookup, vpcLookup, subnetLookup, quotaLookup);

        var errors = new List<ValidationError>();
        QuotaResource? quota = await quotaLookup;
        // The create would fail with Endpoint.1018 (quota exceeded).
        if (quota is not null && quota.Quota >= 0 && quota.Used >= quota.Quota)
        {
            errors.Add(new("/project_id", ValidationCodes.EndpointQuotaExhausted,
                $"Project {request.ProjectId} already has {quota.Used} of its {quota.Quota} VPC endpoints; raise the quota or delete endpoints first."));
        }

        EndpointServiceInfo? service = await serviceLookup;
        if (service is null)
        {
            errors.Add(new("/endpoint/endpoint_service_id", ValidationCodes.EndpointServiceNotFound,
                $"The endpoint service {endpoint.EndpointServiceId} does not exist or is not visible to project {request.ProjectId}."));
        }
        else
        {
            CheckServiceType(service, endpoint, errors);
        }

        if (await vpcLookup is null)
        {
            errors.Add(new("/endpoint/vpc_id", ValidationCodes.VpcNotFound,
                $"The VPC {endpoint.VpcId} does not exist in project {request.ProjectId}."));
        }

        if (endpoint.SubnetId is not null)
        {
            Subnet? subnet = await subnetLookup;
            if (subnet is null)
            {
                errors.Add(new("/endpoint/subnet_id", ValidationCodes.SubnetNotFound,
                    $"The subnet {endpoint.SubnetId} does not exist in project {request.ProjectId}."));
            }
            else
            {
                CheckSubnet(subnet, endpoint, errors);
            }
        }

        return errors;
    }

    /// <summary>A look-up through the cache when there is one, keyed by what it depends on.</summary>
    private Task<T?> RememberedAsync<T>(string kind, ProjectScope scope, string id, Func<Task<T?>> lookup)
        where T : class =>
        cache is null
            ? lookup()
            : cache.GetAsync(string.Join('|', kind, scope.ProjectId, scope.Region ?? "", id), lookup);

    /// <summary>
    /// The resource, or null when the service's error code says it does not exist. A bare 404 is not enough:
    /// the API gateway answers 404 <c>APIG.0101</c> for a wrong region or host, which must not be reported as
    /// a missing VPC (see <see cref="HuaweiCloudException.IsNotFound"/>).
    /// </summary>
    private static async Task<T?> FindAsync<T>(Func<Task<T>> lookup)
        where T : class
    {
        try
        {
            return await lookup();
        }
        catch (HuaweiCloudException exception) when (exception.IsNotFound || exception.IsMissingReference)
        {
            return null;
        }
    }

    private static void CheckServiceType(EndpointServiceInfo service, CreateEndpointRequest endpoint, List<ValidationError> errors)
    {
        string name = service.ServiceName ?? service.Id;
        if (string.Equals(service.ServiceType, EndpointServiceType.Interface, StringComparison.OrdinalIgnoreCase))
        {
            if (endpoint.SubnetId is null)
            {
                errors.Add(new("/endpoint/subnet_id", ValidationCodes.Required,
                    $"subnet_id is required to connect to the interface endpoint service {name}."));
            }

            NotAllowed(endpoint.RouteTables is { Count: > 0 }, "routetables", "interface", name, errors);
            NotAllowed(IsPresent(endpoint.PolicyStatement), "policy_statement", "interface", name, errors);
            if (IsPresent(endpoint.PolicyDocument) && service.EnablePolicy != true)
            {
                errors.Add(new("/endpoint/policy_document", ValidationCodes.PolicyNotSupported,
                    $"The endpoint service {name} does not enable policies, so policy_document is not allowed."));
            }
        }
        else if (string.Equals(service.ServiceType, EndpointServiceType.Gateway, StringComparison.OrdinalIgnoreCase))
        {
            NotAllowed(endpoint.PortIp is not null, "port_ip", "gateway", name, errors);
            NotAllowed(endpoint.Whitelist is { Count: > 0 }, "whitelist", "gateway", name, errors);
            NotAllowed(endpoint.EnableWhitelist == true, "enable_whitelist", "gateway", name, errors);
            NotAllowed(IsPresent(endpoint.PolicyDocument), "policy_document", "gateway", name, errors);
        }
    }

    private static void NotAllowed(bool given, string field, string serviceType, string serviceName, List<ValidationError> errors)
    {
        if (given)
        {
            errors.Add(new("/endpoint/" + field, ValidationCodes.NotAllowedForServiceType,
                $"{field} is not allowed for the {serviceType} endpoint service {serviceName}."));
        }
    }

    private static bool IsPresent(JsonElement? element) =>
        element is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) };

    private static void CheckSubnet(Subnet subnet, CreateEndpointRequest endpoint, List<ValidationError> errors)
    {
        // Seed page Table 2: "the ID of the subnet created in the VPC specified by vpc_id".
        if (!string.Equals(subnet.VpcId, endpoint.VpcId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("/endpoint/subnet_id", ValidationCodes.SubnetNotInVpc,
                $"The subnet {subnet.Id} belongs to VPC {subnet.VpcId}, not to vpc_id {endpoint.VpcId}."));
        }

        // A CIDR the service returns unreadable is the cloud's problem, not the requester's: skip the address checks.
        if (subnet.Cidr is null || !Ipv4Cidr.TryParse(subnet.Cidr, out Ipv4Cidr block))
        {
            return;
        }

        if (block.Overlaps(ReservedBlock))
        {
            errors.Add(new("/endpoint/subnet_id", ValidationCodes.SubnetReservedOverlap,
                $"The subnet's CIDR {subnet.Cidr} overlaps {ReservedBlock}, which Huawei reserves for VPC endpoints."));
        }

        if (endpoint.PortIp is null || !Ipv4.TryParseAddress(endpoint.PortIp, out uint portIp))
        {
            return;
        }

        // EndPoint.2043 "The Port IP is not valid for the subnet" (Open Telekom Cloud's error codes). The
        // gateway, network and broadcast addresses are never free in a VPC subnet.
        if (!block.Contains(portIp))
        {
            errors.Add(new("/endpoint/port_ip", ValidationCodes.PortIpNotInSubnet,
                $"port_ip {endpoint.PortIp} is outside the subnet's CIDR {subnet.Cidr}."));
        }
        else if (subnet.GatewayIp is not null && Ipv4.TryParseAddress(subnet.GatewayIp, out uint gateway) && portIp == gateway)
        {
            errors.Add(new("/endpoint/port_ip", ValidationCodes.PortIpReserved,
                $"port_ip {endpoint.PortIp} is the subnet's gateway address."));
        }
        else if (block.PrefixLength < 31 && (portIp == block.Network || portIp == block.Broadcast))
        {
            errors.Add(new("/endpoint/port_ip", ValidationCodes.PortIpReserved,
                $"port_ip {endpoint.PortIp} is the {(portIp == block.Network ? "network" : "broadcast")} address of the subnet {subnet.Cidr}."));
        }
    }
}
