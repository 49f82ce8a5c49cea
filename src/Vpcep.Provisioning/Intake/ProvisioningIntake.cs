using System.Diagnostics;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Telemetry;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Intake;

/// <summary>What became of a submission.</summary>
public enum SubmissionKind
{
    /// <summary>A new orchestration was started.</summary>
    Started,

    /// <summary>The idempotency key had already started this same request; nothing new was started.</summary>
    AlreadyStarted,

    /// <summary>The request was invalid; nothing was started.</summary>
    Invalid,

    /// <summary>The idempotency key was used before for a different request; nothing was started.</summary>
    KeyReused,
}

/// <summary>The result of submitting one request to <see cref="ProvisioningIntake"/>.</summary>
public sealed record Submission(SubmissionKind Kind, string? InstanceId, IReadOnlyList<ValidationError> Errors);

/// <summary>The result of submitting a batch to <see cref="ProvisioningIntake.SubmitBatchAsync"/>.</summary>
/// <param name="Kind">
/// <see cref="SubmissionKind.Started"/>; <see cref="SubmissionKind.AlreadyStarted"/> when the batch_id started the same
/// batch before; <see cref="SubmissionKind.KeyReused"/> when it started a different one; <see cref="SubmissionKind.Invalid"/>
/// when the batch itself (not an item) has problems.
/// </param>
/// <param name="InstanceId">The batch orchestration's instance id (none when invalid).</param>
/// <param name="Errors">The batch's own problems, for <see cref="SubmissionKind.Invalid"/>.</param>
public sealed record BatchSubmission(SubmissionKind Kind, string? InstanceId, IReadOnlyList<ValidationError> Errors);

