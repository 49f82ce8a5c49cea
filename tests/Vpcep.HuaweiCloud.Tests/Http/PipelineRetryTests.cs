using System.Net;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;
using static Vpcep.HuaweiCloud.Tests.Infrastructure.ScriptedHandler;

namespace Vpcep.HuaweiCloud.Tests.Http;

/// <summary>Retry decisions and waits of the pipeline, with a scripted service and a recording clock.</summary>
public class PipelineRetryTests
{
    private const string Endpoint = """{"id":"e1","status":"accepted"}""";
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_Retry_After_in_seconds_is_waited_out_before_the_retry()
    {
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.TooManyRequests, "APIG.0308", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(3))),
            _ => Json(HttpStatusCode.OK, Endpoint));
        var time = new RecordingTimeProvider(Now);

        VpcEndpoint endpoint = await FakeHuaweiService.Client(handler, time).GetEndpointAsync(FakeHuaweiService.Project, "e1");

        Assert.Equal("e1", endpoint.Id);
        Assert.Equal([TimeSpan.FromSeconds(3)], time.Delays);
    }

    [Fact]
    public async Task A_Retry_After_as_an_HTTP_date_is_waited_out_until_that_time()
    {
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.ServiceUnavailable, "EndPoint.0001", r => r.Headers.RetryAfter = new(Now.AddSeconds(5))),
            _ => Json(HttpStatusCode.OK, Endpoint));
        var time = new RecordingTimeProvider(Now);

        await FakeHuaweiService.Client(handler, time).GetEndpointAsync(FakeHuaweiService.Project, "e1");

        Assert.Equal([TimeSpan.FromSeconds(5)], time.Delays);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_MaxDelay_fails_the_call_at_once_with_the_throttling_error()
    {
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.BadRequest, "EndPoint.0022", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(60))),
            _ => Json(HttpStatusCode.OK, Endpoint));

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => FakeHuaweiService.Client(handler).GetEndpointAsync(FakeHuaweiService.Project, "e1"));

        Assert.True(error.IsThrottling);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Without_Retry_After_the_waits_grow_exponentially_within_their_ceilings()
    {
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.InternalServerError, "EndPoint.0001"),
            _ => Error(HttpStatusCode.BadGateway, "EndPoint.0001"),
            _ => Error(HttpStatusCode.BadRequest, "EndPoint.0022"),
            _ => Json(HttpStatusCode.OK, Endpoint));
        var time = new RecordingTimeProvider(Now);
        var retry = new PinnedRandomPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10) };

        await FakeHuaweiService.Client(handler, time, retry).GetEndpointAsync(FakeHuaweiService.Project, "e1");

        Assert.Equal([TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], time.Delays);
        Assert.Equal(4, handler.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "EndPoint.0001")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308")]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022")]
    public async Task A_create_is_never_retried(HttpStatusCode status, string? code)
    {
        var handler = new ScriptedHandler(
            _ => code is null ? new HttpResponseMessage(status) : Error(status, code),
            _ => Json(HttpStatusCode.OK, Endpoint));

        await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            FakeHuaweiService.Client(handler).CreateEndpointAsync(FakeHuaweiService.Project, new CreateEndpointRequest { VpcId = "v", EndpointServiceId = "s" }));

        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task A_create_that_fails_in_transport_is_not_retried()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("connection reset"), _ => Json(HttpStatusCode.OK, Endpoint));

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            FakeHuaweiService.Client(handler).CreateEndpointAsync(FakeHuaweiService.Project, new CreateEndpointRequest()));

        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task A_read_that_fails_in_transport_is_retried()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("connection reset"), _ => Json(HttpStatusCode.OK, Endpoint));

        VpcEndpoint endpoint = await FakeHuaweiService.Client(handler).GetEndpointAsync(FakeHuaweiService.Project, "e1");

        Assert.Equal("e1", endpoint.Id);
        Assert.Equal(2, handler.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0002")]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301")]
    [InlineData(HttpStatusCode.Forbidden, "EndPoint.0004")]
    [InlineData(HttpStatusCode.NotFound, "EndPoint.0005")]
    [InlineData(HttpStatusCode.Conflict, "EndPoint.2019")]
    public async Task A_client_error_other_than_throttling_is_not_retried(HttpStatusCode status, string code)
    {
        var handler = new ScriptedHandler(_ => Error(status, code), _ => Json(HttpStatusCode.OK, Endpoint));

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => FakeHuaweiService.Client(handler).GetEndpointAsync(FakeHuaweiService.Project, "e1"));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task Every_attempt_sends_the_same_body_bytes()
    {
        var bodies = new List<string>();
        var handler = new ScriptedHandler(
            r => { bodies.Add(r.Content!.ReadAsStringAsync().Result); return Error(HttpStatusCode.InternalServerError, "EndPoint.0001"); },
            r => { bodies.Add(r.Content!.ReadAsStringAsync().Result); return Json(HttpStatusCode.OK, Endpoint); });

        await FakeHuaweiService.Client(handler).UpdateWhitelistAsync(FakeHuaweiService.Project, "e1", ["10.0.0.1"], true);

        Assert.Equal(2, bodies.Count);
        Assert.Equal("""{"whitelist":["10.0.0.1"],"enable_whitelist":true}""", bodies[0]);
        Assert.Equal(bodies[0], bodies[1]);
    }

    [Fact]
    public async Task Paging_helper_stops_at_total_count()
    {
        var handler = new ScriptedHandler(
            _ => Json(HttpStatusCode.OK, """{"endpoints":[{"id":"a"},{"id":"b"}],"total_count":3}"""),
            _ => Json(HttpStatusCode.OK, """{"endpoints":[{"id":"c"}],"total_count":3}"""),
            _ => throw new InvalidOperationException("a third page was asked for"));

        List<string> ids = [];
        await foreach (VpcEndpoint e in FakeHuaweiService.Client(handler).GetAllEndpointsAsync(FakeHuaweiService.Project, new EndpointQuery { Limit = 2, VpcId = "v" }))
        {
            ids.Add(e.Id);
        }

        Assert.Equal(["a", "b", "c"], ids);
        Assert.Equal(["?vpc_id=v&limit=2&offset=0", "?vpc_id=v&limit=2&offset=2"], handler.Requests.Select(r => r.RequestUri!.Query));
    }

    [Fact]
    public async Task List_sends_every_filter_sort_and_paging_parameter_encoded()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"endpoints":[],"total_count":0}"""));

        await FakeHuaweiService.Client(handler).ListEndpointsAsync(FakeHuaweiService.Project, new EndpointQuery
        {
            EndpointServiceName = "a b&c",
            VpcId = "v",
            Id = "i",
            Limit = 5,
            Offset = 10,
            SortKey = "update_at",
            SortDir = "asc",
        });

        Assert.Equal(
            "/v1/0123456789abcdef0123456789abcdef/vpc-endpoints?endpoint_service_name=a%20b%26c&vpc_id=v&id=i&limit=5&offset=10&sort_key=update_at&sort_dir=asc",
            Assert.Single(handler.Requests).RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Quotas_and_describe_by_name_ask_the_documented_paths()
    {
        var handler = new ScriptedHandler(
            _ => Json(HttpStatusCode.OK, """{"quotas":{"resources":[]}}"""),
            _ => Json(HttpStatusCode.OK, """{"id":"s"}"""));
        VpcepClient client = FakeHuaweiService.Client(handler);

        await client.GetQuotasAsync(FakeHuaweiService.Project);
        await client.DescribeServiceByNameAsync(FakeHuaweiService.Project, "com.myhuaweicloud.cn-north-4.obs");

        Assert.Equal(
            ["/v1/0123456789abcdef0123456789abcdef/quotas?type=endpoint",
             "/v1/0123456789abcdef0123456789abcdef/vpc-endpoint-services/describe?endpoint_service_name=com.myhuaweicloud.cn-north-4.obs"],
            handler.Requests.Select(r => r.RequestUri!.PathAndQuery));
    }

    [Fact]
    public async Task A_success_answer_that_is_not_JSON_is_a_HuaweiCloudException()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>") });

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => FakeHuaweiService.Client(handler).GetEndpointAsync(FakeHuaweiService.Project, "e1"));

        Assert.Equal(HttpStatusCode.OK, error.Status);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    private sealed class PinnedRandomPolicy : RetryPolicy
    {
        protected override double NextRandom() => 0.5;
    }
}
