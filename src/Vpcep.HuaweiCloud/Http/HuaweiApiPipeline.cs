using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Telemetry;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// The one HTTP pipeline every Huawei client shares: base URL resolution, JSON bodies, error parsing
/// and retries of idempotent calls. Signing happens below it, in <see cref="SigningHandler"/>, so every
/// attempt is signed afresh. Internal: callers use <see cref="VpcepClient"/> and <see cref="VpcClient"/>.
/// Each verb has its own overload; <c>GET</c>, <c>PUT</c> and <c>DELETE</c> are idempotent by nature, and
/// every <c>POST</c> says at its call site whether it is (<see cref="Idempotency"/>).
/// </summary>
internal sealed class HuaweiApiPipeline
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "HuaweiCloud";

    /// <summary>Longest error text kept from a body that is not JSON (an HTML page of a proxy, say).</summary>
    private const int MaxRawErrorLength = 512;

    /// <summary>Longest unreadable success body kept on the exception (an endpoint is a few KiB).</summary>
    private const int MaxKeptBodyLength = 256 * 1024;

    private readonly IHttpClientFactory httpClientFactory;
    private readonly IOptionsMonitor<HuaweiCloudOptions> options;
    private readonly RetryPolicy retryPolicy;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    public HuaweiApiPipeline(IHttpClientFactory httpClientFactory, IOptionsMonitor<HuaweiCloudOptions> options, RetryPolicy retryPolicy)
        : this(httpClientFactory, options, retryPolicy, TimeProvider.System, NullLogger<HuaweiApiPipeline>.Instance)
    {
    }

    public HuaweiApiPipeline(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<HuaweiCloudOptions> options,
        RetryPolicy retryPolicy,
        TimeProvider time,
        ILogger<HuaweiApiPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retryPolicy);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.httpClientFactory = httpClientFactory;
        this.options = options;
        this.retryPolicy = retryPolicy;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Builds the absolute URI of <paramref name="relativePath"/> on <paramref name="service"/> in a region.</summary>
    public Uri BuildUri(string service, string? region, string relativePath)
    {
        HuaweiCloudOptions o = options.CurrentValue;
        Uri baseUrl = HuaweiEndpoints.Resolve(service, string.IsNullOrWhiteSpace(region) ? o.Region : region, o.BaseUrl);
        return new Uri(baseUrl, relativePath);
    }

    /// <summary>
    /// Builds the absolute URI of <paramref name="relativePath"/> with a query; parameters whose value is
    /// <see langword="null"/> are left out, the others are percent-encoded as the signature encodes them.
    /// </summary>
    public Uri BuildUri(string service, string? region, string relativePath, IEnumerable<KeyValuePair<string, string?>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var builder = new StringBuilder(relativePath);
        char separator = relativePath.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach ((string key, string? value) in query)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return BuildUri(service, region, builder.ToString());
    }

    /// <summary>A <c>GET</c>: idempotent, so retried.</summary>
    public Task<TResponse> GetAsync<TResponse>(Uri uri, string projectId, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendAndReadAsync(HttpMethod.Get, uri, projectId, payload: null, responseType, Idempotency.Idempotent, cancellationToken);

    /// <summary>A <c>PUT</c> with a JSON body: it replaces state, so it is idempotent and retried.</summary>
    public async Task<TResponse> PutAsync<TRequest, TResponse>(
        Uri uri, string projectId, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        byte[] payload = Serialize(body, requestType);
        return await SendAndReadAsync(HttpMethod.Put, uri, projectId, payload, responseType, Idempotency.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A <c>POST</c> with a JSON body and a JSON answer. A <c>POST</c> may or may not be safe to repeat, so
    /// the caller says which (<paramref name="idempotency"/>); only <see cref="Idempotency.Idempotent"/> calls are retried.
    /// </summary>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        Uri uri,
        string projectId,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Idempotency idempotency,
        CancellationToken cancellationToken)
    {
        byte[] payload = Serialize(body, requestType);
        return await SendAndReadAsync(HttpMethod.Post, uri, projectId, payload, responseType, idempotency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A <c>POST</c> with a JSON body whose answer has no body of interest; retried only when <paramref name="idempotency"/> says so.</summary>
    public async Task PostAsync<TRequest>(
        Uri uri, string projectId, TRequest body, JsonTypeInfo<TRequest> requestType, Idempotency idempotency, CancellationToken cancellationToken)
    {
        byte[] payload = Serialize(body, requestType);
        using HttpResponseMessage response = await SendCoreAsync(HttpMethod.Post, uri, projectId, payload, idempotency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A <c>DELETE</c> whose answer has no body of interest: idempotent, so retried.</summary>
    public async Task DeleteAsync(Uri uri, string projectId, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendCoreAsync(HttpMethod.Delete, uri, projectId, payload: null, Idempotency.Idempotent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Serialised once, before the first attempt: every attempt sends (and signs) exactly the same bytes.
    /// </summary>
    private static byte[] Serialize<TRequest>(TRequest body, JsonTypeInfo<TRequest> requestType)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(requestType);
        return JsonSerializer.SerializeToUtf8Bytes(body, requestType);
    }

    /// <summary>Sends a request and reads its JSON answer; throws <see cref="HuaweiCloudException"/> on an error answer.</summary>
    private async Task<TResponse> SendAndReadAsync<TResponse>(
        HttpMethod method, Uri uri, string projectId, byte[]? payload, JsonTypeInfo<TResponse> responseType, Idempotency idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseType);
        using HttpResponseMessage response = await SendCoreAsync(method, uri, projectId, payload, idempotency, cancellationToken).ConfigureAwait(false);
        byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        TResponse? result;
        try
        {
            result = content.Length == 0 ? default : JsonSerializer.Deserialize(content, responseType);
        }
        catch (JsonException ex)
        {
            // The call succeeded but its answer cannot be read. Keep the body: for a create it still names the
            // endpoint that now exists, and the caller must not lose it.
            logger.UnreadableAnswer(method.Method, uri.AbsolutePath, (int)response.StatusCode, RequestIdOf(response), ex.Message);
            throw new HuaweiCloudException(response.StatusCode, null, "The service answered a body that is not the expected JSON: " + ex.Message, RequestIdOf(response), ex)
            {
                ResponseBody = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, MaxKeptBodyLength)),
            };
        }

        if (result is IHuaweiAnswer answer)
        {
            answer.RequestId ??= RequestIdOf(response);
        }

        return result ?? throw new HuaweiCloudException(response.StatusCode, null, "The service answered an empty body.", RequestIdOf(response));
    }

    /// <summary>
    /// Sends <paramref name="payload"/> (an empty body when <see langword="null"/>) and returns the success answer;
    /// an error answer, after any retries, is thrown as <see cref="HuaweiCloudException"/>.
    /// </summary>
    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, Uri uri, string projectId, byte[]? payload, Idempotency idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        bool idempotent = idempotency == Idempotency.Idempotent;
        HttpClient http = httpClientFactory.CreateClient(HttpClientName);
        string path = uri.AbsolutePath;
        string template = HuaweiCloudTelemetry.UrlTemplate(path, projectId);
        using Activity? span = HuaweiCloudTelemetry.Source.StartActivity($"{method.Method} {template}", ActivityKind.Client);
        span?.SetTag("http.request.method", method.Method);
        span?.SetTag("url.template", template);
        span?.SetTag("server.address", uri.Host);
        span?.SetTag(HuaweiCloudTelemetry.ProjectIdAttribute, projectId);
        try
        {
            HttpResponseMessage answer = await SendAttemptsAsync(http, method, uri, path, template, projectId, payload, idempotent, span, cancellationToken).ConfigureAwait(false);
            span?.SetStatus(ActivityStatusCode.Ok);
            return answer;
        }
        catch (Exception ex)
        {
            if (span is not null)
            {
                span.SetStatus(ActivityStatusCode.Error, ex.Message);
                span.SetTag("error.type", ex is HuaweiCloudException { ErrorCode: { } code } ? code : ex.GetType().FullName);
            }

            throw;
        }
    }

    /// <summary>The attempts of one call (see <see cref="SendCoreAsync"/>), each counted and timed.</summary>
    private async Task<HttpResponseMessage> SendAttemptsAsync(
        HttpClient http, HttpMethod method, Uri uri, string path, string template, string projectId, byte[]? payload, bool idempotent, Activity? span, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            span?.SetTag(HuaweiCloudTelemetry.AttemptsAttribute, attempt);
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("X-Project-Id", projectId);
            request.Content = new ByteArrayContent(payload ?? []);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            HttpResponseMessage response;
            long started = time.GetTimestamp();
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(options.CurrentValue.RequestTimeout);
                response = await http.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // No answer: counted, then retried when the call is idempotent and the policy allows another attempt.
                Record(method, template, null, null, ex, time.GetElapsedTime(started));
                if (!idempotent || cancellationToken.IsCancellationRequested || ex is not (HttpRequestException or OperationCanceledException)
                    || !retryPolicy.ShouldRetry(attempt) || retryPolicy.Delay(attempt, null) is not { } wait)
                {
                    throw;
                }

                logger.RetryingAfterTransportError(method.Method, path, ex.GetType().Name, attempt, wait);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            TimeSpan elapsed = time.GetElapsedTime(started);
            string? requestId = RequestIdOf(response);
            span?.SetTag("http.response.status_code", (int)response.StatusCode);
            span?.SetTag(HuaweiCloudTelemetry.RequestIdAttribute, requestId);
            if (response.IsSuccessStatusCode && method != HttpMethod.Get)
            {
                // A change's request id is kept at Information: it is what Huawei's support asks for.
                logger.Changed(method.Method, path, (int)response.StatusCode, requestId);
            }
            else
            {
                logger.Answered(method.Method, path, (int)response.StatusCode, requestId);
            }

            if (response.IsSuccessStatusCode)
            {
                Record(method, template, response.StatusCode, null, null, elapsed);
                return response;
            }

            HuaweiCloudException error;
            TimeSpan? retryAfter;
            using (response)
            {
                error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                retryAfter = RetryPolicy.RetryAfterOf(response.Headers.RetryAfter, time.GetUtcNow());
            }

            Record(method, template, error.Status, error, null, elapsed);
            span?.SetTag(HuaweiCloudTelemetry.RequestIdAttribute, error.RequestId);
            span?.SetTag(HuaweiCloudTelemetry.ErrorCodeAttribute, error.ErrorCode);

            if (error.IsTransient && idempotent && retryPolicy.ShouldRetry(attempt)
                && retryPolicy.Delay(attempt, retryAfter) is { } delay)
            {
                logger.RetryingAfterError(method.Method, path, error.Status, error.ErrorCode, error.RequestId, attempt, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            logger.Failed(method.Method, path, error.Status, error.ErrorCode, error.ErrorMessage, error.RequestId, attempt);
            throw error;
        }
    }

    /// <summary>
    /// Counts and times one attempt (<see cref="HuaweiCloudTelemetry"/>): its answer's status and error code, or the
    /// transport failure's type.
    /// </summary>
    private static void Record(HttpMethod method, string template, System.Net.HttpStatusCode? status, HuaweiCloudException? error, Exception? transportFailure, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "http.request.method", method.Method },
            { "url.template", template },
        };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", (int)code);
        }

        if (error?.ErrorCode is { } errorCode)
        {
            tags.Add(HuaweiCloudTelemetry.ErrorCodeAttribute, errorCode);
        }

        if (transportFailure is not null)
        {
            tags.Add("error.type", transportFailure.GetType().FullName);
        }

        HuaweiCloudTelemetry.Calls.Add(1, tags);
        HuaweiCloudTelemetry.Duration.Record(elapsed.TotalSeconds, tags);
        if (error is { IsThrottling: true })
        {
            HuaweiCloudTelemetry.Throttled.Add(1, tags);
        }
    }

    /// <summary>
    /// Reads Huawei's error body in any of its shapes (see <see cref="HuaweiErrorBody"/>); a body that is none
    /// of them (a proxy's HTML page, say) becomes the message as it is. The request id comes from the body or,
    /// failing that, from <c>X-Request-Id</c>.
    /// </summary>
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
            // Not a JSON object of a known shape: the raw text becomes the message.
        }

        string? code = body?.EffectiveCode;
        string message = body?.EffectiveMessage
            ?? (string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : Truncate(text.Trim()));
        return new HuaweiCloudException(response.StatusCode, code, message, body?.EffectiveRequestId ?? RequestIdOf(response));
    }

    private static string Truncate(string text) => text.Length <= MaxRawErrorLength ? text : text[..MaxRawErrorLength] + "...";

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
