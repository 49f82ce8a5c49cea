using System.Net;
using System.Text.Json;
using NSubstitute;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

public class CallbackNotifierTests
{
    private static readonly Uri Callback = new("https://hooks.example.test/vpcep?tenant=7");

    private readonly RecordingHandler handler = new();
    private readonly IHttpClientFactory factory = Substitute.For<IHttpClientFactory>();
    private readonly ProvisioningOutcome outcome = new()
    {
        InstanceId = "vpcep-0123456789abcdef0123456789abcdef",
        Result = ProvisioningResult.Failed,
        ProjectId = "6e9dfd51d1124e8d8498dce894923a0d",
        Error = new ProvisioningError("EndPoint.0002", "Quota exhausted.", 400, "req-9"),
    };

    public CallbackNotifierTests() =>
        factory.CreateClient(CallbackNotifier.HttpClientName).Returns(_ => new HttpClient(handler, disposeHandler: false));

    private CallbackNotifier Notifier(TimeSpan? timeout = null) =>
        new(factory, Microsoft.Extensions.Options.Options.Create(new ProvisioningOptions { NotificationTimeout = timeout ?? TimeSpan.FromSeconds(10) }));

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.NoContent)]
    public async Task A_success_answers_the_receivers_status_code(HttpStatusCode status)
    {
        handler.Status = status;

        int answered = await Notifier().SendAsync(Callback, outcome, ProvisioningJsonContext.Default.ProvisioningOutcome, outcome.InstanceId, "outcome_evt-1", CancellationToken.None);

        Assert.Equal((int)status, answered);
    }

    [Fact]
    public async Task The_outcome_is_posted_as_json_with_the_instance_id_header()
    {
        await Notifier().SendAsync(Callback, outcome, ProvisioningJsonContext.Default.ProvisioningOutcome, outcome.InstanceId, "outcome_evt-1", CancellationToken.None);

        Assert.Equal(HttpMethod.Post, handler.Method);
        Assert.Equal(Callback, handler.Uri);
        Assert.Equal("application/json", handler.ContentType);
        Assert.Equal(["vpcep-0123456789abcdef0123456789abcdef"], handler.InstanceIdHeader ?? []);
        Assert.Equal(["outcome_evt-1"], handler.EventIdHeader ?? []);
        using JsonDocument body = JsonDocument.Parse(handler.Body!);
        Assert.Equal("vpcep-0123456789abcdef0123456789abcdef", body.RootElement.GetProperty("instance_id").GetString());
        Assert.Equal("failed", body.RootElement.GetProperty("result").GetString());
        Assert.Equal("EndPoint.0002", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("req-9", body.RootElement.GetProperty("error").GetProperty("request_id").GetString());
        Assert.False(body.RootElement.TryGetProperty("endpoint", out _), "absent members are left out");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.MovedPermanently)]
    public async Task A_non_success_answer_throws_with_the_status_code(HttpStatusCode status)
    {
        handler.Status = status;

        HttpRequestException thrown = await Assert.ThrowsAsync<HttpRequestException>(() => Notifier().SendAsync(Callback, outcome, ProvisioningJsonContext.Default.ProvisioningOutcome, outcome.InstanceId, "outcome_evt-1", CancellationToken.None));

        Assert.Equal(status, thrown.StatusCode);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_success_status_counts_as_delivered()
    {
        handler.Status = HttpStatusCode.NoContent;

        await Notifier().SendAsync(Callback, outcome, ProvisioningJsonContext.Default.ProvisioningOutcome, outcome.InstanceId, "outcome_evt-1", CancellationToken.None);

        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_within_the_notification_timeout_fails_the_delivery()
    {
        handler.Hang = true;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Notifier(TimeSpan.FromMilliseconds(50)).SendAsync(Callback, outcome, ProvisioningJsonContext.Default.ProvisioningOutcome, outcome.InstanceId, "outcome_evt-1", CancellationToken.None));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public bool Hang { get; set; }

        public int Requests { get; private set; }

        public HttpMethod? Method { get; private set; }

        public Uri? Uri { get; private set; }

        public string? ContentType { get; private set; }

        public string[]? InstanceIdHeader { get; private set; }

        public string[]? EventIdHeader { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            Method = request.Method;
            Uri = request.RequestUri;
            ContentType = request.Content?.Headers.ContentType?.MediaType;
            InstanceIdHeader = request.Headers.TryGetValues("X-Provisioning-Instance-Id", out var values) ? [.. values] : null;
            EventIdHeader = request.Headers.TryGetValues("webhook-id", out var ids) ? [.. ids] : null;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(Status);
        }
    }
}
