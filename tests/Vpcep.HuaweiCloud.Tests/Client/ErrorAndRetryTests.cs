using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;
using static Vpcep.HuaweiCloud.Tests.Infrastructure.EmulatorFixture;

namespace Vpcep.HuaweiCloud.Tests.Client;

/// <summary>Each class of error answer, and which calls are retried, counted by the emulator.</summary>
public class ErrorAndRetryTests(EmulatorFixture emulator) : EmulatorTest(emulator), IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_create_without_a_vpc_is_a_400_with_the_service_code_and_is_not_retried()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint() with { VpcId = null }));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.2011", error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.ErrorMessage));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(1, await Emulator.RequestCountAsync("CreateEndpoint"));
    }

    [Fact]
    public async Task A_limit_out_of_range_is_EndPoint_0006_and_a_parameter_error_is_not_retried()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.ListEndpointsAsync(Project, limit: 5000));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.0006", error.ErrorCode);
        Assert.False(error.IsThrottling);
        Assert.Equal(1, await Emulator.RequestCountAsync("ListEndpoints"));
    }

    [Fact]
    public async Task A_bad_sort_key_is_EndPoint_0017()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.ListEndpointsAsync(Project, new EndpointQuery { SortKey = "name" }));

        Assert.Equal("EndPoint.0017", error.ErrorCode);
    }

    [Fact]
    public async Task A_project_id_that_is_not_32_hex_digits_is_EndPoint_0014()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.GetQuotasAsync(new ProjectScope("not-a-project")));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.0014", error.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_a_401_APIG_0301_and_is_not_retried()
    {
        await using ServiceProvider services = Emulator.CreateServices(secretKey: "wrong-secret-key");
        VpcepClient client = services.GetRequiredService<VpcepClient>();

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => client.DescribeServiceAsync(Project, InterfaceServiceId));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("APIG.0301", error.ErrorCode);
        Assert.Contains("signature", error.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await Emulator.RequestCountAsync("DescribeEndpointService"));
    }

    [Fact]
    public async Task An_unknown_endpoint_is_a_404_that_says_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.GetEndpointAsync(Project, Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.True(error.IsNotFound);
        Assert.Equal("EndPoint.2006", error.ErrorCode);
        Assert.Equal(1, await Emulator.RequestCountAsync("GetEndpoint"));
    }

    [Fact]
    public async Task A_read_throttled_by_the_service_twice_is_retried_until_it_succeeds()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, GatewayEndpoint());
        await Emulator.FailNextAsync("GetEndpoint", 2, 400, "EndPoint.0022");

        VpcEndpoint read = await Vpcep.GetEndpointAsync(Project, created.Id);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal(3, await Emulator.RequestCountAsync("GetEndpoint"));
    }

    [Fact]
    public async Task A_read_throttled_by_the_gateway_with_429_is_retried_until_it_succeeds()
    {
        await Emulator.FailNextAsync("DescribeEndpointService", 1, 429, "APIG.0308");

        EndpointServiceInfo service = await Vpcep.DescribeServiceAsync(Project, InterfaceServiceId);

        Assert.Equal(InterfaceServiceId, service.Id);
        Assert.Equal(2, await Emulator.RequestCountAsync("DescribeEndpointService"));
    }

    [Fact]
    public async Task A_read_answered_500_is_retried_until_it_succeeds()
    {
        await Emulator.FailNextAsync("ListEndpoints", 2, 500, "EndPoint.0001");

        EndpointList list = await Vpcep.ListEndpointsAsync(Project);

        Assert.Empty(list.Endpoints);
        Assert.Equal(3, await Emulator.RequestCountAsync("ListEndpoints"));
    }

    [Fact]
    public async Task A_delete_and_an_update_answered_503_are_retried_because_they_are_idempotent()
    {
        VpcEndpoint created = await Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint());
        await WaitUntilCreatedAsync(created.Id);
        await Emulator.SetFaultsAsync("""
            {"operations":{
              "UpdateEndpointWhitelist":{"fail_next":1,"error_status":503,"error_code":"EndPoint.0001"},
              "DeleteEndpoint":{"fail_next":1,"error_status":503,"error_code":"EndPoint.0001"}}}
            """);

        await Vpcep.UpdateWhitelistAsync(Project, created.Id, ["10.0.0.9"]);
        await Vpcep.DeleteEndpointAsync(Project, created.Id);

        Assert.Equal(2, await Emulator.RequestCountAsync("UpdateEndpointWhitelist"));
        Assert.Equal(2, await Emulator.RequestCountAsync("DeleteEndpoint"));
    }

    [Theory]
    [InlineData(500, "EndPoint.0001")]
    [InlineData(503, "EndPoint.0001")]
    [InlineData(400, "EndPoint.0022")]
    [InlineData(429, "APIG.0308")]
    public async Task A_create_answered_with_a_retryable_error_is_attempted_exactly_once(int status, string code)
    {
        await Emulator.FailNextAsync("CreateEndpoint", 1, status, code);

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint()));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.True(error.IsServerError || error.IsThrottling);
        Assert.Equal(1, await Emulator.RequestCountAsync("CreateEndpoint"));
        Assert.Empty((await Vpcep.ListEndpointsAsync(Project)).Endpoints);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_not_retried_so_exactly_one_endpoint_exists()
    {
        await Emulator.SetFaultsAsync("""{"operations":{"CreateEndpoint":{"drop_next":1,"drop_mode":"abort"}}}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => Vpcep.CreateEndpointAsync(Project, InterfaceEndpoint()));

        Assert.Equal(1, await Emulator.RequestCountAsync("CreateEndpoint"));
        Assert.Equal(1, (await Vpcep.ListEndpointsAsync(Project)).TotalCount);
    }

    [Fact]
    public async Task A_read_whose_answer_is_lost_is_retried()
    {
        await Emulator.SetFaultsAsync("""{"operations":{"GetVpc":{"drop_next":1,"drop_mode":"abort"}}}""");

        Vpc vpc = await Vpc.GetVpcAsync(Project, VpcId);

        Assert.Equal(VpcId, vpc.Id);
        Assert.Equal(2, await Emulator.RequestCountAsync("GetVpc"));
    }

    [Fact]
    public async Task Retries_stop_after_MaxAttempts_with_the_last_error()
    {
        await using ServiceProvider services = Emulator.CreateServices(settings: new Dictionary<string, string?> { ["HuaweiCloud:MaxAttempts"] = "3" });
        await Emulator.FailNextAsync("GetEndpoint", 10, 500, "EndPoint.0001");

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => services.GetRequiredService<VpcepClient>().GetEndpointAsync(Project, "any"));

        Assert.True(error.IsServerError);
        Assert.Equal("EndPoint.0001", error.ErrorCode);
        Assert.Equal(3, await Emulator.RequestCountAsync("GetEndpoint"));
    }

    [Fact]
    public async Task MaxAttempts_of_one_turns_retries_off()
    {
        await using ServiceProvider services = Emulator.CreateServices(settings: new Dictionary<string, string?> { ["HuaweiCloud:MaxAttempts"] = "1" });
        await Emulator.FailNextAsync("ListQuotas", 1, 500, "EndPoint.0001");

        await Assert.ThrowsAsync<HuaweiCloudException>(() => services.GetRequiredService<VpcepClient>().GetQuotasAsync(Project));

        Assert.Equal(1, await Emulator.RequestCountAsync("ListQuotas"));
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException_and_is_not_retried()
    {
        await Emulator.SetFaultsAsync("""{"operations":{"GetVpc":{"latency_ms":2000}}}""");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Vpc.GetVpcAsync(Project, VpcId, cancellation.Token));

        Assert.Equal(1, await Emulator.RequestCountAsync("GetVpc"));
    }

    [Fact]
    public async Task Odd_characters_in_path_and_query_are_signed_as_the_service_verifies_them()
    {
        // A signature mismatch would be a 401; reaching the handler proves path and query were signed right.
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => Vpcep.GetEndpointAsync(Project, "a b/c+d%e一"));
        EndpointList list = await Vpcep.ListEndpointsAsync(Project, endpointServiceName: "一 (&=?!#%.*)+~");

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Empty(list.Endpoints);
    }
}
