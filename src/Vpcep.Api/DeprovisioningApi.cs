using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api;

/// <summary>What the deprovisioning handlers need, injected (the self-host binds it with <c>[AsParameters]</c>).</summary>
/// <param name="Client">The task hub's client.</param>
/// <param name="Options">The workflow settings a deprovisioning runs with (poll interval, timeout, retries).</param>
/// <param name="Notifications">The notification settings it runs with (the retry schedule).</param>
/// <param name="Time">The clock the clean-up's <c>older_than</c> counts from.</param>
/// <param name="Logger">The contract's logger.</param>
public sealed record DeprovisioningServices(
    DurableTaskClient Client,
    IOptionsMonitor<ProvisioningOptions> Options,
    IOptionsMonitor<NotificationOptions> Notifications,
    TimeProvider Time,
    ILogger<DeprovisioningServices> Logger);

/// <summary>
/// Deprovisioning, shared by both hosts: delete a request's endpoint (<c>DELETE /api/vpc-endpoints/{id}</c>) and follow
/// it (<c>GET /api/vpc-endpoints/{id}/deprovision</c>), delete every endpoint of a batch (<c>DELETE /api/batches/{id}</c>),
/// and clean up the endpoints that failed or timed-out requests left (<c>POST /api/cleanup</c>). Each deletion runs as a
/// <see cref="DeprovisionEndpointOrchestrator"/> whose instance id follows from the request's
/// (<see cref="InstanceIds.ForDeprovision"/>), so deleting twice finds the first deletion.
/// </summary>
public static class DeprovisioningApi
{
    /// <summary>The route of the clean-up action.</summary>
    public const string CleanupRoute = "/api/cleanup";

    /// <summary>The problem type of a delete refused because the request still runs and <c>cancel=true</c> was not given.</summary>
    public const string StillProvisioningProblemType = "urn:vpcep-functions:problem:still-provisioning";

    /// <summary>The query parameter that terminates a running request before its endpoint is deleted.</summary>
    public const string CancelParameter = "cancel";

    /// <summary>The most deprovisionings one clean-up starts unless its body says otherwise.</summary>
    public const int DefaultCleanupLimit = 100;

    /// <summary>The most deprovisionings one clean-up may start.</summary>
    public const int MaxCleanupLimit = 1000;

    /// <summary>
    /// How long a deprovisioning of a cancelled request waits for a create the request had already sent before it looks
    /// again: an attempt lasts at most <c>HuaweiCloud:RequestTimeout</c> (30 s by default), twice that is left for pacing.
    /// </summary>
    public static readonly TimeSpan CancelledCreateSettle = TimeSpan.FromMinutes(1);

    private const int MaxCleanupBodyBytes = 16 * 1024;

