using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api;

/// <summary><c>GET /api/batches/{batch_id}</c>, shared by both hosts like <see cref="VpcEndpointsApi"/>.</summary>
public static class BatchesApi
{
    /// <summary>The route prefix.</summary>
    public const string Route = "/api/batches";

    /// <summary>Maps the endpoint for hosts whose <see cref="DurableTaskClient"/> comes from DI.</summary>
    public static IEndpointRouteBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route + "/{batchId}", GetAsync);
        return app;
    }

    /// <summary>The batch's counts by outcome and its items with links, or 404.</summary>
    public static async Task<Results<JsonHttpResult<BatchState>, ProblemHttpResult>> GetAsync(string batchId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        // Batches come from the queue, not from a caller: on a host that tells callers apart only operators read them.
        if (Caller.Of(request.HttpContext) is { IsAdmin: false })
        {
            return TypedResults.Problem($"There is no batch '{batchId}'.", statusCode: StatusCodes.Status404NotFound, title: "No such batch");
        }

        string instanceId = InstanceIds.ForBatch(batchId);
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return TypedResults.Problem($"There is no batch '{batchId}'.", statusCode: StatusCodes.Status404NotFound, title: "No such batch");
        }

        BatchInput input = metadata.ReadInputAs<BatchInput>()!;
        BatchOutcome? outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<BatchOutcome>() : null;
        BatchProgress? progress = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<BatchProgress>();
        Dictionary<int, BatchItemResult> results = outcome?.Items.ToDictionary(i => i.Index) ?? [];
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
            Notification = outcome?.Notification,
            Items = [.. input.Items.Select(item =>
            {
                results.TryGetValue(item.Index, out BatchItemResult? result);
                return new BatchItemState
                {
                    Index = item.Index,
                    InstanceId = item.InstanceId,
                    StatusUrl = item.InstanceId is null ? null : VpcEndpointsApi.StatusUrl(request, item.InstanceId),
                    Result = result?.Result ?? (item.Input is null ? ProvisioningResult.Invalid : null),
                    EndpointId = result?.EndpointId,
                    Error = result?.Error,
                    ValidationErrors = result?.ValidationErrors ?? item.Errors,
                };
            })],
        };
        return TypedResults.Json(state, ApiJsonContext.Default.BatchState);
    }
}
