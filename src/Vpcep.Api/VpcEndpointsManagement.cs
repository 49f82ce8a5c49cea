using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api;

/// <summary>
/// Terminate and purge of one request (<c>POST /api/vpc-endpoints/{id}/terminate</c>,
/// <c>DELETE /api/vpc-endpoints/{id}/history</c>), after Durable Functions' instance management API ("HTTP API
/// reference": <c>terminatePostUri</c> answers 202, <c>purgeHistoryDeleteUri</c> deletes an ended instance's history).
/// <c>DELETE /api/vpc-endpoints/{id}</c> itself is kept for deprovisioning the endpoint.
/// </summary>
public static partial class VpcEndpointsApi
{
    /// <summary>The longest termination reason taken (it is kept in the instance's history).</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>The largest body <c>terminate</c> reads.</summary>
    internal const int MaxTerminateBodyBytes = 16 * 1024;

    /// <summary>
    /// <c>POST /api/vpc-endpoints/{instanceId}/terminate</c> with an optional <c>{"reason": "..."}</c>: 202 with the
    /// status URL when the request has not ended (the termination is queued; <c>GET</c> answers 200 with
    /// <c>runtime_status: Terminated</c> once it is done); 409 when it has ended; 404 when there is no such request or it
    /// is another caller's; 400 for an unreadable body or a reason over <see cref="MaxReasonLength"/> characters.
    /// </summary>
    /// <remarks>
    /// Terminating stops the workflow where it is: an endpoint it already created stays in the cloud, and no outcome is
    /// notified. The caller scoping of <see cref="Caller"/> applies: a caller terminates only its own requests.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<AcceptedTermination>, ProblemHttpResult>> TerminateAsync(
        string instanceId, HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        HttpRequest request = context.Request;
        string? reason = null;
        bool hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody)
        {
            if (!IsJson(request.ContentType))
            {
                return Problem(StatusCodes.Status415UnsupportedMediaType, "JSON required", "Send the body as application/json, or send none.");
            }

            byte[]? body = await ReadBodyAsync(request, MaxTerminateBodyBytes, cancellationToken);
            if (body is null)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {MaxTerminateBodyBytes} bytes.");
            }

            if (body.Length > 0)
            {
                TerminateRequestDocument? document;
                try
                {
                    document = JsonSerializer.Deserialize(body, ApiJsonContext.Default.TerminateRequestDocument);
                }
                catch (JsonException)
                {
                    document = null;
                }

                if (document is null)
                {
                    return Problem(StatusCodes.Status400BadRequest, "Unreadable body", "The body must be a JSON object: {\"reason\": \"...\"} (reason optional).");
                }

                if (document.Reason is { Length: > MaxReasonLength })
                {
                    return Problem(StatusCodes.Status400BadRequest, "Reason too long", $"The reason must be at most {MaxReasonLength} characters.");
                }

                reason = document.Reason;
            }
        }

        OrchestrationMetadata? metadata;
        try
        {
            metadata = await FindAsync(instanceId, context, client, cancellationToken);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            if (StatusUrls.HasEnded(metadata.RuntimeStatus))
            {
                return Problem(StatusCodes.Status409Conflict, "The request has ended",
                    $"The request ended {metadata.RuntimeStatus}; there is nothing to terminate.");
            }

            await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: reason ?? "Terminated over the HTTP API."), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return StorageUnavailable(context);
        }

        string statusUrl = StatusUrl(request, instanceId);
        context.Response.Headers.Location = statusUrl;
        return TypedResults.Json(new AcceptedTermination(instanceId, statusUrl), ApiJsonContext.Default.AcceptedTermination, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>DELETE /api/vpc-endpoints/{instanceId}/history</c>: deletes the history and state of an ended request, with
    /// those of its outcome's notification delivery, its pending-acceptance follow-up (and that one's delivery) and the
    /// deprovisioning of its endpoint (and its deliveries), so
    /// nothing of it stays behind; 204. 409 while the request or any of those has not ended; 404 when there is no such
    /// request or it is another caller's.
    /// </summary>
    /// <remarks>
    /// After a purge the request's id is free: its status URL answers 404, and the same <c>Idempotency-Key</c> starts a
    /// new request. The endpoint in the cloud is not touched.
    /// </remarks>
    public static async Task<Results<NoContent, ProblemHttpResult>> PurgeHistoryAsync(
        string instanceId, HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            OrchestrationMetadata? metadata = await FindAsync(instanceId, context, client, cancellationToken);
            if (metadata is null)
            {
                return NotFound(instanceId);
            }

            if (!StatusUrls.HasEnded(metadata.RuntimeStatus))
            {
                return Problem(StatusCodes.Status409Conflict, "The request has not ended",
                    $"The request is {metadata.RuntimeStatus}; only an ended request's history is purged (terminate it first, or wait).");
            }

            ProvisioningOutcome? outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<ProvisioningOutcome>() : null;
            List<string> related = [InstanceIds.ForDelivery(CallbackNotifier.OutcomeEventId(instanceId))];
            if (outcome?.FollowUpInstanceId is { } followUp)
            {
                related.Add(followUp);
                related.Add(InstanceIds.ForDelivery(CallbackNotifier.FollowUpEventId(instanceId)));
            }

            // The deprovisioning of its endpoint too: its id follows from the request's, which a new request may take.
            string deprovisionId = InstanceIds.ForDeprovision(instanceId);
            if (await client.GetInstanceAsync(deprovisionId, getInputsAndOutputs: true, cancellationToken) is { } deprovision)
            {
                related.Add(deprovisionId);
                int runs = deprovision.SerializedInput is null ? 1 : deprovision.ReadInputAs<DeprovisionInput>()?.Run ?? 1;
                related.AddRange(Enumerable.Range(1, runs).Select(run => InstanceIds.ForDelivery(CallbackNotifier.DeprovisionEventId(instanceId, run))));
            }

            List<string> existing = [];
            foreach (string id in related)
            {
                OrchestrationMetadata? other = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
                if (other is null)
                {
                    continue;
                }

                if (!StatusUrls.HasEnded(other.RuntimeStatus))
                {
                    string what = other.Name switch
                    {
                        FollowPendingAcceptanceOrchestrator.Name => "its pending-acceptance follow-up",
                        DeprovisionEndpointOrchestrator.Name => "the deprovisioning of its endpoint",
                        _ => "a notification delivery",
                    };
                    return Problem(StatusCodes.Status409Conflict, "The request's notification has not ended",
                        $"The request has ended, but {what} ({id}) is {other.RuntimeStatus}; purge when it has ended.");
                }

                existing.Add(id);
            }

            // The request last: should a purge fail half-way, sending it again finds the request and purges the rest.
            foreach (string id in existing)
            {
                await client.PurgeInstanceAsync(id, options: null, cancellationToken);
            }

            await client.PurgeInstanceAsync(instanceId, options: null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return StorageUnavailable(context);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The request's instance when it exists and the caller may see it (inputs read for the owner).</summary>
    internal static async Task<OrchestrationMetadata?> FindAsync(string instanceId, HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsWellFormed(instanceId))
        {
            return null;
        }

        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null || metadata.Name != ProvisionEndpointOrchestrator.Name)
        {
            return null;
        }

        string? owner = metadata.SerializedInput is null ? null : metadata.ReadInputAs<ProvisioningInput>()?.Caller;
        return Caller.Of(context) is { } caller && !caller.MayRead(owner) ? null : metadata;
    }
}
