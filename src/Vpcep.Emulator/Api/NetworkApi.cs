using Microsoft.AspNetCore.Http.HttpResults;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>
/// The two VPC service reads the workflow validates with. The real VPC service lives on another host
/// (<c>vpc.{region}.myhuaweicloud.com</c>); the emulator serves both APIs on one port.
/// </summary>
internal static class NetworkApi
{
    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/v1/{projectId}").AddEndpointFilter<ProjectIdFilter>();
        group.MapGet("/vpcs/{vpcId}", GetVpc).WithName(Operations.GetVpc);
        group.MapGet("/subnets/{subnetId}", GetSubnet).WithName(Operations.GetSubnet);
        return routes;
    }

    private static JsonHttpResult<VpcEnvelopeBody> GetVpc(string vpcId, Catalog catalog)
    {
        VpcFixture vpc = catalog.FindVpc(vpcId) ?? throw Errors.VpcServiceVpcNotFound();
        return TypedResults.Json(new VpcEnvelopeBody(new VpcBody(vpc.Id, vpc.Name, vpc.Cidr, vpc.Status)), EmulatorJsonContext.Default.VpcEnvelopeBody);
    }

    private static JsonHttpResult<SubnetEnvelopeBody> GetSubnet(string subnetId, Catalog catalog)
    {
        SubnetFixture s = catalog.FindSubnet(subnetId) ?? throw Errors.VpcServiceSubnetNotFound();
        var body = new SubnetEnvelopeBody(new SubnetBody(s.Id, s.Name, s.VpcId, s.Cidr, s.GatewayIp, s.Status));
        return TypedResults.Json(body, EmulatorJsonContext.Default.SubnetEnvelopeBody);
    }
}
