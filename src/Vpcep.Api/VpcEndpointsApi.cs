using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api;

/// <summary>What the <c>/api/vpc-endpoints</c> handlers need, injected (the self-host binds it with <c>[AsParameters]</c>).</summary>
/// <param name="Client">The task hub's client.</param>
/// <param name="Intake">Parses, validates and starts submissions.</param>
/// <param name="Logger">The contract's logger.</param>
public sealed record VpcEndpointsServices(DurableTaskClient Client, ProvisioningIntake Intake, ILogger<VpcEndpointsServices> Logger);

/// <summary>
/// The HTTP contract of <c>/api/vpc-endpoints</c>, shared by both hosts: the self-host maps it with
/// <see cref="MapVpcEndpointsApi"/>, the Functions app calls the same handlers from its HTTP triggers.
/// </summary>
public static partial class VpcEndpointsApi
{
    /// <summary>The route prefix, the same as Azure Functions' default <c>api</c> prefix.</summary>
    public const string Route = "/api/vpc-endpoints";

    /// <summary>The header that makes a submission idempotent.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Request bodies larger than this are refused (413).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The OpenAPI tag of these routes.</summary>
    internal const string Tag = "vpc-endpoints";

    /// <summary>
    /// Maps the endpoints for hosts whose services come from DI, each with the answers it gives (status codes, bodies)
    /// and its request body declared for the OpenAPI document.
    /// </summary>
    public static IEndpointRouteBuilder MapVpcEndpointsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup(Route).WithTags(Tag);
        group.MapPost("/", SubmitAsync)
            .WithName("SubmitVpcEndpoint")
            .WithSummary("Submit a provisioning request")
            .WithDescription("Validates the request and starts its workflow. Follow the status URL (Location) until it answers 200.")
            .Accepts<ProvisioningRequestDocument>("application/json")
            .Produces<AcceptedProvisioning>(StatusCodes.Status202Accepted)
            .ProducesSubmissionProblems();
        group.MapGet("/{instanceId}", GetAsync)
            .WithName("GetVpcEndpoint")
            .WithSummary("Read a provisioning request's state")
            .WithDescription("202 with Location and Retry-After while the request runs (Pending, Running), 200 once it has ended (Completed, Failed, Terminated); the body is the same document either way.")
            .Produces<ProvisioningState>(StatusCodes.Status200OK)
            .Produces<ProvisioningState>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{instanceId}/terminate", TerminateAsync)
            .WithName("TerminateVpcEndpoint")
            .WithSummary("Terminate a running provisioning request")
            .WithDescription("Stops the request's workflow (an endpoint it already created is left as it is, and no outcome is notified); GET then answers 200 with runtime_status Terminated.")
            .Accepts<TerminateRequestDocument>(isOptional: true, "application/json")
            .Produces<AcceptedTermination>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{instanceId}/history", PurgeHistoryAsync)
            .WithName("PurgeVpcEndpointHistory")
            .WithSummary("Purge an ended provisioning request's history")
            .WithDescription("Deletes the history and state of an ended request (and of its ended notification deliveries and follow-up); its status URL then answers 404.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// The refusals a submission (of a request or a batch) may answer, for the OpenAPI document: 400 listing every
    /// problem, 403, 413, 415, 422 (a reused key or batch id) and 503 (the task hub's storage is unavailable).
    /// </summary>
    internal static RouteHandlerBuilder ProducesSubmissionProblems(this RouteHandlerBuilder builder) =>
        builder
            .Produces<InvalidRequestProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary><c>POST /api/vpc-endpoints</c>: 202 with a status URL, or 400 listing every problem.</summary>
    public static async Task<Results<JsonHttpResult<AcceptedProvisioning>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, [AsParameters] VpcEndpointsServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        if (!IsJson(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "JSON required", "Send the request as application/json.");
        }

        byte[]? body = await ReadBodyAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body must be at most {MaxBodyBytes} bytes.");
        }

        string? key = request.Headers.TryGetValue(IdempotencyKeyHeader, out var values) ? values.ToString() : null;
        ParseResult parsed = services.Intake.Parse(body);
        Caller? caller = Caller.Of(request.HttpContext);
        if (caller is not null && parsed.Request is { } valid && !caller.MayUse(valid.ProjectId))
        {
            return Problem(StatusCodes.Status403Forbidden, "Project not allowed", "This API key may not provision in that project; nothing was started.");
        }

