using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Vpcep.Provisioning.Intake;

namespace Vpcep.Provisioning.Batches;

/// <summary><c>GET /api/batches/{batch_id}</c>, shared by both hosts like <see cref="VpcEndpointsApi"/>.</summary>
public static class BatchesApi
{
    /// <summary>The route prefix.</summary>
    public const string Route = "/api/batches";

    /// <summary>Maps the endpoint for hosts whose <see cref="DurableTaskClient"/> comes from DI.</summary>
    public static IEndpointRouteBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route + "/{batchId}", (string batchId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
            GetAsync(batchId, request, client, cancellationToken));
        return app;
    }

    /// <summary>The batch's counts by outcome and its items with links, or 404.</summary>
    public static async Task<IResult> GetAsync(string batchId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        string instanceId = InstanceIds.ForBatch(batchId);
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
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
                    Result = result?.Result ?? (item.Input is null ? Models.ProvisioningResult.Invalid : null),
                    EndpointId = result?.EndpointId,
                    Error = result?.Error,
                    ValidationErrors = result?.ValidationErrors ?? item.Errors,
                };
            })],
        };
        return TypedResults.Json(state, ProvisioningJsonContext.Default.BatchState);
    }
}
