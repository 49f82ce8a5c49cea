namespace Vpcep.Emulator.Api;

/// <summary>
/// Operation names: the route names, the keys of <c>GET /_emulator/requests</c> and of per-operation faults.
/// </summary>
public static class Operations
{
    public const string CreateEndpoint = nameof(CreateEndpoint);
    public const string ListEndpoints = nameof(ListEndpoints);
    public const string GetEndpoint = nameof(GetEndpoint);
    public const string DeleteEndpoint = nameof(DeleteEndpoint);
    public const string UpdateEndpointWhitelist = nameof(UpdateEndpointWhitelist);
    public const string UpdateEndpointPolicy = nameof(UpdateEndpointPolicy);
    public const string UpdateEndpointRouteTables = nameof(UpdateEndpointRouteTables);
    public const string DescribeEndpointService = nameof(DescribeEndpointService);
    public const string ListPublicEndpointServices = nameof(ListPublicEndpointServices);
    public const string ActOnConnections = nameof(ActOnConnections);
    public const string ListQuotas = nameof(ListQuotas);
    public const string TagEndpoint = nameof(TagEndpoint);
    public const string FindEndpointsByTags = nameof(FindEndpointsByTags);
    public const string GetVpc = nameof(GetVpc);
    public const string GetSubnet = nameof(GetSubnet);
    public const string PublishSmnMessage = nameof(PublishSmnMessage);
}
