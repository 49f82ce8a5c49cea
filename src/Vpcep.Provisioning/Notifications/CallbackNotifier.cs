using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Notifications;

/// <summary>POSTs an outcome document as JSON to a callback URL.</summary>
public class CallbackNotifier(IHttpClientFactory httpClientFactory, IOptions<ProvisioningOptions> options)
{
    /// <summary>The name of the <see cref="HttpClient"/> used for callbacks.</summary>
    public const string HttpClientName = "Callbacks";

    /// <summary>The header naming the orchestration (or batch) the notification is about.</summary>
    public const string InstanceIdHeader = "X-Provisioning-Instance-Id";

    /// <summary>
    /// The header carrying the event's id (the Standard Webhooks name): the same on every delivery of one event,
    /// retries and redeliveries after a crash included, so a receiver de-duplicates on it. Delivery is at least once.
    /// </summary>
    public const string EventIdHeader = "webhook-id";

    /// <summary>The event id of a request's outcome.</summary>
    public static string OutcomeEventId(string instanceId) => "outcome_" + instanceId;

    /// <summary>The event id of a batch's summary.</summary>
    public static string BatchSummaryEventId(string batchId) => "batch_summary_" + batchId;

    /// <summary>
    /// POSTs a document; answers the receiver's 2xx status code. A non-2xx answer or a network failure throws
    /// <see cref="HttpRequestException"/>.
    /// </summary>
    /// <param name="callbackUrl">The receiver.</param>
    /// <param name="document">The outcome or summary.</param>
    /// <param name="typeInfo">How to write it.</param>
    /// <param name="subject">The instance (or batch) it is about.</param>
    /// <param name="eventId">The event's stable id (<see cref="EventIdHeader"/>).</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    public virtual async Task<int> SendAsync<T>(Uri callbackUrl, T document, JsonTypeInfo<T> typeInfo, string subject, string eventId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.NotificationTimeout);
        HttpClient http = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = JsonContent.Create(document, typeInfo) };
        request.Headers.TryAddWithoutValidation(InstanceIdHeader, subject);
        request.Headers.TryAddWithoutValidation(EventIdHeader, eventId);
        using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The callback {CallbackUrls.Redacted(callbackUrl.ToString())} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        return (int)response.StatusCode;
    }
}
