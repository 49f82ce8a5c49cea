using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Telemetry;
using Vpcep.HuaweiCloud.Tests.Infrastructure;
using static Vpcep.HuaweiCloud.Tests.Infrastructure.ScriptedHandler;

namespace Vpcep.HuaweiCloud.Tests.Telemetry;

/// <summary>
/// The Huawei client's span per call (with Huawei's request id, on success too) and its metrics per attempt. Spans and
/// measurements are told apart from other tests' by the project id each test uses.
/// </summary>
public sealed class HuaweiCloudTelemetryTests : IDisposable
{
    private const string Endpoint = """{"id":"e1","status":"accepted"}""";
    private readonly ProjectScope project = new(Guid.NewGuid().ToString("N"));
    private readonly List<Activity> spans = [];
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> measurements = [];
    private readonly ActivityListener activities;
    private readonly MeterListener meters;

    public HuaweiCloudTelemetryTests()
    {
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HuaweiCloudTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.GetTagItem(HuaweiCloudTelemetry.ProjectIdAttribute) as string == project.ProjectId)
                {
                    lock (spans)
                    {
                        spans.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == HuaweiCloudTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            // Measurements carry no project (it would multiply the series); tests of other classes running at the same
            // time may add theirs, so the assertions look for the ones this test's script must have produced.
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, copy));
            }
        });
        meters.Start();
    }

    public void Dispose()
    {
        activities.Dispose();
        meters.Dispose();
    }

    [Theory]
    [InlineData("/v1/{p}/vpc-endpoints", "/v1/{project_id}/vpc-endpoints")]
    [InlineData("/v1/{p}/vpc-endpoints/4189d3c2-8882-4871-a3c2-d380272eed88", "/v1/{project_id}/vpc-endpoints/{id}")]
    [InlineData("/v1/{p}/vpc-endpoints/4189d3c2-8882-4871-a3c2-d380272eed88/policy", "/v1/{project_id}/vpc-endpoints/{id}/policy")]
    [InlineData("/v1/{p}/vpc-endpoint-services/describe", "/v1/{project_id}/vpc-endpoint-services/describe")]
    [InlineData("/v1/{p}/vpc-endpoint-services/public", "/v1/{project_id}/vpc-endpoint-services/public")]
    [InlineData("/v1/{p}/vpc-endpoint-services/abc/connections/action", "/v1/{project_id}/vpc-endpoint-services/{id}/connections/action")]
    [InlineData("/v1/{p}/vpcs/8a3b", "/v1/{project_id}/vpcs/{id}")]
    [InlineData("/v2/{p}/notifications/topics/urn:smn:cn-north-4:{p}:t/publish", "/v2/{project_id}/notifications/topics/{id}/publish")]
    public void A_path_becomes_its_operation_template_with_the_project_and_the_ids_left_out(string path, string template)
    {
        string projectId = "0123456789abcdef0123456789abcdef";

        Assert.Equal(template, HuaweiCloudTelemetry.UrlTemplate(path.Replace("{p}", projectId, StringComparison.Ordinal), projectId));
    }

    [Fact]
    public async Task A_successful_call_is_one_client_span_with_huaweis_request_id_and_the_answer_keeps_it_too()
    {
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.OK, Endpoint, r => r.Headers.Add("X-Request-Id", "req-ok-1")));

        VpcEndpoint endpoint = await FakeHuaweiService.Client(handler).GetEndpointAsync(project, "e1");

        Activity span = Assert.Single(spans);
        Assert.Equal("GET /v1/{project_id}/vpc-endpoints/{id}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("req-ok-1", span.GetTagItem(HuaweiCloudTelemetry.RequestIdAttribute));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
        Assert.Equal("req-ok-1", endpoint.RequestId);
    }

    [Fact]
    public async Task A_throttled_attempt_then_a_success_are_two_counted_calls_one_throttled_in_one_span_of_two_attempts()
    {
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.BadRequest, "EndPoint.0022", r => r.Headers.Add("X-Request-Id", "req-throttled")),
            _ => Json(HttpStatusCode.OK, Endpoint, r => r.Headers.Add("X-Request-Id", "req-ok-2")));

        await FakeHuaweiService.Client(handler, new RecordingTimeProvider(DateTimeOffset.UnixEpoch)).GetEndpointAsync(project, "e1");

        Activity span = Assert.Single(spans);
        Assert.Equal(2, span.GetTagItem(HuaweiCloudTelemetry.AttemptsAttribute));
        Assert.Equal("req-ok-2", span.GetTagItem(HuaweiCloudTelemetry.RequestIdAttribute));
        var calls = measurements.Where(m => m.Instrument == "vpcep.huawei.calls" && Equals(m.Tags["url.template"], "/v1/{project_id}/vpc-endpoints/{id}")).ToList();
        Assert.Contains(calls, m => Equals(m.Tags["http.response.status_code"], 400) && Equals(m.Tags[HuaweiCloudTelemetry.ErrorCodeAttribute], "EndPoint.0022"));
        Assert.Contains(calls, m => Equals(m.Tags["http.response.status_code"], 200));
        Assert.Contains(measurements, m => m.Instrument == "vpcep.huawei.throttled" && Equals(m.Tags[HuaweiCloudTelemetry.ErrorCodeAttribute], "EndPoint.0022"));
    }

    [Fact]
    public async Task A_failed_call_ends_its_span_as_an_error_with_the_error_code_and_request_id()
    {
        var handler = new ScriptedHandler(_ => Error(HttpStatusCode.NotFound, "EndPoint.0005", r => r.Headers.Add("X-Request-Id", "req-404")));

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => FakeHuaweiService.Client(handler).GetEndpointAsync(project, "e1"));

        Activity span = Assert.Single(spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("EndPoint.0005", span.GetTagItem(HuaweiCloudTelemetry.ErrorCodeAttribute));
        Assert.Equal("EndPoint.0005", span.GetTagItem("error.type"));
        Assert.NotNull(error.RequestId); // the error body's request id comes first, X-Request-Id otherwise
        Assert.Equal(error.RequestId, span.GetTagItem(HuaweiCloudTelemetry.RequestIdAttribute));
    }
}
