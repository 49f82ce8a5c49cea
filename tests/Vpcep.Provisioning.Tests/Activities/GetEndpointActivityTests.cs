using System.Net;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Tests.Activities;

public class GetEndpointActivityTests
{
    private const string EndpointId = "4189d3c2-8882-4871-a3c2-d380272eed83";
    private static readonly GetEndpointInput Input = new("6e9dfd51d1124e8d8498dce894923a0d", "cn-north-4", EndpointId);

    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly GetEndpointActivity activity;

    public GetEndpointActivityTests() => activity = new GetEndpointActivity(vpcep);

    [Fact]
    public async Task An_existing_endpoint_is_read_in_the_inputs_project_and_region_and_mapped_to_a_snapshot()
    {
        vpcep.GetEndpointAsync(new ProjectScope("6e9dfd51d1124e8d8498dce894923a0d", "cn-north-4"), EndpointId, Arg.Any<CancellationToken>())
            .Returns(new VpcEndpoint
            {
                Id = EndpointId,
                Status = EndpointStatus.Failed,
                Ip = "10.0.1.10",
                MarkerId = 42,
                Error = [new EndpointError("EndPoint.2080", "No IP left.")],
            });

        EndpointSnapshot? snapshot = await activity.RunAsync(Substitute.For<TaskActivityContext>(), Input);

        Assert.NotNull(snapshot);
        Assert.Equal(EndpointId, snapshot.Id);
        Assert.Equal(EndpointStatus.Failed, snapshot.Status);
        Assert.Equal("10.0.1.10", snapshot.Ip);
        Assert.Equal(42, snapshot.MarkerId);
        Assert.Equal([new EndpointError("EndPoint.2080", "No IP left.")], snapshot.Error);
    }

    [Fact]
    public async Task An_endpoint_that_no_longer_exists_is_null()
    {
        vpcep.GetEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.NotFound, "EndPoint.0005", "Not found.", "req-1"));

        Assert.Null(await activity.RunAsync(Substitute.For<TaskActivityContext>(), Input));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null)]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308")]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022")]
    public async Task A_busy_cloud_is_thrown_as_such_for_a_durable_wait(HttpStatusCode status, string? code)
    {
        vpcep.GetEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(status, code, "No.", null));

        CloudBusyException thrown = await Assert.ThrowsAsync<CloudBusyException>(() => activity.RunAsync(Substitute.For<TaskActivityContext>(), Input));

        Assert.Equal(status, Assert.IsType<HuaweiCloudException>(thrown.InnerException).Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301")]
    [InlineData(HttpStatusCode.NotFound, "APIG.0101")] // the gateway found no API here: a wrong region or host, not a deleted endpoint
    [InlineData(HttpStatusCode.NotFound, null)]
    public async Task Other_cloud_errors_are_rethrown_for_retry(HttpStatusCode status, string? code)
    {
        vpcep.GetEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(status, code, "No.", null));

        HuaweiCloudException thrown = await Assert.ThrowsAsync<HuaweiCloudException>(() => activity.RunAsync(Substitute.For<TaskActivityContext>(), Input));

        Assert.Equal(status, thrown.Status);
    }
}
