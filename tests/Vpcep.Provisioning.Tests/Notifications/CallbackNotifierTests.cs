using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

public class CallbackNotifierTests
{
    private const string Callback = "https://hooks.example.test/vpcep?tenant=7";
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string RotatedSecret = "whsec_c2VjcmV0LW9mLXRoZS1uZXh0LXJvdGF0aW9uLTEyMzQ=";

    private readonly RecordingHandler handler = new();
    private readonly IHttpClientFactory factory = Substitute.For<IHttpClientFactory>();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly NotificationMessage message = new(
        "outcome_vpcep-0123456789abcdef0123456789abcdef",
        "provisioning.outcome",
        "vpcep-0123456789abcdef0123456789abcdef",
        Encoding.UTF8.GetBytes("""{"instance_id":"vpcep-0123456789abcdef0123456789abcdef","result":"failed"}"""));

    public CallbackNotifierTests() =>
        factory.CreateClient(CallbackNotifier.HttpClientName).Returns(_ => new HttpClient(handler, disposeHandler: false));

    private CallbackNotifier Notifier(TimeSpan? timeout = null, params string[] secrets)
    {
        var notifications = new NotificationOptions();
        foreach (string secret in secrets)
        {
            notifications.SigningSecrets.Add(secret);
        }

        return new(
            factory,
            Microsoft.Extensions.Options.Options.Create(new ProvisioningOptions { NotificationTimeout = timeout ?? TimeSpan.FromSeconds(10) }),
            Microsoft.Extensions.Options.Options.Create(notifications),
            time);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.NoContent)]
    public async Task Any_success_status_is_delivered_with_the_receivers_status_code(HttpStatusCode status)
    {
        handler.Status = status;

        DeliveryResult result = await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(DeliveryResult.Delivered((int)status), result);
    }

    [Fact]
    public async Task The_body_is_posted_byte_for_byte_with_the_standard_webhooks_headers_and_the_instance_id()
    {
        await Notifier(null, Secret).DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(HttpMethod.Post, handler.Method);
        Assert.Equal(new Uri(Callback), handler.Uri);
        Assert.Equal("application/json", handler.ContentType);
        Assert.Equal(message.Body.ToArray(), handler.Body);
        Assert.Equal(message.Subject, handler.Header("X-Provisioning-Instance-Id"));
        Assert.Equal(message.EventId, handler.Header("webhook-id"));
        Assert.Equal("1796040000", handler.Header("webhook-timestamp"));
        Assert.StartsWith("v1,", handler.Header("webhook-signature"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_delivery_passes_an_independent_verifier_and_fails_it_when_anything_changes()
    {
        await Notifier(null, Secret).DeliverAsync(message, Callback, CancellationToken.None);
        string? id = handler.Header("webhook-id");
        string? timestamp = handler.Header("webhook-timestamp");
        string? signature = handler.Header("webhook-signature");

        Assert.True(StandardWebhooksVerifier.Verify(Secret, id, timestamp, signature, handler.Body!, time.GetUtcNow(), out string why), why);
        Assert.False(StandardWebhooksVerifier.Verify(Secret, id, timestamp, signature, [.. handler.Body!, (byte)' '], time.GetUtcNow(), out _));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, id + "x", timestamp, signature, handler.Body!, time.GetUtcNow(), out _));
        Assert.False(StandardWebhooksVerifier.Verify(RotatedSecret, id, timestamp, signature, handler.Body!, time.GetUtcNow(), out _));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, id, timestamp, signature, handler.Body!, time.GetUtcNow().AddMinutes(6), out _));
    }

    [Fact]
    public async Task With_two_secrets_each_signs_so_a_receiver_holding_either_accepts_during_a_rotation()
    {
        await Notifier(null, Secret, RotatedSecret).DeliverAsync(message, Callback, CancellationToken.None);

        string signature = handler.Header("webhook-signature")!;
        Assert.Equal(2, signature.Split(' ').Length);
        Assert.True(StandardWebhooksVerifier.Verify(Secret, message.EventId, handler.Header("webhook-timestamp"), signature, handler.Body!, time.GetUtcNow(), out _));
        Assert.True(StandardWebhooksVerifier.Verify(RotatedSecret, message.EventId, handler.Header("webhook-timestamp"), signature, handler.Body!, time.GetUtcNow(), out _));
    }

    [Fact]
    public async Task Without_secrets_the_delivery_is_unsigned_but_keeps_its_id_and_timestamp()
    {
        await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Null(handler.Header("webhook-signature"));
        Assert.Equal(message.EventId, handler.Header("webhook-id"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task A_non_success_answer_is_tried_again_naming_the_status_and_not_the_query(HttpStatusCode status)
    {
        handler.Status = status;

        DeliveryResult result = await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, result.Verdict);
        Assert.Equal((int)status, result.StatusCode);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant=7", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_is_tried_again()
    {
        handler.Status = HttpStatusCode.Found;

        DeliveryResult result = await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, result.Verdict);
        Assert.Contains("Redirects are not followed", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task Gone_stops_the_deliveries()
    {
        handler.Status = HttpStatusCode.Gone;

        DeliveryResult result = await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Gone, result.Verdict);
        Assert.Equal(410, result.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Retry_after_in_seconds_is_read_on_429_and_503(HttpStatusCode status)
    {
        handler.Status = status;
        handler.RetryAfter = "120";

        DeliveryResult result = await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, result.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_as_a_date_is_read_as_the_wait_until_it()
    {
        handler.Status = HttpStatusCode.ServiceUnavailable;
        handler.RetryAfter = time.GetUtcNow().AddMinutes(3).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        DeliveryResult result = await Notifier().DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(3), result.RetryAfter);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_within_the_timeout_is_tried_again()
    {
        handler.Hang = true;

        DeliveryResult result = await Notifier(TimeSpan.FromMilliseconds(50)).DeliverAsync(message, Callback, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, result.Verdict);
        Assert.Contains("did not answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_failure_is_tried_again_without_the_urls_credentials()
    {
        handler.Failure = new HttpRequestException("Connection refused (hooks.example.test:443)");

        DeliveryResult result = await Notifier().DeliverAsync(message, "https://user:secret@hooks.example.test/x", CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, result.Verdict);
        Assert.Contains("Connection refused", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private HttpRequestMessage? last;

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public string? RetryAfter { get; set; }

        public bool Hang { get; set; }

        public Exception? Failure { get; set; }

        public int Requests { get; private set; }

        public HttpMethod? Method => last?.Method;

        public Uri? Uri => last?.RequestUri;

        public string? ContentType { get; private set; }

        public byte[]? Body { get; private set; }

        public string? Header(string name) => last is not null && last.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            last = request;
            ContentType = request.Content?.Headers.ContentType?.MediaType;
            Body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (Failure is not null)
            {
                throw Failure;
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var response = new HttpResponseMessage(Status);
            if (RetryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", RetryAfter);
            }

            return response;
        }
    }
}