/// <summary>
/// Accepts provisioning requests for every host and trigger: parses and validates them (all problems at
/// once), maps the idempotency key to an instance id, and starts the orchestration.
/// Written against <see cref="DurableTaskClient"/>, which each host supplies.
/// </summary>
/// <remarks>
/// The parser checks everything that needs no network; before anything starts, intake resolves the callback URLs'
/// host names (<see cref="CallbackHostCheck"/>) and adds a refusal to the other problems, so a request is still
/// refused with every problem named and nothing started.
/// </remarks>
public sealed class ProvisioningIntake(
    ProvisioningRequestParser parser,
    IOptionsMonitor<ProvisioningOptions> options,
    EndpointWatchers watchers,
    CallbackHostCheck callbackHosts,
    IOptionsMonitor<NotificationOptions>? notificationOptions = null)
{
    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    private NotificationOptions Notifications => notificationOptions?.CurrentValue ?? new NotificationOptions();

    /// <summary>Parses, validates and starts one request given as UTF-8 JSON.</summary>
    public Task<Submission> SubmitAsync(DurableTaskClient client, ReadOnlyMemory<byte> body, string? idempotencyKey, CancellationToken cancellationToken) =>
        SubmitAsync(client, Parse(body.Span), idempotencyKey, caller: null, cancellationToken);

    /// <summary>Parses and validates one request given as UTF-8 JSON, for a host that looks at it before starting it.</summary>
    public ParseResult Parse(ReadOnlySpan<byte> body) => parser.Parse(body);

    /// <summary>Starts an already parsed request (queue batches parse their items themselves).</summary>
    public Task<Submission> SubmitAsync(DurableTaskClient client, ParseResult parsed, string? idempotencyKey, CancellationToken cancellationToken) =>
        SubmitAsync(client, parsed, idempotencyKey, caller: null, cancellationToken);

    /// <summary>
    /// Starts an already parsed request of <paramref name="caller"/>: its idempotency key and instance id live in
    /// that caller's own space, so two callers using the same key never meet (none: the host does not tell callers apart).
    /// </summary>
    public async Task<Submission> SubmitAsync(DurableTaskClient client, ParseResult parsed, string? idempotencyKey, string? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(parsed);

        // The span is the orchestration's parent: the client carries the current trace context into its start event.
        using Activity? span = ProvisioningTelemetry.Source.StartActivity("vpcep submit");
        span?.SetTag(HuaweiCloudTelemetry.ProjectIdAttribute, parsed.Request?.ProjectId);
        Submission submission = await SubmitCoreAsync(client, parsed, idempotencyKey, caller, cancellationToken);
        Counted(span, submission.Kind, submission.InstanceId);
        return submission;
    }

    private async Task<Submission> SubmitCoreAsync(DurableTaskClient client, ParseResult parsed, string? idempotencyKey, string? caller, CancellationToken cancellationToken)
    {
        parsed = await CheckCallbackHostsAsync(parsed, cancellationToken);
        var errors = new List<ValidationError>(parsed.Errors);
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
        {
            errors.Add(new ValidationError(
                "", ValidationCodes.InvalidIdempotencyKey, $"The Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} printable characters."));
        }

        ProvisioningOptions o = options.CurrentValue;
        NotificationOptions n = Notifications;
        NotificationPlan? plan = parsed.Request is null ? null : NotificationPlan.For(parsed.Request, o.DefaultCallbackUrl?.ToString(), n);
        errors.AddRange(plan?.Errors ?? []);
        if (errors.Count > 0 || parsed.Request is null || plan is null)
        {
            return new Submission(SubmissionKind.Invalid, null, errors);
        }

        ProvisioningRequest request = parsed.Request;
        await EnsureWatchersAsync(client, [request], cancellationToken);
        string instanceId = InstanceIds.For(idempotencyKey, caller);
        var input = new ProvisioningInput(
            request, request.CallbackUrl ?? o.DefaultCallbackUrl?.ToString(), WorkflowSettings.From(o, n), caller, plan.Targets, plan.FollowPendingAcceptance);
        if (idempotencyKey is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                ProvisionEndpointOrchestrator.Name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return new Submission(SubmissionKind.Started, instanceId, []);
        }

        OrchestrationMetadata? existing = await OrchestrationStarts.StartOnceAsync(
            client, ProvisionEndpointOrchestrator.Name, instanceId, input, getInputsAndOutputs: true, cancellationToken);
        if (existing is null)
        {
            return new Submission(SubmissionKind.Started, instanceId, []);
        }

        ProvisioningRequest? earlier = existing.ReadInputAs<ProvisioningInput>()?.Request;
        return earlier is not null && SameRequest(earlier, request)
            ? new Submission(SubmissionKind.AlreadyStarted, instanceId, [])
            : new Submission(SubmissionKind.KeyReused, instanceId, []);
    }

    /// <summary>
    /// Starts a parsed batch (from a queue message, a blob or <c>POST /api/batches</c>) at most once per batch_id: each
    /// valid item runs as its own orchestration under the batch's orchestration; invalid items travel with the batch,
    /// so its summary names them (a caller that wants all or nothing checks the items first).
    /// </summary>
    public async Task<BatchSubmission> SubmitBatchAsync(DurableTaskClient client, BatchParseResult batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(batch);
        using Activity? span = ProvisioningTelemetry.Source.StartActivity("vpcep submit batch");
        span?.SetTag("vpcep.batch_id", batch.BatchId);
        BatchSubmission submission = await SubmitBatchCoreAsync(client, batch, cancellationToken);
        Counted(span, submission.Kind, submission.InstanceId);
        return submission;
    }

    /// <summary>Tags the intake's span with the answer and counts it (<c>vpcep.submissions</c>).</summary>
    private static void Counted(Activity? span, SubmissionKind kind, string? instanceId)
    {
        string answer = kind switch
        {
            SubmissionKind.Started => "accepted",
            SubmissionKind.AlreadyStarted => "existing",
            SubmissionKind.KeyReused => "key_reused",
            _ => "invalid",
        };
        span?.SetTag(ProvisioningTelemetry.InstanceIdAttribute, instanceId);
        span?.SetTag(ProvisioningTelemetry.SubmissionAttribute, answer);
        ProvisioningTelemetry.Submissions.Add(1, new KeyValuePair<string, object?>(ProvisioningTelemetry.SubmissionAttribute, answer));
    }

    private async Task<BatchSubmission> SubmitBatchCoreAsync(DurableTaskClient client, BatchParseResult batch, CancellationToken cancellationToken)
    {
        batch = await CheckCallbackHostsAsync(batch, cancellationToken);
        if (!batch.IsValid || batch.BatchId is not { } batchId)
        {
            return new BatchSubmission(SubmissionKind.Invalid, null, batch.Errors);
        }

        ProvisioningOptions o = options.CurrentValue;
        NotificationOptions n = Notifications;
        var settings = WorkflowSettings.From(o, n);
        var items = new List<BatchItem>(batch.Requests.Count);
        for (int index = 0; index < batch.Requests.Count; index++)
        {
            ParseResult item = batch.Requests[index];

            // An item goes to its own callback URL only (the default one hears of the batch once, in its summary).
            NotificationPlan? plan = item is { IsValid: true, Request: { } valid }
                ? NotificationPlan.For(valid, null, n, JsonPointer.Append("/requests", index))
                : null;
            items.Add(item is { IsValid: true, Request: { } request } && plan is { Errors.Count: 0 }
                ? new BatchItem(
                    index,
                    InstanceIds.ForBatchItem(batchId, item.IdempotencyKey, index),
                    new ProvisioningInput(request, request.CallbackUrl, settings, Notify: plan.Targets, FollowPendingAcceptance: plan.FollowPendingAcceptance),
                    null)
                : new BatchItem(index, null, null, [.. item.Errors, .. plan?.Errors ?? []]));
        }

        await EnsureWatchersAsync(client, items.Where(i => i.Input is not null).Select(i => i.Input!.Request), cancellationToken);
        var input = new BatchInput(batchId, items, batch.CallbackUrl ?? o.DefaultCallbackUrl?.ToString(), settings);
        string instanceId = InstanceIds.ForBatch(batchId);
        OrchestrationMetadata? existing = await OrchestrationStarts.StartOnceAsync(
            client, ProvisionBatchOrchestrator.Name, instanceId, input, getInputsAndOutputs: true, cancellationToken);
        if (existing is null)
        {
            return new BatchSubmission(SubmissionKind.Started, instanceId, []);
        }

        return existing.SerializedInput is not null && existing.ReadInputAs<BatchInput>() is { } earlier && SameBatch(earlier, input)
            ? new BatchSubmission(SubmissionKind.AlreadyStarted, instanceId, [])
            : new BatchSubmission(SubmissionKind.KeyReused, instanceId, []);
    }

    /// <summary>
    /// Resolves the host name of the request's callback URL and adds its refusal to the request's problems
    /// (<see cref="ValidationCodes.CallbackUrlResolvesNotPublic"/> at <c>/callback_url</c>) when it resolves to an address
    /// that is not public; <see cref="SubmitAsync(DurableTaskClient, ParseResult, string?, string?, CancellationToken)"/>
    /// does this itself. Done once: a result already checked comes back as it is.
    /// </summary>
    public async Task<ParseResult> CheckCallbackHostsAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.CallbackHostsChecked)
        {
            return parsed;
        }

        CallbackTargetProblem?[] found = await callbackHosts.CheckAllAsync([parsed.Request?.CallbackUrl], cancellationToken);
        return WithHostProblem(parsed, "", found[0]);
    }

    /// <summary>
    /// Resolves the host names of a batch's callback URL and of its items' (each distinct name once) and adds each
    /// refusal where it belongs: the batch's own to the batch's problems (the batch is then invalid), an item's to that
    /// item's. <see cref="SubmitBatchAsync"/> does this itself; a caller that decides on the problems before submitting
    /// (all or nothing, <c>POST /api/batches</c>) calls it first. Done once.
    /// </summary>
    public async Task<BatchParseResult> CheckCallbackHostsAsync(BatchParseResult batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.CallbackHostsChecked)
        {
            return batch;
        }

        string?[] urls = [batch.CallbackUrl, .. batch.Requests.Select(item => item.CallbackHostsChecked ? null : item.Request?.CallbackUrl)];
        CallbackTargetProblem?[] found = await callbackHosts.CheckAllAsync(urls, cancellationToken);
        string requests = JsonPointer.Append("", "requests");
        return batch with
        {
            Errors = found[0] is { } problem
                ? [.. batch.Errors, new ValidationError(JsonPointer.Append("", "callback_url"), problem.Code, problem.Message)]
                : batch.Errors,
            Requests = [.. batch.Requests.Select((item, index) => item.CallbackHostsChecked ? item : WithHostProblem(item, JsonPointer.Append(requests, index), found[index + 1]))],
            CallbackHostsChecked = true,
        };
    }

    private static ParseResult WithHostProblem(ParseResult parsed, string pointer, CallbackTargetProblem? problem) =>
        parsed with
        {
            Errors = problem is null
                ? parsed.Errors
                : [.. parsed.Errors, new ValidationError(JsonPointer.Append(pointer, "callback_url"), problem.Code, problem.Message)],
            CallbackHostsChecked = true,
        };

    /// <summary>
    /// Makes sure the watchers that observe these requests' endpoints run before the requests start (see
    /// <see cref="EndpointWatchers"/>); never fails a submission.
    /// </summary>
    public Task EnsureWatchersAsync(DurableTaskClient client, IEnumerable<ProvisioningRequest> requests, CancellationToken cancellationToken) =>
        watchers.EnsureRunningAsync(client, requests.Select(r => (r.ProjectId, r.Region)), cancellationToken);

    /// <summary>
    /// Whether two batch inputs came from the same document: the same callback and items (instance ids, which follow
    /// keys and positions, requests and problems). The retry settings are the host's, not the document's.
    /// </summary>
    private static bool SameBatch(BatchInput a, BatchInput b) =>
        a.BatchId == b.BatchId
        && a.CallbackUrl == b.CallbackUrl
        && a.Items.Count == b.Items.Count
        && a.Items.Zip(b.Items).All(pair =>
            pair.First.InstanceId == pair.Second.InstanceId
            && (pair.First.Input, pair.Second.Input) switch
            {
                (null, null) => (pair.First.Errors ?? []).Select(e => (e.Pointer, e.Code)).SequenceEqual((pair.Second.Errors ?? []).Select(e => (e.Pointer, e.Code))),
                ({ } x, { } y) => SameRequest(x.Request, y.Request),
                _ => false,
            });

    private static bool SameRequest(ProvisioningRequest a, ProvisioningRequest b) =>
        JsonSerializer.Serialize(a, ProvisioningJsonContext.Default.ProvisioningRequest) ==
        JsonSerializer.Serialize(b, ProvisioningJsonContext.Default.ProvisioningRequest);
}
