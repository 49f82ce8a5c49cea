using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api;

/// <summary>
/// The operator's side of notifications, shared by both hosts: redeliver a request's outcome
/// (<c>POST /api/vpc-endpoints/{id}/notifications</c>) or a batch's summary (<c>POST /api/batches/{id}/notifications</c>) and list deliveries that have not (yet) succeeded
/// (<c>GET /api/notifications</c>).
/// </summary>
public static class NotificationsApi
{
    /// <summary>The route of the delivery listing.</summary>
    public const string ListRoute = "/api/notifications";

    /// <summary>The most deliveries one page lists.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Maps the endpoints for hosts whose services come from DI, with their answers declared for the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(VpcEndpointsApi.Route + "/{instanceId}/notifications", RedeliverAsync)
            .WithTags(VpcEndpointsApi.Tag)
            .WithName("RedeliverNotification")
            .WithSummary("Deliver a request's outcome again")
            .WithDescription("On every channel, at once and then on the retry schedule, with the same event id.")
            .Produces<AcceptedRedelivery>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost(BatchesApi.Route + "/{batchId}/notifications", RedeliverBatchAsync)
            .WithTags("batches")
            .WithName("RedeliverBatchNotification")
            .WithSummary("Deliver a batch's summary again (operators)")
            .WithDescription("To the batch's callback URL, at once and then on the retry schedule, with the same event id.")
            .Produces<AcceptedRedelivery>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet(ListRoute, ListAsync)
            .WithTags("notifications")
            .WithName("ListNotifications")
            .WithSummary("List notification deliveries (operators)")
            .WithDescription("Query: state=undelivered (default) or all, page_size=1..100, continuation_token.")
            .Produces<DeliveryList>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>
    /// <c>POST /api/vpc-endpoints/{instanceId}/notifications</c>: delivers the request's outcome again on every
    /// channel, at once and then on the retry schedule, with the same event id (receivers de-duplicate on it);
    /// 202, or 404, or 409 while the request still runs or a delivery of it is in progress.
    /// </summary>
    public static async Task<Results<JsonHttpResult<AcceptedRedelivery>, ProblemHttpResult>> RedeliverAsync(
        string instanceId, HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        OrchestrationMetadata? metadata = InstanceIds.IsWellFormed(instanceId)
            ? await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken)
            : null;
        ProvisioningInput? input = metadata?.SerializedInput is null ? null : metadata.ReadInputAs<ProvisioningInput>();
        Caller? caller = Caller.Of(context);
        if (metadata is null || input is null || (caller is not null && !caller.MayRead(input.Caller)))
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status404NotFound, "No such provisioning request", $"There is no provisioning request '{instanceId}'.");
        }

        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed || metadata.ReadOutputAs<ProvisioningOutcome>() is not { } outcome)
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status409Conflict, "The request has not ended",
                "Its outcome is notified when it ends; there is nothing to redeliver yet.");
        }

        if (input.Targets.Count == 0)
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status409Conflict, "Nowhere to deliver",
                "The request named no callback_url and no channel, and none was configured when it was accepted.");
        }

        return await StartRedeliveryAsync(
            context, client, NotificationDocument.For(outcome), input.Targets, input.Settings.EffectiveDelivery, outcome.Notification,
            VpcEndpointsApi.StatusUrl(context.Request, instanceId), cancellationToken);
    }

    /// <summary>
    /// <c>POST /api/batches/{batchId}/notifications</c> (operators): delivers the batch's summary again to the batch's
    /// callback URL, at once and then on the retry schedule, with the same event id; 202, or 404, or 409 while the batch
    /// still runs, when it named no callback URL, or while a delivery of its summary is in progress.
    /// </summary>
    public static async Task<Results<JsonHttpResult<AcceptedRedelivery>, ProblemHttpResult>> RedeliverBatchAsync(
        string batchId, HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);

        // Batches are operators' (see BatchesApi): to any other caller this one does not exist.
        OrchestrationMetadata? metadata = Caller.Of(context) is { IsAdmin: false }
            ? null
            : await client.GetInstanceAsync(InstanceIds.ForBatch(batchId), getInputsAndOutputs: true, cancellationToken);
        BatchInput? input = metadata?.SerializedInput is null ? null : metadata.ReadInputAs<BatchInput>();
        if (metadata is null || input is null)
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status404NotFound, "No such batch", $"There is no batch '{batchId}'.");
        }

        if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed || metadata.ReadOutputAs<BatchOutcome>() is not { } outcome)
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status409Conflict, "The batch has not ended",
                "Its summary is notified when it ends; there is nothing to redeliver yet.");
        }

        if (input.CallbackUrl is null)
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status409Conflict, "Nowhere to deliver",
                "The batch named no callback_url, and none was configured when it was accepted.");
        }

        return await StartRedeliveryAsync(
            context, client, NotificationDocument.For(outcome), [new NotificationTarget(NotificationChannels.Webhook, input.CallbackUrl)],
            input.Settings.EffectiveDelivery, outcome.Notification, BatchesApi.StatusUrl(context.Request, batchId), cancellationToken);
    }

    /// <summary>
    /// Starts the delivery orchestration of <paramref name="document"/> on every target, keeping the attempts so far
    /// (the recorded report's, or an earlier delivery's); 409 while a delivery of the same event runs.
    /// </summary>
    private static async Task<Results<JsonHttpResult<AcceptedRedelivery>, ProblemHttpResult>> StartRedeliveryAsync(
        HttpContext context,
        DurableTaskClient client,
        NotificationDocument document,
        IReadOnlyList<NotificationTarget> targets,
        DeliverySettings settings,
        NotificationReport? recorded,
        string statusUrl,
        CancellationToken cancellationToken)
    {
        string deliveryId = InstanceIds.ForDelivery(document.EventId);
        OrchestrationMetadata? earlier = await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: true, cancellationToken);
        if (earlier is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status409Conflict, "A delivery is in progress",
                $"It is being delivered ({deliveryId}); GET {statusUrl} to follow it.");
        }

        // The attempts so far are kept, so GET shows the whole story.
        NotificationReport? before = DeliveryReports.Of(earlier) ?? recorded;
        var channels = targets
            .Select(target => new ChannelDelivery(
                target,
                before?.Channels?.FirstOrDefault(c => c.Channel == target.Channel)?.Attempts ?? [],
                Reopened: true))
            .ToList();
        var delivery = new DeliveryInput(document, channels, settings, Step: 0, AttemptNow: true);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                DeliverNotificationOrchestrator.Name, delivery, new StartOrchestrationOptions(deliveryId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Started by someone else between the look and the start?
            if (await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: false, cancellationToken) is
                { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
            {
                return VpcEndpointsApi.Problem(StatusCodes.Status409Conflict, "A delivery is in progress", $"It is being delivered ({deliveryId}).");
            }

            throw;
        }

        context.Response.Headers.Location = statusUrl;
        return TypedResults.Json(new AcceptedRedelivery(document.EventId, deliveryId, statusUrl), ApiJsonContext.Default.AcceptedRedelivery, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>GET /api/notifications?state=undelivered|all&amp;page_size=N&amp;continuation_token=T</c>: the deliveries that
    /// went on after a failed first attempt (or were redelivered), newest state first within a page; by default
    /// only those not delivered (still retrying, given up, gone, refused). Operators only where API keys are used.
    /// </summary>
    public static async Task<Results<JsonHttpResult<DeliveryList>, ProblemHttpResult>> ListAsync(
        HttpContext context, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        if (Caller.Of(context) is { IsAdmin: false })
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status403Forbidden, "Operators only", "Listing deliveries needs an operator's API key.");
        }

        IQueryCollection query = context.Request.Query;
        string state = query["state"].ToString() is { Length: > 0 } s ? s : "undelivered";
        if (state is not ("undelivered" or "all"))
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status400BadRequest, "Unknown state", "state must be 'undelivered' (the default) or 'all'.");
        }

        int pageSize = MaxPageSize;
        if (query["page_size"].ToString() is { Length: > 0 } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status400BadRequest, "Invalid page_size", $"page_size must be 1 to {MaxPageSize}.");
        }

        var filter = new OrchestrationQuery
        {
            InstanceIdPrefix = InstanceIds.DeliveryPrefix,
            FetchInputsAndOutputs = true,
            PageSize = pageSize,
            ContinuationToken = query["continuation_token"].ToString() is { Length: > 0 } token ? token : null,
        };
        var items = new List<DeliveryListItem>();
        Page<OrchestrationMetadata> page = await TaskHubPages.FirstAsync(client, filter, cancellationToken);
        foreach (OrchestrationMetadata delivery in page.Values)
        {
            NotificationReport? report = DeliveryReports.Of(delivery);
            DeliveryInput? input = delivery.SerializedInput is null ? null : delivery.ReadInputAs<DeliveryInput>();
            if (input is null || (state == "undelivered" && report?.Delivered == true))
            {
                continue;
            }

            items.Add(new DeliveryListItem
            {
                EventId = input.Document.EventId,
                EventType = input.Document.EventType,
                Subject = input.Document.Subject,
                DeliveryInstanceId = delivery.InstanceId,
                RuntimeStatus = delivery.RuntimeStatus.ToString(),
                Notification = report,
            });
        }

        return TypedResults.Json(new DeliveryList(items, page.ContinuationToken), ApiJsonContext.Default.DeliveryList);
    }
}
