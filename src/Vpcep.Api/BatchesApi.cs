using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api;

/// <summary>What the <c>/api/batches</c> handlers need to accept a batch, injected (the self-host binds it with <c>[AsParameters]</c>).</summary>
/// <param name="Client">The task hub's client.</param>
/// <param name="Intake">Starts the batch.</param>
/// <param name="Parser">Reads and validates the batch document.</param>
/// <param name="Limits">The batch limits, the same as a queue batch's (<c>ProvisioningQueue:MaxBatchItems</c>, <c>MaxBatchBytes</c>).</param>
/// <param name="Logger">The contract's logger.</param>
public sealed record BatchesServices(
    DurableTaskClient Client,
    ProvisioningIntake Intake,
    ProvisioningRequestParser Parser,
    IOptionsMonitor<QueueMessageOptions> Limits,
    ILogger<BatchesServices> Logger);

/// <summary>
/// <c>POST /api/batches</c> and <c>GET /api/batches/{batch_id}</c>, shared by both hosts like <see cref="VpcEndpointsApi"/>.
/// </summary>
public static class BatchesApi
{
    /// <summary>The route prefix.</summary>
    public const string Route = "/api/batches";

    /// <summary>Maps the endpoints for hosts whose services come from DI, with their answers declared for the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, SubmitAsync)
            .WithTags("batches")
            .WithName("SubmitBatch")
            .WithSummary("Submit a batch of provisioning requests (operators)")
            .WithDescription("All or nothing: every problem of the batch and of each item is listed and nothing starts, or every item starts as its own request.")
            .Accepts<BatchDocument>("application/json")
            .Produces<AcceptedBatch>(StatusCodes.Status202Accepted)
            .ProducesSubmissionProblems();
        app.MapGet(Route + "/{batchId}", GetAsync)
            .WithTags("batches")
            .WithName("GetBatch")
            .WithSummary("Read a batch's progress and outcome")
            .WithDescription("202 with Location and Retry-After while the batch runs, 200 once it has ended; the body is the same document either way. Query: include_items=true (default) or false (the document without its items).")
            .Produces<BatchState>(StatusCodes.Status200OK)
            .Produces<BatchState>(StatusCodes.Status202Accepted)
            .Produces<InvalidQueryProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// <c>POST /api/batches</c>: the batch document of a queue message (<c>{batch_id, callback_url?, requests}</c>),
    /// all or nothing. 202 with the batch's status URL (also for a repeat of the same document, with
    /// <c>existing: true</c>); 400 listing every problem of the batch and of each item, nothing started; 422 when the
    /// batch_id started a different batch; 403 for a caller that is not an operator; 413, 415 and 503 as for
    /// <c>POST /api/vpc-endpoints</c>.
    /// </summary>
    /// <remarks>
    /// Unlike a queue batch, whose valid items run beside its invalid ones (nobody is there to hear a refusal), an
    /// HTTP batch with any invalid item starts nothing: its caller hears every problem now, and a partly started batch
    /// would hold its batch_id, so the corrected document could not be sent again under it.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<AcceptedBatch>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, [AsParameters] BatchesServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);

        // Batches live in the shared space, are read only by operators and name any project: only operators send them.
        if (Caller.Of(request.HttpContext) is { IsAdmin: false })
        {
            return VpcEndpointsApi.Problem(
                StatusCodes.Status403Forbidden, "Batches are for operators", "This API key may not submit batches; send the requests one by one to /api/vpc-endpoints.");
        }

