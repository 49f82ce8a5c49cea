using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.HuaweiCloud.Http;

namespace Vpcep.HuaweiCloud.Tests.Infrastructure;

/// <summary>An <see cref="HttpMessageHandler"/> that answers from a script and records the requests.</summary>
public sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int next;

    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    public int Count => Requests.Count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        int index = Math.Min(Interlocked.Increment(ref next) - 1, script.Length - 1);
        return Task.FromResult(script[index](request));
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, Action<HttpResponseMessage>? change = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        change?.Invoke(response);
        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code, Action<HttpResponseMessage>? change = null) =>
        Json(status, $$"""{"error_code":"{{code}}","error_msg":"scripted","request_id":"req-1"}""", change);
}

/// <summary>Records the waits asked of it and lets each pass at once; its clock stands still.</summary>
public sealed class RecordingTimeProvider(DateTimeOffset now) : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            dueTime = TimeSpan.Zero;
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}

/// <summary>Builds the clients over a <see cref="ScriptedHandler"/>, without signing.</summary>
internal static class FakeHuaweiService
{
    public static readonly ProjectScope Project = new("0123456789abcdef0123456789abcdef");

    public static VpcepClient Client(ScriptedHandler handler, RecordingTimeProvider? time = null, RetryPolicy? retry = null, HuaweiCloudOptions? options = null) =>
        new(Pipeline(handler, time, retry, options));

    public static VpcClient VpcClient(ScriptedHandler handler, RecordingTimeProvider? time = null, RetryPolicy? retry = null, HuaweiCloudOptions? options = null) =>
        new(Pipeline(handler, time, retry, options));

    public static SmnClient SmnClient(ScriptedHandler handler, RecordingTimeProvider? time = null, RetryPolicy? retry = null, HuaweiCloudOptions? options = null) =>
        new(Pipeline(handler, time, retry, options));

    private static HuaweiApiPipeline Pipeline(ScriptedHandler handler, RecordingTimeProvider? time, RetryPolicy? retry, HuaweiCloudOptions? options)
    {
        IHttpClientFactory factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(HuaweiApiPipeline.HttpClientName).Returns(_ => new HttpClient(handler, disposeHandler: false));
        IOptionsMonitor<HuaweiCloudOptions> monitor = Substitute.For<IOptionsMonitor<HuaweiCloudOptions>>();
        monitor.CurrentValue.Returns(options ?? new HuaweiCloudOptions { BaseUrl = new Uri("http://fake.invalid") });
        return new HuaweiApiPipeline(
            factory,
            monitor,
            retry ?? new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10) },
            time ?? new RecordingTimeProvider(DateTimeOffset.UnixEpoch),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<HuaweiApiPipeline>.Instance);
    }
}