    /// <summary>Maps the routes, with their answers declared for the OpenAPI document.</summary>
    public static IEndpointRouteBuilder MapDeprovisioningApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete(VpcEndpointsApi.Route + "/{instanceId}", DeleteAsync)
            .WithTags(VpcEndpointsApi.Tag)
            .WithName("DeprovisionVpcEndpoint")
            .WithSummary("Delete a provisioning request's endpoint")
            .WithDescription("Starts the deprovisioning of the request's endpoint (202; existing: true when it had been started before). 409 while the request still runs, unless cancel=true terminates it first.")
            .Produces<AcceptedDeprovision>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet(VpcEndpointsApi.Route + "/{instanceId}/deprovision", GetAsync)
            .WithTags(VpcEndpointsApi.Tag)
            .WithName("GetVpcEndpointDeprovision")
            .WithSummary("Read the deprovisioning of a request's endpoint")
            .WithDescription("202 with Location and Retry-After while it runs, 200 once it has ended (result deleted, already_gone, failed or timed_out); 404 when it was never deprovisioned.")
            .Produces<DeprovisionState>(StatusCodes.Status200OK)
            .Produces<DeprovisionState>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapDelete(BatchesApi.Route + "/{batchId}", DeleteBatchAsync)
            .WithTags("batches")
            .WithName("DeprovisionBatch")
            .WithSummary("Delete the endpoints of a batch's items (operators)")
            .WithDescription("Starts a deprovisioning for every item with a request (cancel=true terminates running ones first; without it they are reported still_provisioning and left).")
            .Produces<AcceptedBatchDeprovision>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost(CleanupRoute, CleanupAsync)
            .WithTags("cleanup")
            .WithName("CleanupFailedEndpoints")
            .WithSummary("Delete the endpoints failed and timed-out requests left (operators)")
            .WithDescription("Finds ended requests whose result is failed or timed_out and that name an endpoint, and starts their deprovisioning (dry_run: only lists them).")
            .Accepts<CleanupRequestDocument>(isOptional: true, "application/json")
            .Produces<CleanupAnswer>(StatusCodes.Status200OK)
            .Produces<InvalidRequestProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// <c>DELETE /api/vpc-endpoints/{instanceId}[?cancel=true]</c>: starts deleting the request's endpoint. 202 with
    /// <c>Location</c> (the deprovisioning's status URL) and <c>existing: true</c> when the deprovisioning runs or ended
    /// <c>deleted</c>/<c>already_gone</c> before; one that ended <c>failed</c> or <c>timed_out</c> is started again
    /// (<c>existing: false</c>). 409 (<see cref="StillProvisioningProblemType"/>) while the request still runs and
    /// <c>cancel=true</c> is not given, and nothing is started; with it, the request is terminated first. 404 for an
    /// unknown request or another caller's; 400 for a <c>cancel</c> that is not <c>true</c> or <c>false</c>.
    /// </summary>
    /// <remarks>
    /// A request that never made an endpoint (invalid, failed before its create) is deprovisioned all the same: it ends
    /// <c>already_gone</c> at once, so a script deleting a list of requests handles every one the same way.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<AcceptedDeprovision>, ProblemHttpResult>> DeleteAsync(
        string instanceId, HttpContext context, [AsParameters] DeprovisioningServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        if (!TryReadCancel(context.Request, out bool cancel))
        {
            return BadCancel();
        }

        StartAnswer answer;
        try
        {
            answer = await StartAsync(instanceId, cancel, context, services, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(context);
        }

        switch (answer.Kind)
        {
            case StartKind.NotFound:
                return VpcEndpointsApi.NotFound(instanceId);
            case StartKind.StillProvisioning:
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "The request is still provisioning",
                    Detail = $"The request is {answer.RuntimeStatus}; nothing was started. Send the DELETE again with ?{CancelParameter}=true to terminate its provisioning and then delete what it created.",
                    Type = StillProvisioningProblemType,
                };
                return TypedResults.Problem(problem);
            default:
                string statusUrl = StatusUrl(context.Request, instanceId);
                context.Response.Headers.Location = statusUrl;
                return TypedResults.Json(
                    new AcceptedDeprovision(instanceId, answer.DeprovisionInstanceId!, statusUrl, answer.EndpointId, answer.Kind == StartKind.Existing),
                    ApiJsonContext.Default.AcceptedDeprovision,
                    statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>
    /// <c>GET /api/vpc-endpoints/{instanceId}/deprovision</c>: 202 with <c>Location</c> and <c>Retry-After</c> while the
    /// deprovisioning runs, 200 once it has ended (the same document either way, see <see cref="StatusUrls"/>); 404 when
    /// the request was never deprovisioned, or is another caller's; 503 while the task hub's storage is unavailable.
    /// </summary>
    public static async Task<Results<JsonHttpResult<DeprovisionState>, ProblemHttpResult>> GetAsync(
        string instanceId, HttpContext context, DurableTaskClient client, IOptionsMonitor<ProvisioningOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        DeprovisionState? state;
        try
        {
            state = InstanceIds.IsWellFormed(instanceId) ? await ReadAsync(client, instanceId, Caller.Of(context), cancellationToken) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(context);
        }

        if (state is null)
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status404NotFound, "No such deprovisioning", $"The provisioning request '{instanceId}' has not been deprovisioned (or does not exist).");
        }

        int status = Enum.TryParse(state.RuntimeStatus, out OrchestrationRuntimeStatus runtime) && StatusUrls.HasEnded(runtime)
            ? StatusCodes.Status200OK
            : StatusUrls.StillRunning(context, StatusUrl(context.Request, instanceId), options);
        return TypedResults.Json(state, ApiJsonContext.Default.DeprovisionState, statusCode: status);
    }

