using System.Net;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Activities;

public class ValidateInCloudActivityTests
{
    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly VpcClient vpc = Substitute.For<VpcClient>();

    [Fact]
    public async Task Problems_the_cloud_validator_finds_come_back_as_data()
    {
        vpcep.DescribeServiceAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.NotFound, "EndPoint.0005", "Not found.", null));
        vpc.GetVpcAsync(default!, default!).ReturnsForAnyArgs(new Vpc { Id = RequestDocuments.VpcId, Cidr = "10.0.0.0/16" });
        vpc.GetSubnetAsync(default!, default!).ReturnsForAnyArgs(new Subnet { Id = RequestDocuments.SubnetId, VpcId = RequestDocuments.VpcId, Cidr = "10.0.1.0/24", GatewayIp = "10.0.1.1" });
        var activity = new ValidateInCloudActivity(new CloudValidator(vpcep, vpc));

        IReadOnlyList<ValidationError> problems = await activity.RunAsync(Substitute.For<TaskActivityContext>(), RequestDocuments.Request());

        Assert.Contains(problems, p => p.Code == ValidationCodes.EndpointServiceNotFound);
    }

    [Fact]
    public async Task A_busy_cloud_throws_instead_of_rejecting_the_request()
    {
        vpcep.DescribeServiceAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.TooManyRequests, "APIG.0308", "Slow down.", null));
        var activity = new ValidateInCloudActivity(new CloudValidator(vpcep, vpc));

        await Assert.ThrowsAsync<CloudBusyException>(() => activity.RunAsync(Substitute.For<TaskActivityContext>(), RequestDocuments.Request()));
    }
}
