using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Queues;

/// <summary>What became of one queue message.</summary>
public enum QueueMessageKind
{
    /// <summary>An orchestration (one request, or a batch) was started.</summary>
    Started,

    /// <summary>The message was seen before (redelivered or enqueued twice); nothing new was started.</summary>
    Duplicate,

    /// <summary>The message can never succeed (malformed, invalid, or a reused key); it belongs in the poison queue.</summary>
    Rejected,
}

/// <summary>The result of <see cref="QueueMessageIntake.ProcessAsync"/>.</summary>
public sealed record QueueMessageResult(QueueMessageKind Kind, string? InstanceId, string? Reason, IReadOnlyList<ValidationError> Errors)
{
    internal static QueueMessageResult Rejected(string reason, IReadOnlyList<ValidationError>? errors = null) =>
        new(QueueMessageKind.Rejected, null, reason, errors ?? []);
}

/// <summary>
/// Turns queue messages into orchestrations, for the Functions queue trigger and the self-host's
/// listener alike: decode (plain JSON, or base64-encoded JSON), parse (one call into
/// <see cref="ProvisioningRequestParser.ParseQueueMessage"/>, whose shape says whether the message is one
/// provisioning request, the webhook's envelope optionally with an <c>idempotency_key</c>, a batch
/// <c>{batch_id, callback_url?, requests: [...]}</c>, or a reference to a batch kept in a blob
/// <c>{batch_ref: {container, blob}}</c>, read with <see cref="IBatchDocumentReader"/>), start. Exceptions mean
/// "try again later" (storage unavailable); a verdict that the message can never succeed comes back as
/// <see cref="QueueMessageKind.Rejected"/>.
/// </summary>
public sealed class QueueMessageIntake(
    ProvisioningIntake intake,
    ProvisioningRequestParser parser,
    IOptionsMonitor<QueueMessageOptions> queueOptions,
    IBatchDocumentReader documents)
{
    /// <summary>The member of a request or batch item that carries its idempotency key.</summary>
    public const string IdempotencyKeyMember = RequestShape.IdempotencyKeyMember;

    /// <summary>Handles one message's text.</summary>
    public async Task<QueueMessageResult> ProcessAsync(DurableTaskClient client, string messageText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // A message starts the trace of the requests it carries (beneath the host's own span of the delivery, if any).
        using Activity? span = ProvisioningTelemetry.Source.StartActivity("vpcep process queue message", ActivityKind.Consumer);
        QueueMessageResult result = await ProcessCoreAsync(client, messageText, cancellationToken);
        span?.SetTag("vpcep.queue_message.result", result.Kind.ToString());
        if (result.Kind == QueueMessageKind.Rejected)
        {
            span?.SetStatus(ActivityStatusCode.Error, result.Reason);
        }

        return result;
    }

    private async Task<QueueMessageResult> ProcessCoreAsync(DurableTaskClient client, string messageText, CancellationToken cancellationToken)
    {
        if (!TryDecode(messageText, out byte[] utf8))
        {
            return QueueMessageResult.Rejected("The message is neither JSON nor base64-encoded JSON.");
        }

        QueueDocument message = parser.ParseQueueMessage(utf8, queueOptions.CurrentValue.MaxBatchItems);
        return message switch
        {
            { Kind: QueueDocumentKind.Request, Request: { } request } => await StartSingleAsync(client, request, cancellationToken),
            { Kind: QueueDocumentKind.Batch, Batch: { } batch } => await StartBatchAsync(client, batch, "The batch is invalid.", cancellationToken),
            { Kind: QueueDocumentKind.BatchReference, Reference: { } reference } => await StartReferencedBatchAsync(client, reference, cancellationToken),
            { Kind: QueueDocumentKind.BatchReference } => QueueMessageResult.Rejected("The batch_ref is invalid.", message.Errors),
            { Kind: QueueDocumentKind.Malformed } => QueueMessageResult.Rejected("The message is not valid JSON.", message.Errors),
            _ => QueueMessageResult.Rejected("The message must be a JSON object: one provisioning request or a batch."),
        };
    }

    private async Task<QueueMessageResult> StartSingleAsync(DurableTaskClient client, ParseResult parsed, CancellationToken cancellationToken)
    {
        // The callback's host name is checked before the verdict, so a rejection names every problem.
        parsed = await intake.CheckCallbackHostsAsync(parsed, cancellationToken);
        if (!parsed.IsValid || parsed.Request is null)
        {
            return QueueMessageResult.Rejected("The provisioning request is invalid.", parsed.Errors);
        }

        // Without an explicit key the request itself is the key: the same request enqueued (or delivered) twice runs once.
        string key = parsed.IdempotencyKey
            ?? "message:" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parsed.Request, ProvisioningJsonContext.Default.ProvisioningRequest)));
        Submission submission = await intake.SubmitAsync(client, parsed, key, cancellationToken);
        return submission.Kind switch
        {
            SubmissionKind.Started => new QueueMessageResult(QueueMessageKind.Started, submission.InstanceId, null, []),
            SubmissionKind.AlreadyStarted => new QueueMessageResult(QueueMessageKind.Duplicate, submission.InstanceId, null, []),
            SubmissionKind.KeyReused => QueueMessageResult.Rejected(
                $"The idempotency_key was already used for a different request (instance {submission.InstanceId})."),
            _ => QueueMessageResult.Rejected("The provisioning request is invalid.", submission.Errors),
        };
    }

    /// <summary>
    /// Reads the batch a claim check names and handles it like an inline batch. A blob that is missing, too large or
    /// not readable can never succeed (rejected); a storage failure that may pass throws, so the message is retried.
    /// </summary>
    private async Task<QueueMessageResult> StartReferencedBatchAsync(DurableTaskClient client, BatchDocumentReference reference, CancellationToken cancellationToken)
    {
        QueueMessageOptions o = queueOptions.CurrentValue;
        BatchDocumentRead read = await documents.ReadAsync(reference, o.MaxBatchBytes, cancellationToken);
        if (read.Content is not { } content)
        {
            return QueueMessageResult.Rejected($"The batch in blob '{reference}' cannot be read: {read.Problem}");
        }

        BatchParseResult batch = parser.ParseBatch(content, o.MaxBatchItems);
        return await StartBatchAsync(client, batch, $"The batch in blob '{reference}' is invalid.", cancellationToken);
    }

    private async Task<QueueMessageResult> StartBatchAsync(DurableTaskClient client, BatchParseResult batch, string invalidReason, CancellationToken cancellationToken)
    {
        // A batch_id seen before starts nothing, whatever the batch holds (the queue has nobody to answer a refusal to).
        BatchSubmission submission = await intake.SubmitBatchAsync(client, batch, cancellationToken);
        return submission.Kind switch
        {
            SubmissionKind.Started => new QueueMessageResult(QueueMessageKind.Started, submission.InstanceId, null, []),
            SubmissionKind.Invalid => QueueMessageResult.Rejected(invalidReason, submission.Errors),
            _ => new QueueMessageResult(QueueMessageKind.Duplicate, submission.InstanceId, null, []),
        };
    }

    /// <summary>Accepts plain JSON text, or JSON encoded as base64 (what Functions' queue output writes by default).</summary>
    private static bool TryDecode(string text, out byte[] utf8)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            utf8 = Encoding.UTF8.GetBytes(trimmed);
            return true;
        }

        if (trimmed.Length > 0 && Base64.IsValid(trimmed))
        {
            utf8 = Convert.FromBase64String(trimmed);
            ReadOnlySpan<byte> start = utf8.AsSpan().TrimStart(" \t\r\n"u8);
            return start.StartsWith("{"u8) || start.StartsWith("["u8);
        }

        utf8 = [];
        return false;
    }
}
