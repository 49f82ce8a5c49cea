using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Vpcep.EndToEnd.Tests.Infrastructure;
using Vpcep.HuaweiCloud.Telemetry;
using Vpcep.Provisioning.Telemetry;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// A stack whose self-host also hands every finished span to <see cref="Spans"/>; <see cref="Measurements"/> keeps what
/// the project's meters record meanwhile.
/// </summary>
public sealed class TracedStack : ProvisioningStack, IDisposable
{
    private readonly MeterListener meters = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];

    public TracedStack()
    {
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (ProvisioningTelemetry.Meters.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        meters.Start();
    }

    public void Dispose() => meters.Dispose();

    /// <summary>Every span the self-host's process ended (the emulator's too: it runs in the same process).</summary>
    public SpanRecorder Spans { get; } = new();

    /// <summary>What the project's meters recorded, in order.</summary>
    public IReadOnlyList<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements
    {
        get
        {
            lock (measurements)
            {
                return [.. measurements];
            }
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (measurements)
        {
            measurements.Add((instrument.Name, value, copy));
        }
    }

    protected override void ConfigureSelfHost(WebApplicationBuilder builder) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Spans));
}

/// <summary>An in-memory exporter that keeps finished spans as they end, safe to read while spans are still ending.</summary>
public sealed class SpanRecorder : BaseProcessor<Activity>
{
    private readonly List<Activity> spans = [];

    public override void OnEnd(Activity data)
    {
        lock (spans)
        {
            spans.Add(data);
        }
    }

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (spans)
        {
            return [.. spans];
        }
    }
}

/// <remarks>
/// Runs alone, after the parallel collections (whose stacks are gone by then), as a host process runs: with one tracer
/// provider. Beside other stacks' providers in the same process (the deprovisioning and listing stacks with it: every
/// time), nothing of the request's HTTP handling was recorded, neither the server span nor the intake's, so the
/// orchestration got no parent and each activity started a trace of its own. Two of three full CI runs here met it;
/// the cause, somewhere between several providers in one process, is not understood.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracedStackCollection : ICollectionFixture<TracedStack>
{
    public const string Name = "traced stack";
}

