using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// The webhook channel: POSTs the event's JSON body to a callback URL, signed as Standard Webhooks says
/// (<see cref="WebhookSignatures"/>), and answers what came of it as a verdict. Redirects are not followed.
/// </summary>
public class CallbackNotifier(
    IHttpClientFactory httpClientFactory, IOptions<ProvisioningOptions> options, IOptions<NotificationOptions> notifications, TimeProvider time)
    : INotificationChannel
{
    /// <summary>The name of the <see cref="HttpClient"/> used for callbacks.</summary>
    public const string HttpClientName = "Callbacks";

    /// <summary>The header naming the orchestration (or batch) the notification is about.</summary>
    public const string InstanceIdHeader = "X-Provisioning-Instance-Id";

    /// <summary>
    /// The header carrying the event's id (the Standard Webhooks name): the same on every delivery of one event,
    /// retries and redeliveries after a crash included, so a receiver de-duplicates on it. Delivery is at least once.
    /// </summary>
    public const string EventIdHeader = WebhookSignatures.IdHeader;

    /// <summary>The event id of a request's outcome.</summary>
    public static string OutcomeEventId(string instanceId) => "outcome_" + instanceId;

    /// <summary>The event id of a batch's summary.</summary>
    public static string BatchSummaryEventId(string batchId) => "batch_summary_" + batchId;

    /// <summary>The event id of the follow-up of a request that ended <c>pending_acceptance</c>.</summary>
    public static string FollowUpEventId(string instanceId) => "outcome_followup_" + instanceId;

    /// <summary>
    /// The event id of the deprovisioning of a request's endpoint: <c>deprovision_{instance id}</c> for its first run,
    /// <c>deprovision_{instance id}_{run}</c> for a run started again after one ended <c>failed</c> or <c>timed_out</c>
    /// (a new outcome, which receivers must not take for a repeat of the first).
    /// </summary>
    public static string DeprovisionEventId(string instanceId, int run = 1) =>
        run <= 1 ? "deprovision_" + instanceId : $"deprovision_{instanceId}_{run.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public string Name => NotificationChannels.Webhook;

    /// <inheritdoc/>
    public virtual async Task<DeliveryResult> DeliverAsync(NotificationMessage message, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Uri.TryCreate(target, UriKind.Absolute, out Uri? callbackUrl))
        {
            return new DeliveryResult(DeliveryVerdicts.Refused, Error: "The callback URL is not an absolute URL.");
        }

        string shown = CallbackUrls.Redacted(target);
        TimeSpan timeout = options.Value.NotificationTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ReadOnlyMemoryContent(message.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(InstanceIdHeader, message.Subject);
        long timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation(WebhookSignatures.IdHeader, message.EventId);
        request.Headers.TryAddWithoutValidation(WebhookSignatures.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        List<byte[]> keys = [.. notifications.Value.SigningSecrets.Select(WebhookSignatures.KeyOf).OfType<byte[]>()];
        if (keys.Count > 0)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignatures.SignatureHeader, WebhookSignatures.Sign(message.EventId, timestamp, message.Body.Span, keys));
        }

        try
        {
            HttpClient http = httpClientFactory.CreateClient(HttpClientName);
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered(status);
            }

            string answered = $"The callback {shown} answered {status} {response.ReasonPhrase}.";
            return response.StatusCode switch
            {
                // Standard Webhooks, "Retry schedule": a 410 Gone tells the sender to stop (and to disable the endpoint).
                HttpStatusCode.Gone => new DeliveryResult(DeliveryVerdicts.Gone, status, answered + " It asked for no more deliveries."),
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                    new DeliveryResult(DeliveryVerdicts.Retry, status, answered, RetryAfterOf(response.Headers.RetryAfter)),
                >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest =>
                    new DeliveryResult(DeliveryVerdicts.Retry, status, answered + " Redirects are not followed."),
                _ => new DeliveryResult(DeliveryVerdicts.Retry, status, answered),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryVerdicts.Retry, Error: $"The callback {shown} did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex) when (CallbackTargetRefusedException.Within(ex) is { } refused)
        {
            // Callback URL safety (CallbackTargetPolicy): http, credentials or a non-public address; trying again cannot help.
            return new DeliveryResult(DeliveryVerdicts.Refused, Error: refused.Message);
        }
        catch (HttpRequestException ex)
        {
            // The message of a connection failure names host and port only, never the URL's user information.
            return new DeliveryResult(DeliveryVerdicts.Retry, Error: $"The callback {shown} could not be reached: {ex.Message}");
        }
    }

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds or a date, RFC 9110 section 10.2.3).</summary>
    private TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date - time.GetUtcNow()) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero : null;
    }
}
