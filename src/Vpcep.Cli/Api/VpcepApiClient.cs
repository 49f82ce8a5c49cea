using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Vpcep.Cli.Api;

/// <summary>
/// The client of the provisioning service's HTTP API, the same for both hosts (README "The HTTP contract"). One
/// <see cref="HttpClient"/> carries the base URL and the key; each method answers the document read, or throws
/// <see cref="VpcepApiException"/> for an error status.
/// </summary>
internal sealed class VpcepApiClient
{
    private const string ProblemMediaType = "application/problem+json";
    private readonly HttpClient http;

    /// <summary>Creates the client over <paramref name="http"/>, whose base address is the host's URL.</summary>
    public VpcepApiClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
    }

    /// <summary>
    /// Creates the one <see cref="HttpClient"/> a command uses: the host's base URL, the keys it was given, and the
    /// longest one call may take (<paramref name="handler"/>: the network, unless a test passes its own).
    /// </summary>
    public static HttpClient CreateHttpClient(Uri baseUrl, string? apiKey, string? functionKey, TimeSpan requestTimeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseUrl;
        http.Timeout = requestTimeout;
        if (!string.IsNullOrEmpty(apiKey))
        {
            // The self-host's key header (README "The HTTP contract": SelfHost:ApiKeys, SelfHost:Callers).
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        if (!string.IsNullOrEmpty(functionKey))
        {
            // Azure Functions' function key header ("Azure Functions HTTP trigger", "API key authorization").
            http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("vpcep-cli", typeof(VpcepApiClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"));
        return http;
    }

    /// <summary><c>POST /api/vpc-endpoints</c> with the request document as written.</summary>
    public Task<ApiAnswer<AcceptedRequest>> SubmitAsync(string document, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/vpc-endpoints") { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request, CliJsonContext.Default.AcceptedRequest, cancellationToken);
    }

    /// <summary><c>GET /api/vpc-endpoints/{instance_id}</c>.</summary>
    public Task<ApiAnswer<RequestStatus>> GetRequestAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/vpc-endpoints/{Escape(instanceId)}"), CliJsonContext.Default.RequestStatus, cancellationToken);

    /// <summary>A request's status URL as the API gave it (on Functions it carries the key).</summary>
    public Task<ApiAnswer<RequestStatus>> GetRequestAtAsync(string statusUrl, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Resolve(statusUrl)), CliJsonContext.Default.RequestStatus, cancellationToken);

    /// <summary><c>GET /api/batches/{batch_id}</c>, with or without its items.</summary>
    public Task<ApiAnswer<BatchStatus>> GetBatchAsync(string batchId, bool includeItems, CancellationToken cancellationToken = default) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"api/batches/{Escape(batchId)}{(includeItems ? "" : "?include_items=false")}"),
            CliJsonContext.Default.BatchStatus,
            cancellationToken);

    /// <summary><c>GET /api/batches/{batch_id}/items?result=...</c>, one page.</summary>
    public Task<ApiAnswer<BatchItemsPage>> GetBatchItemsAsync(
        string batchId, IEnumerable<string> results, string? continuationToken, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        string query = $"?result={string.Join(',', results)}&page_size={pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (continuationToken is not null)
        {
            query += "&continuation_token=" + Uri.EscapeDataString(continuationToken);
        }

        return SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/batches/{Escape(batchId)}/items{query}"), CliJsonContext.Default.BatchItemsPage, cancellationToken);
    }

    /// <summary><c>DELETE /api/vpc-endpoints/{instance_id}[?cancel=true]</c>: deprovisions the request's endpoint.</summary>
    public Task<ApiAnswer<AcceptedDeprovision>> DeleteRequestAsync(string instanceId, bool cancel, CancellationToken cancellationToken = default) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, $"api/vpc-endpoints/{Escape(instanceId)}{(cancel ? "?cancel=true" : "")}"),
            CliJsonContext.Default.AcceptedDeprovision,
            cancellationToken);

    /// <summary>A deprovisioning's status URL (<c>GET /api/vpc-endpoints/{instance_id}/deprovision</c>).</summary>
    public Task<ApiAnswer<DeprovisionStatus>> GetDeprovisionAtAsync(string statusUrl, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Resolve(statusUrl)), CliJsonContext.Default.DeprovisionStatus, cancellationToken);

    /// <summary><c>DELETE /api/batches/{batch_id}[?cancel=true]</c>: deprovisions every item's endpoint.</summary>
    public Task<ApiAnswer<BatchDeprovision>> DeleteBatchAsync(string batchId, bool cancel, CancellationToken cancellationToken = default) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, $"api/batches/{Escape(batchId)}{(cancel ? "?cancel=true" : "")}"),
            CliJsonContext.Default.BatchDeprovision,
            cancellationToken);

    /// <summary><c>POST /api/vpc-endpoints/{instance_id}/notifications</c>: delivers an ended request's outcome again.</summary>
    public Task<ApiAnswer<AcceptedRedelivery>> RedeliverAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"api/vpc-endpoints/{Escape(instanceId)}/notifications"),
            CliJsonContext.Default.AcceptedRedelivery,
            cancellationToken);

    /// <summary><c>POST /api/batches/{batchId}/notifications</c>: deliver an ended batch's summary again.</summary>
    public Task<ApiAnswer<AcceptedRedelivery>> RedeliverBatchAsync(string batchId, CancellationToken cancellationToken = default) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Post, $"api/batches/{Escape(batchId)}/notifications"),
            CliJsonContext.Default.AcceptedRedelivery,
            cancellationToken);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private Uri Resolve(string url) => new(http.BaseAddress!, url);

    private async Task<ApiAnswer<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using (request)
        {
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            Uri url = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(http.BaseAddress!, request.RequestUri);
            if (!response.IsSuccessStatusCode)
            {
                throw new VpcepApiException(response.StatusCode, ReadProblem(response, body), body, request.Method.Method, url);
            }

            T? document;
            try
            {
                document = JsonSerializer.Deserialize(body, type);
            }
            catch (JsonException ex)
            {
                throw new VpcepApiException($"{request.Method} {url.AbsolutePath} answered {(int)response.StatusCode} with a body that is not the expected JSON: {ex.Message}", ex);
            }

            if (document is null)
            {
                throw new VpcepApiException($"{request.Method} {url.AbsolutePath} answered {(int)response.StatusCode} with an empty document.");
            }

            return new ApiAnswer<T>(document, body, response.StatusCode, RetryAfter(response));
        }
    }

    private static Problem? ReadProblem(HttpResponseMessage response, string body)
    {
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.IsNullOrWhiteSpace(body) || mediaType is null || !(mediaType == ProblemMediaType || mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, CliJsonContext.Default.Problem);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Retry-After is seconds or an HTTP date (RFC 9110, section 10.2.3).
    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
