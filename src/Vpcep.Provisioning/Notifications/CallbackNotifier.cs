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
    /// POSTs a document; answers the receiver's 2xx status code. A non-2xx answer or a network failure throws
    /// <see cref="HttpRequestException"/>.
    /// </summary>
    public virtual async Task<int> SendAsync<T>(Uri callbackUrl, T document, JsonTypeInfo<T> typeInfo, string subject, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.NotificationTimeout);
        HttpClient http = httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = JsonContent.Create(document, typeInfo) };
        request.Headers.TryAddWithoutValidation(InstanceIdHeader, subject);
        using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The callback {callbackUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        return (int)response.StatusCode;
    }
}
