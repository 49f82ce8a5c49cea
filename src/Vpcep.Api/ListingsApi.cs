using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api;

/// <summary>
/// The listings, shared by both hosts: batches (<c>GET /api/batches</c>), a batch's items filtered by result
/// (<c>GET /api/batches/{batch_id}/items</c>) and provisioning requests filtered by runtime status and result
/// (<c>GET /api/vpc-endpoints</c>). Each answers one page and an opaque <c>continuation_token</c> (null on the last page).
/// </summary>
/// <remarks>
/// A page may hold fewer entries than <c>page_size</c> (even none) while its continuation token is not null: the task
/// hub's own pages do (see <see cref="TaskHubPages"/>), and filters are applied to what a page read. Keep asking until
/// the token is null.
/// </remarks>
public static class ListingsApi
{
    /// <summary>The largest page any listing answers.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The page size of the batch and request listings when none is asked for.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The page size of a batch's items when none is asked for.</summary>
    public const int DefaultItemPageSize = 100;

    /// <summary>
    /// The most item orchestrations one page of a running batch's items reads (a running batch's results are its items'
    /// own; an ended batch's are in its output and cost nothing more).
    /// </summary>
    public const int MaxItemReadsPerPage = 200;

    /// <summary>The most task hub queries one page of requests makes (the id ranges of <see cref="RequestIdRanges"/>, 61 today).</summary>
    public const int MaxQueriesPerPage = 100;

    /// <summary>How many item orchestrations are read at once.</summary>
    private const int ItemReadsAtOnce = 8;

