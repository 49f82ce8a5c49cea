using System.Net;
using System.Text.Json;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

public class CloudValidatorTests
{
    private const string OtherVpcId = "11111111-2222-4333-8444-555555555555";

    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly VpcClient vpc = Substitute.For<VpcClient>();
    private readonly CloudValidator validator;

    public CloudValidatorTests()
    {
        validator = new CloudValidator(vpcep, vpc);
        GivenService(EndpointServiceType.Interface);
        vpc.GetVpcAsync(Arg.Any<ProjectScope>(), RequestDocuments.VpcId, Arg.Any<CancellationToken>())
            .Returns(new Vpc { Id = RequestDocuments.VpcId, Cidr = "10.0.0.0/16" });
        GivenSubnet("10.0.1.0/24", "10.0.1.1");
    }

    private void GivenService(string type, bool enablePolicy = false) =>
        vpcep.DescribeServiceAsync(Arg.Any<ProjectScope>(), RequestDocuments.ServiceId, Arg.Any<CancellationToken>())
            .Returns(new EndpointServiceInfo { Id = RequestDocuments.ServiceId, ServiceName = "cn-north-4.orders", ServiceType = type, EnablePolicy = enablePolicy });

    private void GivenSubnet(string cidr, string gateway, string vpcId = RequestDocuments.VpcId) =>
        vpc.GetSubnetAsync(Arg.Any<ProjectScope>(), RequestDocuments.SubnetId, Arg.Any<CancellationToken>())
            .Returns(new Subnet { Id = RequestDocuments.SubnetId, VpcId = vpcId, Cidr = cidr, GatewayIp = gateway });

    private static HuaweiCloudException NotFound(string code = "EndPoint.0005") =>
        new(HttpStatusCode.NotFound, code, "Resource not found.", "req-1");

    private async Task<(string Pointer, string Code)[]> Check(Func<CreateEndpointRequest, CreateEndpointRequest>? change = null) =>
        [.. (await validator.ValidateAsync(RequestDocuments.Request(change), CancellationToken.None)).PointersAndCodes()];

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task A_request_that_fits_the_cloud_has_no_errors()
    {
        Assert.Empty(await Check(e => e with { PortIp = "10.0.1.10" }));
    }