        if (!VpcEndpointsApi.IsJson(request.ContentType))
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status415UnsupportedMediaType, "JSON required", "Send the batch as application/json.");
        }

        QueueMessageOptions limits = services.Limits.CurrentValue;
        AllowBody(request.HttpContext, limits.MaxBatchBytes);
        byte[]? body = await VpcEndpointsApi.ReadBodyAsync(request, limits.MaxBatchBytes, cancellationToken);
        if (body is null)
        {
            return VpcEndpointsApi.Problem(
                StatusCodes.Status413PayloadTooLarge, "Batch too large", $"The body must be at most {limits.MaxBatchBytes} bytes (ProvisioningQueue:MaxBatchBytes).");
        }

        // The callback URLs' host names are resolved before the verdict: a refusal is named with every other problem.
        BatchParseResult batch = await services.Intake.CheckCallbackHostsAsync(services.Parser.ParseBatch(body, limits.MaxBatchItems), cancellationToken);
        List<ValidationError> errors = [.. batch.Errors, .. batch.Requests.SelectMany(item => item.Errors)];
        if (errors.Count > 0 || batch.BatchId is null)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The batch is invalid",
                Detail = $"{errors.Count} problem(s) found; nothing was started.",
                Type = "urn:vpcep-functions:problem:invalid-batch",
            };
            problem.Extensions["errors"] = errors;
            return TypedResults.Problem(problem);
        }

        BatchSubmission submission;
        try
        {
            submission = await services.Intake.SubmitBatchAsync(services.Client, batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch may or may not be recorded; sending the same document again is safe either way.
            services.Logger.CouldNotRecordBatch(ex, batch.BatchId);
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return VpcEndpointsApi.Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Provisioning is unavailable",
                "The batch could not be recorded (the task hub's storage is unavailable). Retry later with the same document.");
        }

        if (submission.Kind == SubmissionKind.KeyReused)
        {
            return VpcEndpointsApi.Problem(
                StatusCodes.Status422UnprocessableEntity,
                "batch_id reused",
                $"The batch_id '{batch.BatchId}' was already used for a different batch; nothing was started.");
        }

        string statusUrl = StatusUrl(request, batch.BatchId);
        request.HttpContext.Response.Headers.Location = statusUrl;
        return TypedResults.Json(
            new AcceptedBatch(batch.BatchId, submission.InstanceId!, statusUrl, batch.Requests.Count, submission.Kind == SubmissionKind.AlreadyStarted),
            ApiJsonContext.Default.AcceptedBatch,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>GET /api/batches/{batch_id}?include_items=true|false</c>: the batch's counts by outcome and (unless
    /// <c>include_items=false</c>, so polling a large batch stays small) its items with links: 202 with <c>Location</c>
    /// and <c>Retry-After</c> while the batch has not ended, 200 once it has (the same document either way, see
    /// <see cref="StatusUrls"/>); 404; 503 with <c>Retry-After</c> while the task hub's storage is unavailable.
    /// </summary>
    public static async Task<Results<JsonHttpResult<BatchState>, ProblemHttpResult>> GetAsync(
        string batchId, HttpRequest request, DurableTaskClient client, IOptionsMonitor<ProvisioningOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        // Batches come from the queue, not from a caller: on a host that tells callers apart only operators read them.
        if (Caller.Of(request.HttpContext) is { IsAdmin: false })
        {
            return NotFound(batchId);
        }

        var query = new ListingQuery(request.Query);
        bool includeItems = query.Flag("include_items", fallback: true);
        if (query.Problem() is { } problem)
        {
            return problem;
        }

        string instanceId = InstanceIds.ForBatch(batchId);
        OrchestrationMetadata? metadata;
        try
        {
            metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(request.HttpContext);
        }

        if (metadata is null)
        {
            return NotFound(batchId);
        }

        BatchInput input = metadata.ReadInputAs<BatchInput>()!;
        BatchOutcome? outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<BatchOutcome>() : null;
        BatchProgress? progress = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<BatchProgress>();
        Dictionary<int, BatchItemResult> results = outcome?.Items.ToDictionary(i => i.Index) ?? [];

        // The summary's delivery as it stands now: a failed first attempt is retried by a delivery orchestration of its own.
        NotificationReport? notification;
        try
        {
            notification = outcome?.Notification is { } recorded
                ? await DeliveryReports.LatestAsync(client, recorded, CallbackNotifier.BatchSummaryEventId(input.BatchId), cancellationToken)
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(request.HttpContext);
        }

        var state = new BatchState
        {
            BatchId = input.BatchId,
            InstanceId = instanceId,
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Total = input.Items.Count,
            Completed = outcome?.Items.Count ?? progress?.Completed ?? 0,
            Counts = outcome?.Counts ?? progress?.Counts ?? new Dictionary<string, int>(),
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            Notification = notification,
            Items = includeItems ? [.. input.Items.Select(item => ItemState(request, item, results.GetValueOrDefault(item.Index)))] : null,
        };
        int status = StatusUrls.HasEnded(metadata.RuntimeStatus)
            ? StatusCodes.Status200OK
            : StatusUrls.StillRunning(request.HttpContext, StatusUrl(request, batchId), options);
        return TypedResults.Json(state, ApiJsonContext.Default.BatchState, statusCode: status);
    }

    /// <summary>One item as the batch documents show it: its result (an invalid item's is <c>invalid</c>), with a link to its own status.</summary>
    /// <param name="request">The request being answered (for the status URL).</param>
    /// <param name="item">The item as the batch was accepted.</param>
    /// <param name="result">How it ended; null while it runs.</param>
    internal static BatchItemState ItemState(HttpRequest request, BatchItem item, BatchItemResult? result) => new()
    {
        Index = item.Index,
        InstanceId = item.InstanceId,
        StatusUrl = item.InstanceId is null ? null : VpcEndpointsApi.StatusUrl(request, item.InstanceId),
        Result = result?.Result ?? (item.Input is null ? ProvisioningResult.Invalid : null),
        EndpointId = result?.EndpointId,
        Error = result?.Error,
        ValidationErrors = result?.ValidationErrors ?? item.Errors,
    };

    /// <summary>404 for a batch that does not exist or that the caller may not see.</summary>
    internal static ProblemHttpResult NotFound(string batchId) =>
        TypedResults.Problem($"There is no batch '{batchId}'.", statusCode: StatusCodes.Status404NotFound, title: "No such batch");

    /// <summary>The absolute status URL of a batch, as seen by the caller of <paramref name="request"/> (with the function key when the host asked for it).</summary>
    internal static string StatusUrl(HttpRequest request, string batchId) => StatusUrls.For(request, $"{Route}/{Uri.EscapeDataString(batchId)}");

    /// <summary>Raises the server's own body limit (Kestrel: 30 MB) when the configured batch limit is above it.</summary>
    private static void AllowBody(HttpContext context, int maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } current } feature && current < maxBytes)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
    }
}