    /// <summary>Maps the listings for hosts whose services come from DI, with their answers declared for the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapListingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(BatchesApi.Route, ListBatchesAsync)
            .WithTags("batches")
            .WithName("ListBatches")
            .WithSummary("List batches (operators)")
            .WithDescription("Query: page_size=1..500 (50), continuation_token. Each batch's progress without its items; newest first within a page (across pages the task hub's order).")
            .Produces<BatchList>(StatusCodes.Status200OK)
            .Produces<InvalidQueryProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet(BatchesApi.Route + "/{batchId}/items", ListBatchItemsAsync)
            .WithTags("batches")
            .WithName("ListBatchItems")
            .WithSummary("List a batch's items, filtered by result")
            .WithDescription("Query: result=comma list of accepted, pending_acceptance, rejected, failed, invalid, timed_out, running (no result yet); page_size=1..500 (100); continuation_token. Items in batch order.")
            .Produces<BatchItemList>(StatusCodes.Status200OK)
            .Produces<InvalidQueryProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet(VpcEndpointsApi.Route, ListRequestsAsync)
            .WithTags(VpcEndpointsApi.Tag)
            .WithName("ListVpcEndpoints")
            .WithSummary("List provisioning requests")
            .WithDescription("Query: runtime_status=comma list of Pending, Running, Suspended, Completed, Failed, Terminated; result=comma list as for a batch's items; page_size=1..500 (50); continuation_token. A caller sees its own requests, an operator every request; newest first within a page.")
            .Produces<RequestList>(StatusCodes.Status200OK)
            .Produces<InvalidQueryProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// <c>GET /api/batches?page_size=N&amp;continuation_token=T</c>: batches with their progress (counts, completed, total)
    /// and status URLs, without items; operators only where callers are told apart (403 otherwise).
    /// </summary>
    /// <remarks>
    /// The batch id and progress come from each batch's custom status (no input or output is read); a batch that has
    /// not reported progress yet (or was started before the status carried its id) has its input read.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<BatchList>, ProblemHttpResult>> ListBatchesAsync(
        HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (Caller.Of(request.HttpContext) is { IsAdmin: false })
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status403Forbidden, "Operators only", "Listing batches needs an operator's API key.");
        }

        var query = new ListingQuery(request.Query);
        int pageSize = query.PageSize(DefaultPageSize, MaxPageSize);
        string? token = query.Token("batches");
        if (query.Problem() is { } problem)
        {
            return problem;
        }

        var batches = new List<BatchListItem>();
        string? next;
        try
        {
            Page<OrchestrationMetadata> page = await TaskHubPages.FirstAsync(
                client,
                new OrchestrationQuery { InstanceIdPrefix = InstanceIds.BatchPrefix, FetchInputsAndOutputs = false, PageSize = pageSize, ContinuationToken = token },
                cancellationToken);
            foreach (OrchestrationMetadata batch in page.Values)
            {
                // Without inputs and outputs the clients give the custom status but no converter to read it with: the
                // hosts' converter is the SDK's System.Text.Json one, which reads it the same.
                BatchProgress? progress = batch.SerializedCustomStatus is null ? null : (batch.DataConverter ?? JsonDataConverter.Default).Deserialize<BatchProgress>(batch.SerializedCustomStatus);
                (string BatchId, int Total)? identity = progress is { BatchId: { } id } ? (id, progress.Total) : await IdentityFromInputAsync(client, batch.InstanceId, cancellationToken);
                if (identity is not { } known)
                {
                    continue;
                }

                batches.Add(new BatchListItem
                {
                    BatchId = known.BatchId,
                    InstanceId = batch.InstanceId,
                    RuntimeStatus = batch.RuntimeStatus.ToString(),
                    Total = known.Total,
                    Completed = progress?.Completed ?? 0,
                    Counts = progress?.Counts ?? new Dictionary<string, int>(),
                    CreatedAt = batch.CreatedAt,
                    LastUpdatedAt = batch.LastUpdatedAt,
                    StatusUrl = BatchesApi.StatusUrl(request, known.BatchId),
                });
            }

            next = page.ContinuationToken is { } more ? ContinuationTokens.Write("batches", more) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(request.HttpContext);
        }

        return TypedResults.Json(new BatchList([.. batches.OrderByDescending(b => b.CreatedAt)], next), ApiJsonContext.Default.BatchList);
    }

    /// <summary>
    /// <c>GET /api/batches/{batch_id}/items?result=R,...&amp;page_size=N&amp;continuation_token=T</c>: the batch's items in
    /// batch order, as in <c>GET /api/batches/{batch_id}</c>, filtered by result; 404 as for the batch; 400 naming every
    /// problem of the query.
    /// </summary>
    /// <remarks>
    /// An ended batch's results are in its output. While a batch runs its items' results are their own orchestrations'
    /// (read for the items a page looks at, at most <see cref="MaxItemReadsPerPage"/> a page), so they show as soon as
    /// each item ends.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<BatchItemList>, ProblemHttpResult>> ListBatchItemsAsync(
        string batchId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var query = new ListingQuery(request.Query);
        IReadOnlySet<string>? results = query.ResultFilter();
        int pageSize = query.PageSize(DefaultItemPageSize, MaxPageSize);
        int start = 0;
        if (query.Token("items") is { } position)
        {
            if (!int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            {
                query.Add(new QueryError("continuation_token", "invalid_token", "continuation_token is not one this listing gave; start again without it."));
            }
        }

        if (query.Problem() is { } problem)
        {
            return problem;
        }

        // Batches come from the queue, not from a caller: on a host that tells callers apart only operators read them.
        if (Caller.Of(request.HttpContext) is { IsAdmin: false })
        {
            return BatchesApi.NotFound(batchId);
        }

        try
        {
            OrchestrationMetadata? metadata = await client.GetInstanceAsync(InstanceIds.ForBatch(batchId), getInputsAndOutputs: true, cancellationToken);
            if (metadata?.ReadInputAs<BatchInput>() is not { } input)
            {
                return BatchesApi.NotFound(batchId);
            }

            BatchOutcome? outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<BatchOutcome>() : null;
            Dictionary<int, BatchItemResult>? ended = outcome?.Items.ToDictionary(i => i.Index);
            var page = new List<BatchItemState>();
            int reads = 0;
            int at = Math.Min(start, input.Items.Count);
            while (at < input.Items.Count && page.Count < pageSize && reads < MaxItemReadsPerPage)
            {
                // The next few items' results: from the output, else from the items' own orchestrations, read together.
                BatchItem[] window = [.. input.Items.Skip(at).Take(ended is null ? Math.Min(ItemReadsAtOnce, MaxItemReadsPerPage - reads) : pageSize)];
                BatchItemResult?[] found = ended is not null
                    ? [.. window.Select(item => ended.GetValueOrDefault(item.Index))]
                    : await Task.WhenAll(window.Select(item => ItemResultAsync(client, item, cancellationToken)));
                reads += ended is null ? window.Count(item => item.Input is not null) : 0;
                for (int i = 0; i < window.Length && page.Count < pageSize; i++, at++)
                {
                    BatchItemState state = BatchesApi.ItemState(request, window[i], found[i]);
                    if (results is null || results.Contains(state.Result ?? ListingQuery.Running))
                    {
                        page.Add(state);
                    }
                }
            }

            string? next = at < input.Items.Count ? ContinuationTokens.Write("items", at.ToString(CultureInfo.InvariantCulture)) : null;
            return TypedResults.Json(new BatchItemList(input.BatchId, page, next), ApiJsonContext.Default.BatchItemList);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(request.HttpContext);
        }
    }

    /// <summary>
    /// <c>GET /api/vpc-endpoints?runtime_status=S,...&amp;result=R,...&amp;page_size=N&amp;continuation_token=T</c>: provisioning
    /// requests (not batches, deliveries, watchers or follow-ups) with their phase, result, endpoint and project. A
    /// caller that the host tells apart sees its own requests, an operator every one, as for
    /// <c>GET /api/vpc-endpoints/{id}</c>.
    /// </summary>
    /// <remarks>
    /// The requests' id ranges (<see cref="RequestIdRanges"/>) are queried one after the other, with the runtime status
    /// filter applied by the task hub and each request's input and output read with its row (the result, the project and
    /// the owner are there); no other instance is read. The result filter is applied to what a page read.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<RequestList>, ProblemHttpResult>> ListRequestsAsync(
        HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var query = new ListingQuery(request.Query);
        IReadOnlyList<OrchestrationRuntimeStatus>? statuses = query.RuntimeStatusFilter();
        IReadOnlySet<string>? results = query.ResultFilter();
        int pageSize = query.PageSize(DefaultPageSize, MaxPageSize);
        (int Range, string? Token) position = (0, null);
        if (query.Token("requests") is { } text)
        {
            string[] parts = text.Split(':', 2);
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int range)
                && range < RequestIdRanges.All.Count)
            {
                position = (range, parts[1].Length > 0 ? parts[1] : null);
            }
            else
            {
                query.Add(new QueryError("continuation_token", "invalid_token", "continuation_token is not one this listing gave; start again without it."));
            }
        }

        if (query.Problem() is { } problem)
        {
            return problem;
        }

        Caller? caller = Caller.Of(request.HttpContext);
        var found = new List<RequestListItem>();
        try
        {
            int queries = 0;
            while (position.Range < RequestIdRanges.All.Count && found.Count < pageSize && queries < MaxQueriesPerPage)
            {
                int wanted = pageSize - found.Count;
                Page<OrchestrationMetadata> page = await TaskHubPages.FirstAsync(
                    client,
                    new OrchestrationQuery
                    {
                        InstanceIdPrefix = RequestIdRanges.All[position.Range],
                        Statuses = statuses,
                        FetchInputsAndOutputs = true,
                        PageSize = wanted,
                        ContinuationToken = position.Token,
                    },
                    cancellationToken);
                queries++;
                found.AddRange(page.Values
                    .Select(metadata => (Metadata: metadata, Item: ListItem(request, metadata, caller)))
                    .Where(row => row.Item is not null && Matches(results, row.Item.Result, StatusUrls.HasEnded(row.Metadata.RuntimeStatus)))
                    .Select(row => row.Item!)
                    .Take(wanted));
                position = page.ContinuationToken is { } more ? (position.Range, more) : (position.Range + 1, null);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(request.HttpContext);
        }

        string? next = position.Range < RequestIdRanges.All.Count
            ? ContinuationTokens.Write("requests", $"{position.Range.ToString(CultureInfo.InvariantCulture)}:{position.Token}")
            : null;
        return TypedResults.Json(new RequestList([.. found.OrderByDescending(r => r.CreatedAt)], next), ApiJsonContext.Default.RequestList);
    }

    /// <summary>
    /// Whether a request passes the result filter: its outcome's result, or <c>running</c> while it has not ended (a
    /// request that failed or was terminated has no result: only its runtime status selects it).
    /// </summary>
    private static bool Matches(IReadOnlySet<string>? results, string? result, bool ended) =>
        results is null || (result is not null ? results.Contains(result) : !ended && results.Contains(ListingQuery.Running));

    /// <summary>One request's row, or null when the instance is not a provisioning request or the caller may not read it.</summary>
    private static RequestListItem? ListItem(HttpRequest request, OrchestrationMetadata metadata, Caller? caller)
    {
        if (!InstanceIds.IsWellFormed(metadata.InstanceId) || metadata.SerializedInput is null)
        {
            return null;
        }

        ProvisioningInput? input = metadata.ReadInputAs<ProvisioningInput>();
        if (input is null || (caller is not null && !caller.MayRead(input.Caller)))
        {
            return null;
        }

        ProvisioningStatus? status = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<ProvisioningStatus>();
        ProvisioningOutcome? outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed && metadata.SerializedOutput is not null
            ? metadata.ReadOutputAs<ProvisioningOutcome>()
            : null;
        return new RequestListItem
        {
            InstanceId = metadata.InstanceId,
            StatusUrl = VpcEndpointsApi.StatusUrl(request, metadata.InstanceId),
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Phase = status?.Phase,
            Result = outcome?.Result,
            EndpointId = outcome?.Endpoint?.Id ?? status?.EndpointId,
            ProjectId = input.Request.ProjectId,
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
        };
    }

    /// <summary>
    /// A running batch's item as its own orchestration has it: null while it runs (or has not started), its outcome
    /// once completed, failed when the orchestration itself failed or was terminated (as the batch counts it).
    /// </summary>
    private static async Task<BatchItemResult?> ItemResultAsync(DurableTaskClient client, BatchItem item, CancellationToken cancellationToken)
    {
        if (item.InstanceId is null || item.Input is null)
        {
            return null;
        }

        OrchestrationMetadata? metadata = await client.GetInstanceAsync(item.InstanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata?.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Completed when metadata.ReadOutputAs<ProvisioningOutcome>() is { } outcome => new BatchItemResult
            {
                Index = item.Index,
                InstanceId = item.InstanceId,
                Result = outcome.Result,
                EndpointId = outcome.Endpoint?.Id,
                Error = outcome.Error,
                ValidationErrors = outcome.ValidationErrors,
            },
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => new BatchItemResult
            {
                Index = item.Index,
                InstanceId = item.InstanceId,
                Result = ProvisioningResult.Failed,
                Error = new ProvisioningError(
                    metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? "orchestration_failed" : "terminated",
                    metadata.FailureDetails?.ErrorMessage ?? $"The item's orchestration is {metadata.RuntimeStatus}."),
            },
            _ => null,
        };
    }

    /// <summary>A batch's id and size from its input, for a batch whose status does not carry them; null when it has no input.</summary>
    private static async Task<(string BatchId, int Total)?> IdentityFromInputAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata?.SerializedInput is not null && metadata.ReadInputAs<BatchInput>() is { } input ? (input.BatchId, input.Items.Count) : null;
    }
}
