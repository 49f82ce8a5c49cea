using System.Net;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Activities;

namespace Vpcep.Provisioning.Tests.Deprovisioning;

public class DeleteEndpointActivityTests
{
    private const string EndpointId = "4189d3c2-8882-4871-a3c2-d380272eed83";
    private static readonly GetEndpointInput Input = new("6e9dfd51d1124e8d8498dce894923a0d", "cn-north-4", EndpointId);

    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly DeleteEndpointActivity activity;

    public DeleteEndpointActivityTests() => activity = new DeleteEndpointActivity(vpcep);

    private Task<DeleteEndpointResult> RunAsync() => activity.RunAsync(Substitute.For<TaskActivityContext>(), Input);

    [Fact]
    public async Task An_accepted_delete_is_sent_in_the_inputs_project_and_region()
    {
        DeleteEndpointResult result = await RunAsync();

        Assert.Equal(new DeleteEndpointResult(DeleteAnswers.Accepted), result);
        await vpcep.Received(1).DeleteEndpointAsync(new ProjectScope("6e9dfd51d1124e8d8498dce894923a0d", "cn-north-4"), EndpointId, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("EndPoint.2006")]
    [InlineData("EndPoint.2008")]
    [InlineData("EndPoint.0005")]
    public async Task A_404_saying_the_endpoint_does_not_exist_is_not_found_not_a_failure(string code)
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.NotFound, code, "Not found.", "req-1"));

        Assert.Equal(DeleteAnswers.NotFound, (await RunAsync()).Answer);
    }

    [Fact]
    public async Task A_404_from_the_gateway_for_a_wrong_host_is_not_taken_for_a_deleted_endpoint()
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.NotFound, "APIG.0101", "The API does not exist.", "req-1"));

        DeleteEndpointResult result = await RunAsync();

        Assert.Equal((DeleteAnswers.Refused, "APIG.0101"), (result.Answer, result.Error?.Code));
    }

    [Fact]
    public async Task A_repeated_delete_of_an_endpoint_being_deleted_is_already_deleting()
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.BadRequest, "EndPoint.2018", "Being deleted.", "req-2"));

        Assert.Equal(DeleteAnswers.AlreadyDeleting, (await RunAsync()).Answer);
    }

    [Fact]
    public async Task A_delete_of_an_endpoint_being_created_is_still_creating()
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.BadRequest, "EndPoint.2019", "Being created.", "req-3"));

        Assert.Equal(DeleteAnswers.StillCreating, (await RunAsync()).Answer);
    }

    [Fact]
    public async Task Another_4xx_is_refused_with_the_clouds_code_message_status_and_request_id()
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.BadRequest, "EndPoint.0002", "Parameter error.", "req-4"));

        DeleteEndpointResult result = await RunAsync();

        Assert.Equal(DeleteAnswers.Refused, result.Answer);
        Assert.Equal(("EndPoint.0002", "Parameter error.", 400, "req-4"), (result.Error!.Code, result.Error.Message, result.Error.HttpStatus, result.Error.RequestId));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, null)]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308")]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022")]
    public async Task A_busy_cloud_is_thrown_as_such_for_a_durable_wait(HttpStatusCode status, string? code)
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(status, code, "No.", null));

        await Assert.ThrowsAsync<CloudBusyException>(RunAsync);
    }

    [Fact]
    public async Task Rejected_credentials_fail_the_activity_so_its_retries_apply()
    {
        vpcep.DeleteEndpointAsync(default!, default!).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.Unauthorized, "APIG.0301", "Bad signature.", null));

        await Assert.ThrowsAsync<HuaweiCloudException>(RunAsync);
    }
}
