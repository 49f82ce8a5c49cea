using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// The one HTTP pipeline every Huawei client shares: base URL resolution, JSON bodies, error parsing
/// and retries of idempotent calls.
/// </summary>
public class HuaweiApiPipeline
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "HuaweiCloud";

    private readonly IHttpClientFactory httpClientFactory;
    private readonly IOptionsMonitor<HuaweiCloudOptions> options;
    private readonly RetryPolicy retryPolicy;

    public HuaweiApiPipeline(IHttpClientFactory httpClientFactory, IOptionsMonitor<HuaweiCloudOptions> options, RetryPolicy retryPolicy)
    {
        this.httpClientFactory = httpClientFactory;
        this.options = options;
        this.retryPolicy = retryPolicy;
    }

    /// <summary>Builds the absolute URI of <paramref name="relativePath"/> on <paramref name="service"/> in a region.</summary>
    public Uri BuildUri(string service, string? region, string relativePath)
    {
        HuaweiCloudOptions o = options.CurrentValue;
        Uri baseUrl = HuaweiEndpoints.Resolve(service, string.IsNullOrWhiteSpace(region) ? o.Region : region, o.BaseUrl);
        return new Uri(baseUrl, relativePath);
    }

    /// <summary>Sends a request and reads a JSON answer; throws <see cref="HuaweiCloudException"/> on an error answer.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        Uri uri,
        string projectId,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse> responseType,
        bool idempotent,
        CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendRawAsync(method, uri, projectId, body, requestType, idempotent, cancellationToken).ConfigureAwait(false);
        TResponse? result = await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false);
        return result ?? throw new HuaweiCloudException(response.StatusCode, null, "The service answered an empty body.", RequestIdOf(response));
    }

    /// <summary>Sends a request whose answer has no body of interest.</summary>
    public async Task SendAsync<TRequest>(
        HttpMethod method, Uri uri, string projectId, TRequest? body, JsonTypeInfo<TRequest>? requestType, bool idempotent, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendRawAsync(method, uri, projectId, body, requestType, idempotent, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync<TRequest>(
        HttpMethod method, Uri uri, string projectId, TRequest? body, JsonTypeInfo<TRequest>? requestType, bool idempotent, CancellationToken cancellationToken)
    {
        byte[]? payload = body is null || requestType is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        HttpClient http = httpClientFactory.CreateClient(HttpClientName);
        for (int attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("X-Project-Id", projectId);
            request.Content = new ByteArrayContent(payload ?? []);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            HttpResponseMessage response;
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(options.CurrentValue.RequestTimeout);
                response = await http.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (idempotent && !cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException
                && retryPolicy.ShouldRetry(attempt))
            {
                await Task.Delay(retryPolicy.Delay(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            HuaweiCloudException error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta;
            response.Dispose();
            if ((error.IsThrottling || error.IsServerError) && idempotent && retryPolicy.ShouldRetry(attempt))
            {
                await Task.Delay(retryPolicy.Delay(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw error;
        }
    }

    /// <summary>Reads Huawei's error body in either of its shapes.</summary>
    public static async Task<HuaweiCloudException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        HuaweiErrorBody? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, HuaweiJsonContext.Default.HuaweiErrorBody);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the raw text becomes the message.
        }

        string? code = body?.ErrorCode ?? body?.Error?.Code;
        string message = body?.ErrorMsg ?? body?.Error?.Message ?? (string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "" : text);
        return new HuaweiCloudException(response.StatusCode, code, message, body?.RequestId ?? RequestIdOf(response));
    }

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}

/// <summary>Exponential backoff with full jitter, honouring <c>Retry-After</c>.</summary>
public class RetryPolicy
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first backoff.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether another attempt may follow attempt number <paramref name="attempt"/>.</summary>
    public virtual bool ShouldRetry(int attempt) => attempt < MaxAttempts;

    /// <summary>The wait before the attempt after <paramref name="attempt"/>.</summary>
    public virtual TimeSpan Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after && after > TimeSpan.Zero)
        {
            return after < MaxDelay ? after : MaxDelay;
        }

        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
#pragma warning restore CA5394
    }
}