    /// <summary>
    /// <c>DELETE /api/batches/{batchId}[?cancel=true]</c> (operators): starts a deprovisioning for every item that has a
    /// request, with the per-item rules of <see cref="DeleteAsync"/>: items still running without <c>cancel=true</c> are
    /// reported <c>still_provisioning</c> and left. 202 listing every item; 404 for an unknown batch; 403 for a caller
    /// that is not an operator.
    /// </summary>
    public static async Task<Results<JsonHttpResult<AcceptedBatchDeprovision>, ProblemHttpResult>> DeleteBatchAsync(
        string batchId, HttpContext context, [AsParameters] DeprovisioningServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        if (Caller.Of(context) is { IsAdmin: false })
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status403Forbidden, "Batches are for operators", "This API key may not deprovision batches; delete the requests one by one.");
        }

        if (!TryReadCancel(context.Request, out bool cancel))
        {
            return BadCancel();
        }

        var items = new List<BatchItemDeprovision>();
        try
        {
            OrchestrationMetadata? batch = await services.Client.GetInstanceAsync(InstanceIds.ForBatch(batchId), getInputsAndOutputs: true, cancellationToken);
            if (batch?.SerializedInput is null || batch.ReadInputAs<BatchInput>() is not { } input)
            {
                return VpcEndpointsApi.Problem(StatusCodes.Status404NotFound, "No such batch", $"There is no batch '{batchId}'.");
            }

            foreach (BatchItem item in input.Items)
            {
                if (item.InstanceId is null)
                {
                    items.Add(new BatchItemDeprovision(item.Index, null, null, null, BatchDeprovisionStates.NothingToDelete));
                    continue;
                }

                StartAnswer answer = await StartAsync(item.InstanceId, cancel, context, services, cancellationToken);
                string state = answer.Kind switch
                {
                    StartKind.Started => BatchDeprovisionStates.Started,
                    StartKind.Existing => BatchDeprovisionStates.Existing,
                    StartKind.StillProvisioning => BatchDeprovisionStates.StillProvisioning,

                    // Not started yet by a batch that runs (it will be), or purged since the batch ended.
                    _ => StatusUrls.HasEnded(batch.RuntimeStatus) ? BatchDeprovisionStates.NothingToDelete : BatchDeprovisionStates.StillProvisioning,
                };
                items.Add(new BatchItemDeprovision(
                    item.Index, item.InstanceId, InstanceIds.ForDeprovision(item.InstanceId), StatusUrl(context.Request, item.InstanceId), state));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(context);
        }

        return TypedResults.Json(new AcceptedBatchDeprovision(batchId, items), ApiJsonContext.Default.AcceptedBatchDeprovision, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>POST /api/cleanup</c> (operators), body optional: <c>{"dry_run": bool, "older_than": "PT1H", "limit": 100}</c>.
    /// Finds requests that ended <c>failed</c> or <c>timed_out</c> naming an endpoint (at least <c>older_than</c> ago) and
    /// starts their deprovisioning, skipping those whose deprovisioning runs or ended <c>deleted</c>/<c>already_gone</c>;
    /// answers 200 with what it started (<c>dry_run</c>: what it would start), <c>truncated</c> when <c>limit</c> stopped
    /// it. 400 naming every problem of the body, nothing started; 403 for a caller that is not an operator.
    /// </summary>
    public static async Task<Results<JsonHttpResult<CleanupAnswer>, ProblemHttpResult>> CleanupAsync(
        HttpContext context, [AsParameters] DeprovisioningServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        if (Caller.Of(context) is { IsAdmin: false })
        {
            return VpcEndpointsApi.Problem(StatusCodes.Status403Forbidden, "Operators only", "The clean-up needs an operator's API key.");
        }

        HttpRequest request = context.Request;
        CleanupRequestDocument document = new();
        if (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            if (!VpcEndpointsApi.IsJson(request.ContentType))
            {
                return VpcEndpointsApi.Problem(StatusCodes.Status415UnsupportedMediaType, "JSON required", "Send the body as application/json, or send none.");
            }

            byte[]? body = await VpcEndpointsApi.ReadBodyAsync(request, MaxCleanupBodyBytes, cancellationToken);
            if (body is null)
            {
                return VpcEndpointsApi.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {MaxCleanupBodyBytes} bytes.");
            }

            if (body.Length > 0)
            {
                try
                {
                    document = JsonSerializer.Deserialize(body, ApiJsonContext.Default.CleanupRequestDocument) ?? document;
                }
                catch (JsonException ex)
                {
                    return Invalid([new ValidationError(ex.Path is { Length: > 1 } path ? "/" + path.TrimStart('$', '.') : "", "invalid_json", "The body must be a JSON object: {\"dry_run\": bool, \"older_than\": \"PT1H\", \"limit\": 100}, every member optional.")]);
                }
            }
        }

        List<ValidationError> problems = [];
        TimeSpan olderThan = TimeSpan.Zero;
        if (document.OlderThan is { } duration)
        {
            try
            {
                olderThan = XmlConvert.ToTimeSpan(duration);
            }
            catch (FormatException)
            {
                problems.Add(new ValidationError("/older_than", "invalid_duration", $"older_than must be an ISO 8601 duration such as PT1H or P1D (it is '{duration}')."));
            }

            if (olderThan < TimeSpan.Zero)
            {
                problems.Add(new ValidationError("/older_than", "invalid_duration", "older_than must not be negative."));
            }
        }

        int limit = document.Limit ?? DefaultCleanupLimit;
        if (limit is < 1 or > MaxCleanupLimit)
        {
            problems.Add(new ValidationError("/limit", "invalid_limit", $"limit must be 1 to {MaxCleanupLimit} (it is {limit})."));
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        DateTimeOffset endedBefore = services.Time.GetUtcNow() - olderThan;
        var started = new List<CleanupItem>();
        bool truncated = false;
        try
        {
            var filter = new OrchestrationQuery
            {
                InstanceIdPrefix = "vpcep-",
                Statuses = [OrchestrationRuntimeStatus.Completed],
                FetchInputsAndOutputs = true,
                PageSize = 100,
            };
            await foreach (OrchestrationMetadata metadata in services.Client.GetAllInstancesAsync(filter).WithCancellation(cancellationToken))
            {
                if (metadata.Name != ProvisionEndpointOrchestrator.Name || metadata.LastUpdatedAt > endedBefore || metadata.SerializedOutput is null
                    || metadata.ReadOutputAs<ProvisioningOutcome>() is not { Result: ProvisioningResult.Failed or ProvisioningResult.TimedOut, Endpoint.Id: { } endpointId } outcome)
                {
                    continue;
                }

                string deprovisionId = InstanceIds.ForDeprovision(metadata.InstanceId);
                if (await services.Client.GetInstanceAsync(deprovisionId, getInputsAndOutputs: true, cancellationToken) is { } earlier && !MayStartAgain(earlier))
                {
                    continue;
                }

                if (started.Count == limit)
                {
                    truncated = true;
                    break;
                }

                if (!document.DryRun && (await StartAsync(metadata.InstanceId, cancel: false, context, services, cancellationToken)).Kind != StartKind.Started)
                {
                    continue;
                }

                started.Add(new CleanupItem(metadata.InstanceId, outcome.Result, endpointId, deprovisionId, StatusUrl(request, metadata.InstanceId)));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return VpcEndpointsApi.StorageUnavailable(context);
        }

        services.Logger.CleanupRan(document.DryRun, started.Count);
        return TypedResults.Json(new CleanupAnswer(document.DryRun, started, truncated), ApiJsonContext.Default.CleanupAnswer);
    }

    /// <summary>The deprovisioning of a request as its <c>GET</c> shows it, or null when it was never deprovisioned.</summary>
    internal static async Task<DeprovisionSummary?> SummaryAsync(HttpRequest request, DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(InstanceIds.ForDeprovision(instanceId), getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        DeprovisionOutcome? outcome = metadata is { RuntimeStatus: OrchestrationRuntimeStatus.Completed, SerializedOutput: not null } ? metadata.ReadOutputAs<DeprovisionOutcome>() : null;
        return new DeprovisionSummary(StatusUrl(request, instanceId), metadata.RuntimeStatus.ToString(), outcome?.Result);
    }

    /// <summary>The absolute status URL of a request's deprovisioning, as seen by the caller (with the function key when the host asked for it).</summary>
    internal static string StatusUrl(HttpRequest request, string instanceId) => StatusUrls.For(request, $"{VpcEndpointsApi.Route}/{instanceId}/deprovision");

    private static async Task<DeprovisionState?> ReadAsync(DurableTaskClient client, string instanceId, Caller? caller, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(InstanceIds.ForDeprovision(instanceId), getInputsAndOutputs: true, cancellationToken);
        DeprovisionInput? input = metadata?.SerializedInput is null ? null : metadata.ReadInputAs<DeprovisionInput>();
        if (metadata is null || input is null || (caller is not null && !caller.MayRead(input.Caller)))
        {
            return null;
        }

        DeprovisionOutcome? outcome = metadata is { RuntimeStatus: OrchestrationRuntimeStatus.Completed, SerializedOutput: not null } ? metadata.ReadOutputAs<DeprovisionOutcome>() : null;
        DeprovisionStatus? status = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<DeprovisionStatus>();
        ProvisioningError? failure = metadata.FailureDetails is { } details ? new ProvisioningError("orchestration_failed", details.ErrorMessage) : null;
        return new DeprovisionState
        {
            InstanceId = instanceId,
            DeprovisionInstanceId = metadata.InstanceId,
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Phase = status?.Phase,
            EndpointId = outcome?.EndpointId ?? status?.EndpointId ?? input.EndpointId,
            Result = outcome?.Result,
            Error = outcome?.Error ?? failure,
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            Notification = outcome is null
                ? null
                : await DeliveryReports.LatestAsync(client, outcome.Notification, CallbackNotifier.DeprovisionEventId(instanceId, input.Run), cancellationToken),
        };
    }

    private enum StartKind
    {
        NotFound,
        StillProvisioning,
        Started,
        Existing,
    }

    private sealed record StartAnswer(StartKind Kind, string? DeprovisionInstanceId = null, string? EndpointId = null, string? RuntimeStatus = null);

    /// <summary>
    /// Starts the deprovisioning of one request the caller may see, unless one runs or ended <c>deleted</c> or
    /// <c>already_gone</c>; a request still running is terminated first when <paramref name="cancel"/> is set, else left.
    /// </summary>
    private static async Task<StartAnswer> StartAsync(string instanceId, bool cancel, HttpContext context, DeprovisioningServices services, CancellationToken cancellationToken)
    {
        DurableTaskClient client = services.Client;
        OrchestrationMetadata? request = await VpcEndpointsApi.FindAsync(instanceId, context, client, cancellationToken);
        ProvisioningInput? input = request?.SerializedInput is null ? null : request.ReadInputAs<ProvisioningInput>();
        if (request is null || input is null)
        {
            return new StartAnswer(StartKind.NotFound);
        }

        string deprovisionId = InstanceIds.ForDeprovision(instanceId);
        OrchestrationMetadata? earlier = await client.GetInstanceAsync(deprovisionId, getInputsAndOutputs: true, cancellationToken);
        DeprovisionInput? before = earlier?.SerializedInput is null ? null : earlier.ReadInputAs<DeprovisionInput>();
        if (earlier is not null && !MayStartAgain(earlier))
        {
            string? known = earlier.SerializedCustomStatus is null ? null : earlier.ReadCustomStatusAs<DeprovisionStatus>()?.EndpointId;
            return new StartAnswer(StartKind.Existing, deprovisionId, known ?? before?.EndpointId);
        }

        bool running = !StatusUrls.HasEnded(request.RuntimeStatus);
        if (running)
        {
            if (!cancel)
            {
                return new StartAnswer(StartKind.StillProvisioning, RuntimeStatus: request.RuntimeStatus.ToString());
            }

            await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(Output: "Cancelled to deprovision its endpoint."), cancellationToken);
            services.Logger.CancelledForDeprovisioning(instanceId);
        }

        DeprovisionInput deprovision = InputFor(instanceId, request, input, running, (before?.Run ?? 0) + 1, services);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                DeprovisionEndpointOrchestrator.Name, deprovision, new StartOrchestrationOptions(deprovisionId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Started by another delete between the look and the start?
            if (await client.GetInstanceAsync(deprovisionId, getInputsAndOutputs: false, cancellationToken) is { } raced && !StatusUrls.HasEnded(raced.RuntimeStatus))
            {
                return new StartAnswer(StartKind.Existing, deprovisionId, deprovision.EndpointId);
            }

            throw;
        }

        services.Logger.DeprovisioningStarted(instanceId, deprovisionId, deprovision.EndpointId);
        return new StartAnswer(StartKind.Started, deprovisionId, deprovision.EndpointId);
    }

    /// <summary>
    /// The deprovisioning's input from what the request's state says: its endpoint when named (the outcome's, or the
    /// custom status' once created); else, when the request may have sent a create (it was cancelled, or ended failed or
    /// timed out or terminated after it reached <c>creating</c>), what it takes to find what that create made.
    /// </summary>
    private static DeprovisionInput InputFor(
        string instanceId, OrchestrationMetadata request, ProvisioningInput input, bool cancelled, int run, DeprovisioningServices services)
    {
        ProvisioningStatus? status = request.SerializedCustomStatus is null ? null : request.ReadCustomStatusAs<ProvisioningStatus>();
        ProvisioningOutcome? outcome = request is { RuntimeStatus: OrchestrationRuntimeStatus.Completed, SerializedOutput: not null } ? request.ReadOutputAs<ProvisioningOutcome>() : null;
        string? endpointId = outcome?.Endpoint?.Id ?? status?.EndpointId;
        bool mayHaveCreated = outcome is not null
            ? outcome.Result is ProvisioningResult.Failed or ProvisioningResult.TimedOut
            : cancelled || status?.Phase is not (null or ProvisioningPhase.Validating);
        CreateEndpointInput? lookup = endpointId is null && mayHaveCreated
            ? new CreateEndpointInput(input.Request, instanceId, outcome?.StartedAt ?? request.CreatedAt)
            : null;
        return new DeprovisionInput(
            instanceId,
            input.Request.ProjectId,
            input.Request.Region,
            endpointId,
            lookup,
            input.Targets,
            WorkflowSettings.From(services.Options.CurrentValue, services.Notifications.CurrentValue),
            input.Caller,
            cancelled && lookup is not null ? CancelledCreateSettle : null,
            run);
    }

    /// <summary>Whether a deprovisioning may be started again: it ended, and not <c>deleted</c> or <c>already_gone</c>.</summary>
    private static bool MayStartAgain(OrchestrationMetadata earlier)
    {
        if (!StatusUrls.HasEnded(earlier.RuntimeStatus))
        {
            return false;
        }

        DeprovisionOutcome? outcome = earlier is { RuntimeStatus: OrchestrationRuntimeStatus.Completed, SerializedOutput: not null } ? earlier.ReadOutputAs<DeprovisionOutcome>() : null;
        return outcome?.Result is not (DeprovisionResult.Deleted or DeprovisionResult.AlreadyGone);
    }

    private static bool TryReadCancel(HttpRequest request, out bool cancel)
    {
        cancel = false;
        string? value = request.Query[CancelParameter].FirstOrDefault();
        return value is null || bool.TryParse(value, out cancel);
    }

    private static ProblemHttpResult BadCancel() =>
        VpcEndpointsApi.Problem(StatusCodes.Status400BadRequest, "Invalid cancel", $"{CancelParameter} must be true or false; nothing was started.");

    private static ProblemHttpResult Invalid(List<ValidationError> problems)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The clean-up request is invalid",
            Detail = $"{problems.Count} problem(s) found; nothing was started.",
            Type = "urn:vpcep-functions:problem:invalid-request",
        };
        problem.Extensions["errors"] = problems;
        return TypedResults.Problem(problem);
    }
}