        // A caller's keys and requests live in its own space; an operator's (and every request on a host that
        // does not tell callers apart) in the shared one.
        string? scope = caller is { IsAdmin: false } ? caller.Name : null;
        Submission submission;
        try
        {
            submission = await services.Intake.SubmitAsync(services.Client, parsed, key, scope, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The task hub's storage failed. The request may or may not be recorded; a retry with the
            // same Idempotency-Key is safe either way.
            services.Logger.CouldNotRecordRequest(ex);
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Provisioning is unavailable",
                "The request could not be recorded (the task hub's storage is unavailable). Retry later with the same Idempotency-Key.");
        }

        switch (submission.Kind)
        {
            case SubmissionKind.Invalid:
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The provisioning request is invalid",
                    Detail = $"{submission.Errors.Count} problem(s) found; nothing was started.",
                    Type = "urn:vpcep-functions:problem:invalid-request",
                };
                problem.Extensions["errors"] = submission.Errors;
                return TypedResults.Problem(problem);
            case SubmissionKind.KeyReused:
                return Problem(
                    StatusCodes.Status422UnprocessableEntity,
                    "Idempotency-Key reused",
                    $"The Idempotency-Key was already used for a different request (instance {submission.InstanceId}); nothing was started.");
            default:
                string statusUrl = StatusUrl(request, submission.InstanceId!);
                request.HttpContext.Response.Headers.Location = statusUrl;
                return TypedResults.Json(
                    new AcceptedProvisioning(submission.InstanceId!, statusUrl, submission.Kind == SubmissionKind.AlreadyStarted),
                    ApiJsonContext.Default.AcceptedProvisioning,
                    statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>
    /// <c>GET /api/vpc-endpoints/{instanceId}</c>: the request's state: 202 with <c>Location</c> and <c>Retry-After</c>
    /// while it has not ended, 200 once it has (the body is the same document either way, see <see cref="StatusUrls"/>);
    /// 404, also for another caller's request (its existence is not revealed); 503 with <c>Retry-After</c> while the
    /// task hub's storage is unavailable.
    /// </summary>
    /// <remarks>
    /// The request's outcome is final when its orchestration completes: a notification still being delivered (another
    /// orchestration) or a pending-acceptance follow-up does not keep it at 202; the body shows how they are going.
    /// </remarks>
    public static async Task<Results<JsonHttpResult<ProvisioningState>, ProblemHttpResult>> GetAsync(
        string instanceId, HttpContext context, DurableTaskClient client, IOptionsMonitor<ProvisioningOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        (ProvisioningState State, string? Owner)? found;
        try
        {
            found = InstanceIds.IsWellFormed(instanceId) ? await ProvisioningStates.ReadWithOwnerAsync(client, instanceId, cancellationToken) : null;
            if (found is { } read)
            {
                found = (read.State with { Deprovision = await DeprovisioningApi.SummaryAsync(context.Request, client, instanceId, cancellationToken) }, read.Owner);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return StorageUnavailable(context);
        }

        Caller? caller = Caller.Of(context);
        if (found is not { } record || (caller is not null && !caller.MayRead(record.Owner)))
        {
            return NotFound(instanceId);
        }

        int status = Enum.TryParse(record.State.RuntimeStatus, out OrchestrationRuntimeStatus runtime) && StatusUrls.HasEnded(runtime)
            ? StatusCodes.Status200OK
            : StatusUrls.StillRunning(context, StatusUrl(context.Request, instanceId), options);
        return TypedResults.Json(record.State, ApiJsonContext.Default.ProvisioningState, statusCode: status);
    }

    /// <summary>Whether a content type is JSON (<c>application/json</c> or a <c>+json</c> type), parameters aside.</summary>
    internal static bool IsJson(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        string type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The absolute status URL of an instance, as seen by the caller of <paramref name="request"/> (with the function key
    /// when the host asked for it, see <see cref="StatusUrls.For"/>).
    /// </summary>
    internal static string StatusUrl(HttpRequest request, string instanceId) => StatusUrls.For(request, $"{Route}/{instanceId}");

    internal static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>404 for a request that does not exist or that the caller may not see.</summary>
    internal static ProblemHttpResult NotFound(string instanceId) =>
        Problem(StatusCodes.Status404NotFound, "No such provisioning request", $"There is no provisioning request '{instanceId}'.");

    /// <summary>503 with <c>Retry-After</c>: the task hub's storage failed.</summary>
    internal static ProblemHttpResult StorageUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Provisioning is unavailable", "The task hub's storage is unavailable; retry later.");
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/> (413).</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