    [Fact]
    public async Task Lookups_use_the_requests_project_and_region()
    {
        var request = RequestDocuments.Request() with { Region = "ap-southeast-1" };

        await validator.ValidateAsync(request, CancellationToken.None);

        var scope = new ProjectScope(RequestDocuments.ProjectId, "ap-southeast-1");
        await vpcep.Received(1).DescribeServiceAsync(scope, RequestDocuments.ServiceId, Arg.Any<CancellationToken>());
        await vpc.Received(1).GetVpcAsync(scope, RequestDocuments.VpcId, Arg.Any<CancellationToken>());
        await vpc.Received(1).GetSubnetAsync(scope, RequestDocuments.SubnetId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_project_whose_endpoint_quota_is_used_up_is_refused_before_anything_is_created()
    {
        vpcep.GetQuotasAsync(Arg.Any<ProjectScope>(), "endpoint", Arg.Any<CancellationToken>())
            .Returns([new QuotaResource("endpoint", 50, 50)]);

        Assert.Equal([("/project_id", ValidationCodes.EndpointQuotaExhausted)], await Check());
    }

    [Fact]
    public async Task A_project_with_room_in_its_endpoint_quota_passes()
    {
        vpcep.GetQuotasAsync(Arg.Any<ProjectScope>(), "endpoint", Arg.Any<CancellationToken>())
            .Returns([new QuotaResource("endpoint", 49, 50)]);

        Assert.Empty(await Check());
    }

    [Fact]
    public async Task A_throttled_quota_lookup_propagates_so_the_caller_retries()
    {
        vpcep.GetQuotasAsync(default!, default, default)
            .ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.BadRequest, "EndPoint.0022", "Too many requests.", null));

        await Assert.ThrowsAsync<HuaweiCloudException>(() => validator.ValidateAsync(RequestDocuments.Request(), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_endpoint_service_is_not_found()
    {
        vpcep.DescribeServiceAsync(default!, default!, default).ReturnsForAnyArgs(Task.FromException<EndpointServiceInfo>(NotFound()));

        Assert.Equal([("/endpoint/endpoint_service_id", ValidationCodes.EndpointServiceNotFound)], await Check());
    }

    [Fact]
    public async Task Error_code_endpoint_2003_with_status_400_also_means_the_service_is_not_found()
    {
        vpcep.DescribeServiceAsync(default!, default!, default)
            .ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.BadRequest, "EndPoint.2003", "Endpoint service not found.", null));

        Assert.Equal([("/endpoint/endpoint_service_id", ValidationCodes.EndpointServiceNotFound)], await Check());
    }

    [Fact]
    public async Task An_interface_service_needs_a_subnet()
    {
        Assert.Equal([("/endpoint/subnet_id", ValidationCodes.Required)], await Check(e => e with { SubnetId = null }));
        await vpc.DidNotReceiveWithAnyArgs().GetSubnetAsync(default!, default!, default);
    }

    [Fact]
    public async Task An_interface_service_rejects_gateway_only_fields()
    {
        var errors = await Check(e => e with { RouteTables = [OtherVpcId], PolicyStatement = Json("""[{"Effect":"Allow"}]""") });

        Assert.Equal(
            [("/endpoint/routetables", ValidationCodes.NotAllowedForServiceType), ("/endpoint/policy_statement", ValidationCodes.NotAllowedForServiceType)],
            errors);
    }

    [Fact]
    public async Task A_policy_document_needs_a_service_with_policies_enabled()
    {
        Assert.Equal(
            [("/endpoint/policy_document", ValidationCodes.PolicyNotSupported)],
            await Check(e => e with { PolicyDocument = Json("""{"Version":"5.0"}""") }));

        GivenService(EndpointServiceType.Interface, enablePolicy: true);
        Assert.Empty(await Check(e => e with { PolicyDocument = Json("""{"Version":"5.0"}""") }));
    }

    [Fact]
    public async Task A_gateway_service_rejects_interface_only_fields()
    {
        GivenService(EndpointServiceType.Gateway);

        var errors = await Check(e => e with
        {
            PortIp = "10.0.1.10",
            Whitelist = ["10.0.0.0/8"],
            EnableWhitelist = true,
            PolicyDocument = Json("{}"),
        });

        Assert.Equal(
            [
                ("/endpoint/port_ip", ValidationCodes.NotAllowedForServiceType),
                ("/endpoint/whitelist", ValidationCodes.NotAllowedForServiceType),
                ("/endpoint/enable_whitelist", ValidationCodes.NotAllowedForServiceType),
                ("/endpoint/policy_document", ValidationCodes.NotAllowedForServiceType),
            ],
            errors);
    }

    [Fact]
    public async Task A_gateway_service_takes_route_tables_and_policy_statements_without_a_subnet()
    {
        GivenService(EndpointServiceType.Gateway);

        var errors = await Check(e => e with
        {
            SubnetId = null,
            RouteTables = [OtherVpcId],
            PolicyStatement = Json("""[{"Effect":"Allow"}]"""),
            EnableWhitelist = false,
            Whitelist = [],
        });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_missing_vpc_is_not_found()
    {
        vpc.GetVpcAsync(default!, default!, default).ThrowsAsyncForAnyArgs(NotFound("VPC.0202"));

        Assert.Equal([("/endpoint/vpc_id", ValidationCodes.VpcNotFound)], await Check());
    }

    [Fact]
    public async Task A_missing_subnet_is_not_found()
    {
        vpc.GetSubnetAsync(default!, default!, default).ThrowsAsyncForAnyArgs(NotFound());

        Assert.Equal([("/endpoint/subnet_id", ValidationCodes.SubnetNotFound)], await Check(e => e with { PortIp = "10.0.1.10" }));
    }

    [Fact]
    public async Task A_subnet_of_another_vpc_is_rejected()
    {
        GivenSubnet("10.0.1.0/24", "10.0.1.1", vpcId: OtherVpcId);

        Assert.Equal([("/endpoint/subnet_id", ValidationCodes.SubnetNotInVpc)], await Check());
    }

    [Theory]
    [InlineData("198.19.128.0/24")]
    [InlineData("198.19.0.0/16")]
    [InlineData("198.19.255.0/28")]
    public async Task A_subnet_overlapping_the_reserved_block_is_rejected(string cidr)
    {
        GivenSubnet(cidr, "198.19.0.1");

        Assert.Equal([("/endpoint/subnet_id", ValidationCodes.SubnetReservedOverlap)], await Check());
    }

    [Fact]
    public async Task A_subnet_just_below_the_reserved_block_is_fine()
    {
        GivenSubnet("198.19.127.0/24", "198.19.127.1");

        Assert.Empty(await Check());
    }

    [Theory]
    [InlineData("10.0.2.10", ValidationCodes.PortIpNotInSubnet)]
    [InlineData("10.0.1.1", ValidationCodes.PortIpReserved)]
    [InlineData("10.0.1.0", ValidationCodes.PortIpReserved)]
    [InlineData("10.0.1.255", ValidationCodes.PortIpReserved)]
    public async Task A_port_ip_outside_the_subnet_or_on_a_reserved_address_is_rejected(string portIp, string code)
    {
        Assert.Equal([("/endpoint/port_ip", code)], await Check(e => e with { PortIp = portIp }));
    }

    [Theory]
    [InlineData("10.0.1.2")]
    [InlineData("10.0.1.254")]
    public async Task A_port_ip_inside_the_subnet_is_fine(string portIp)
    {
        Assert.Empty(await Check(e => e with { PortIp = portIp }));
    }

    [Fact]
    public async Task Every_cloud_problem_is_reported_together()
    {
        vpcep.DescribeServiceAsync(default!, default!, default).ThrowsAsyncForAnyArgs(NotFound());
        vpc.GetVpcAsync(default!, default!, default).ThrowsAsyncForAnyArgs(NotFound());
        GivenSubnet("10.0.1.0/24", "10.0.1.1", vpcId: OtherVpcId);

        Assert.Equal(
            [
                ("/endpoint/endpoint_service_id", ValidationCodes.EndpointServiceNotFound),
                ("/endpoint/vpc_id", ValidationCodes.VpcNotFound),
                ("/endpoint/subnet_id", ValidationCodes.SubnetNotInVpc),
                ("/endpoint/port_ip", ValidationCodes.PortIpNotInSubnet),
            ],
            await Check(e => e with { PortIp = "192.168.0.9" }));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022")]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308")]
    [InlineData(HttpStatusCode.InternalServerError, "EndPoint.0001")]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301")]
    [InlineData(HttpStatusCode.Forbidden, "EndPoint.0004")]
    public async Task Failures_other_than_not_found_propagate_so_the_caller_can_retry(HttpStatusCode status, string code)
    {
        var failure = new HuaweiCloudException(status, code, "Try again later.", "req-9");
        vpc.GetVpcAsync(default!, default!, default).ThrowsAsyncForAnyArgs(failure);

        var thrown = await Assert.ThrowsAsync<HuaweiCloudException>(() => validator.ValidateAsync(RequestDocuments.Request(), CancellationToken.None));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_service_lookup_failure_propagates_too()
    {
        vpcep.DescribeServiceAsync(default!, default!, default)
            .ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.ServiceUnavailable, null, "Unavailable.", null));

        await Assert.ThrowsAsync<HuaweiCloudException>(() => validator.ValidateAsync(RequestDocuments.Request(), CancellationToken.None));
    }

    [Fact]
    public async Task The_cancellation_token_reaches_the_lookups()
    {
        using var cancellation = new CancellationTokenSource();

        await validator.ValidateAsync(RequestDocuments.Request(), cancellation.Token);

        await vpcep.Received(1).DescribeServiceAsync(Arg.Any<ProjectScope>(), Arg.Any<string>(), cancellation.Token);
        await vpc.Received(1).GetVpcAsync(Arg.Any<ProjectScope>(), Arg.Any<string>(), cancellation.Token);
        await vpc.Received(1).GetSubnetAsync(Arg.Any<ProjectScope>(), Arg.Any<string>(), cancellation.Token);
    }
}
