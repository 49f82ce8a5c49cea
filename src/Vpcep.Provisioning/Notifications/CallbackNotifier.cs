using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Notifications;

/// <summary>POSTs a provisioning outcome as JSON to a callback URL.</summary>
public class CallbackNotifier(IHttpClientFactory httpClientFactory, IOptions<ProvisioningOptions> options)
{
    /// <summary>The name of the <see cref="HttpClient"/> used for callbacks.</summary>
    public const string HttpClientName = "Callbacks";

    /// <summary>Sends the outcome; a non-2xx answer or a network failure throws <see cref="HttpRequestException"/>.</summary>
    public virtual async Task SendAsync(Uri callbackUrl, ProvisioningOutcome outcome, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.NotificationTimeout);
        HttpClient http = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl)
        {
            Content = JsonContent.Create(outcome, ProvisioningJsonContext.Default.ProvisioningOutcome),
        };
        request.Headers.TryAddWithoutValidation("X-Provisioning-Instance-Id", outcome.InstanceId);
        using HttpResponseMessage response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The callback {callbackUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