/// <summary>
/// One request is one trace (and its metrics are recorded): the intake's HTTP span, the orchestration and its activities, every Huawei call (with
/// Huawei's request id) and the callback, which carries the trace on in <c>traceparent</c>.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(TracedStackCollection.Name)]
public sealed class TelemetryTests(TracedStack stack)
{
    [Fact]
    public async Task One_request_is_one_trace_from_the_intake_through_the_orchestration_and_the_huawei_calls_to_the_callback()
    {
        string callbackUrl = stack.NewCallbackUrl(out string sink);
        var request = new JsonObject { ["project_id"] = WebhookProvisioningTests.ProjectId, ["callback_url"] = callbackUrl, ["endpoint"] = WebhookProvisioningTests.SeedEndpoint() };
        // The caller is another process in real use. Here the test's own HttpClient would send its span on as the
        // request's parent, and a call made outside any work is left unrecorded (Vpcep.Telemetry), so its traceparent
        // would say "not sampled" and the whole trace would be dropped: this client sends no trace context at all.
        using var caller = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator() })
        {
            BaseAddress = stack.SelfHostUrl,
        };
        using HttpResponseMessage response = await caller.PostAsJsonAsync("/api/vpc-endpoints", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        string instanceId = accepted.GetProperty("instance_id").GetString()!;
        JsonElement state = await stack.WaitForCompletionAsync(accepted.GetProperty("status_url").GetString()!);
        JsonElement callback = Assert.Single(await stack.WaitForCallbacksAsync(sink));

        Assert.Equal("accepted", state.GetProperty("outcome").GetProperty("result").GetString());
        string createRequestId = state.GetProperty("outcome").GetProperty("create_request_id").GetString()!;
        Assert.False(string.IsNullOrEmpty(createRequestId));

        // The intake's span names the instance; its trace is the request's.
        IReadOnlyList<Activity> spans = await SpansUntilAsync(all => all.Any(s => s.OperationName == "vpcep notify webhook"
            && Tag(s, "vpcep.notification.event_id") == "outcome_" + instanceId));
        Activity? submit = spans.SingleOrDefault(s => s.OperationName == "vpcep submit" && Tag(s, ProvisioningTelemetry.InstanceIdAttribute) == instanceId);
        Assert.True(submit is not null, "no intake span of the request; the spans of its orchestration:\n" + string.Join('\n', spans
            .Where(s => Tag(s, "durabletask.task.instance_id") == instanceId || s.OperationName.StartsWith("vpcep ", StringComparison.Ordinal))
            .Select(s => $"{s.TraceId} {s.ParentSpanId} [{s.Source.Name}] {s.DisplayName} {s.ActivityTraceFlags}")));
        ActivityTraceId trace = submit.TraceId;
        Activity[] inTrace = [.. spans.Where(s => s.TraceId == trace)];
        string shown = string.Join('\n', inTrace.OrderBy(s => s.StartTimeUtc).Select(s => $"[{s.Source.Name}] {s.DisplayName} {string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"));

        // Intake: the HTTP server span of the POST is the submit span's parent.
        Activity server = Assert.Single(inTrace, s => s.SpanId == submit.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal("POST", Tag(server, "http.request.method"));

        // The orchestration and its activities, carried on from the intake's trace context.
        Assert.Contains(inTrace, s => s.Source.Name == "DurableTask.Core" && s.DisplayName.StartsWith("orchestration:ProvisionEndpointOrchestrator", StringComparison.Ordinal)
            && Tag(s, "durabletask.task.instance_id") == instanceId);
        foreach (string activity in new[] { "ValidateInCloudActivity", "CreateEndpointActivity", "NotifyActivity" })
        {
            Assert.True(inTrace.Any(s => s.Source.Name == "DurableTask.Core" && s.DisplayName == "activity:" + activity), $"no span of {activity} in the trace:\n{shown}");
        }

        // The Huawei calls, each with Huawei's request id; the create's is the one the outcome keeps.
        Activity create = Assert.Single(inTrace, s => s.Source.Name == HuaweiCloudTelemetry.SourceName && s.DisplayName == "POST /v1/{project_id}/vpc-endpoints");
        Assert.Equal(createRequestId, Tag(create, HuaweiCloudTelemetry.RequestIdAttribute));
        Assert.Equal(200, create.GetTagItem("http.response.status_code")); // the create answers 200 (VPCEP API reference, "Creating a VPC Endpoint")
        Activity[] huaweiCalls = [.. inTrace.Where(s => s.Source.Name == HuaweiCloudTelemetry.SourceName)];
        Assert.True(huaweiCalls.Length >= 2, $"the cloud validation's reads are missing:\n{shown}");
        Assert.All(huaweiCalls, call => Assert.False(string.IsNullOrEmpty(Tag(call, HuaweiCloudTelemetry.RequestIdAttribute))));

        // The callback: its span is in the trace, and the receiver got the trace in traceparent.
        Activity notify = Assert.Single(inTrace, s => s.OperationName == "vpcep notify webhook");
        Assert.Equal("delivered", Tag(notify, ProvisioningTelemetry.VerdictAttribute));
        string traceparent = callback.GetProperty("headers").GetProperty("traceparent").GetString()!;
        Assert.Equal(trace.ToHexString(), traceparent.Split('-')[1]);

        // One trace: no span of this instance's orchestration or activities belongs to another.
        Assert.DoesNotContain(spans, s => s.TraceId != trace && Tag(s, "durabletask.task.instance_id") == instanceId);

        // The metrics of the same request (this stack runs nothing else).
        var measured = stack.Measurements;
        Assert.Contains(measured, m => m.Instrument == "vpcep.submissions" && Equals(m.Tags[ProvisioningTelemetry.SubmissionAttribute], "accepted"));
        Assert.Contains(measured, m => m.Instrument == "vpcep.requests" && Equals(m.Tags[ProvisioningTelemetry.ResultAttribute], "accepted"));
        Assert.Contains(measured, m => m.Instrument == "vpcep.provisioning.duration" && m.Value > 0);
        Assert.Contains(measured, m => m.Instrument == "vpcep.huawei.calls" && Equals(m.Tags["http.request.method"], "POST")
            && Equals(m.Tags["url.template"], "/v1/{project_id}/vpc-endpoints") && Equals(m.Tags["http.response.status_code"], 200));
        Assert.Contains(measured, m => m.Instrument == "vpcep.notification.attempts"
            && Equals(m.Tags[ProvisioningTelemetry.ChannelAttribute], "webhook") && Equals(m.Tags[ProvisioningTelemetry.VerdictAttribute], "delivered"));
    }

    private async Task<IReadOnlyList<Activity>> SpansUntilAsync(Func<IReadOnlyList<Activity>, bool> done)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<Activity> spans = stack.Spans.Snapshot();
        while (!done(spans) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            spans = stack.Spans.Snapshot();
        }

        return spans;
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();
}
