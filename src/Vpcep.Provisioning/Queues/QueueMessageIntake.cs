using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
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
/// provisioning request, the webhook's envelope optionally with an <c>idempotency_key</c>, or a batch
/// <c>{batch_id, callback_url?, requests: [...]}</c>), start. Exceptions mean "try again later" (storage
/// unavailable); a verdict that the message can never succeed comes back as <see cref="QueueMessageKind.Rejected"/>.
/// </summary>
public sealed class QueueMessageIntake(
    ProvisioningIntake intake,
    ProvisioningRequestParser parser,
    IOptionsMonitor<ProvisioningOptions> provisioning,
    IOptionsMonitor<QueueMessageOptions> queueOptions)
{
    /// <summary>The member of a request or batch item that carries its idempotency key.</summary>
    public const string IdempotencyKeyMember = RequestShape.IdempotencyKeyMember;

    /// <summary>Handles one message's text.</summary>
    public async Task<QueueMessageResult> ProcessAsync(DurableTaskClient client, string messageText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!TryDecode(messageText, out byte[] utf8))
        {
            return QueueMessageResult.Rejected("The message is neither JSON nor base64-encoded JSON.");
        }

        QueueDocument message = parser.ParseQueueMessage(utf8, queueOptions.CurrentValue.MaxBatchItems);
        return message switch
        {
            { Kind: QueueDocumentKind.Request, Request: { } request } => await StartSingleAsync(client, request, cancellationToken),
            { Kind: QueueDocumentKind.Batch, Batch: { } batch } => await StartBatchAsync(client, batch, cancellationToken),
            { Kind: QueueDocumentKind.Malformed } => QueueMessageResult.Rejected("The message is not valid JSON.", message.Errors),
            _ => QueueMessageResult.Rejected("The message must be a JSON object: one provisioning request or a batch."),
        };
    }

    private async Task<QueueMessageResult> StartSingleAsync(DurableTaskClient client, ParseResult parsed, CancellationToken cancellationToken)
    {
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

    private async Task<QueueMessageResult> StartBatchAsync(DurableTaskClient client, BatchParseResult batch, CancellationToken cancellationToken)
    {
        if (!batch.IsValid || batch.BatchId is not { } batchId)
        {
            return QueueMessageResult.Rejected("The batch is invalid.", batch.Errors);
        }

        // Invalid items travel with the batch, so its summary names them; valid ones get their own orchestration.
        var settings = WorkflowSettings.From(provisioning.CurrentValue);
        var items = new List<BatchItem>(batch.Requests.Count);
        for (int index = 0; index < batch.Requests.Count; index++)
        {
            ParseResult item = batch.Requests[index];
            items.Add(item is { IsValid: true, Request: { } request }
                ? new BatchItem(index, InstanceIds.ForBatchItem(batchId, item.IdempotencyKey, index), new ProvisioningInput(request, request.CallbackUrl, settings), null)
                : new BatchItem(index, null, null, item.Errors));
        }

        await intake.EnsureWatchersAsync(client, items.Where(i => i.Input is not null).Select(i => i.Input!.Request), cancellationToken);
        var input = new BatchInput(batchId, items, batch.CallbackUrl ?? provisioning.CurrentValue.DefaultCallbackUrl?.ToString(), settings);
        string batchInstanceId = InstanceIds.ForBatch(batchId);
        if (await OrchestrationStarts.StartOnceAsync(
            client, ProvisionBatchOrchestrator.Name, batchInstanceId, input, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return new QueueMessageResult(QueueMessageKind.Duplicate, batchInstanceId, null, []);
        }

        return new QueueMessageResult(QueueMessageKind.Started, batchInstanceId, null, []);
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
