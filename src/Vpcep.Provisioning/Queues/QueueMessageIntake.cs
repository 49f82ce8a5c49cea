using System.Buffers;
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
/// listener alike. A message is one provisioning request (the webhook's envelope, optionally with an
/// <c>idempotency_key</c>) or a batch <c>{batch_id, callback_url?, requests: [...]}</c>; plain JSON or
/// base64-encoded JSON. Exceptions mean "try again later" (storage unavailable); a verdict that the
/// message can never succeed comes back as <see cref="QueueMessageKind.Rejected"/>.
/// </summary>
public sealed class QueueMessageIntake(
    ProvisioningIntake intake,
    ProvisioningRequestParser parser,
    IOptionsMonitor<ProvisioningOptions> provisioning,
    IOptionsMonitor<QueueMessageOptions> queueOptions)
{
    /// <summary>The member of a request or batch item that carries its idempotency key.</summary>
    public const string IdempotencyKeyMember = "idempotency_key";

    private static readonly HashSet<string> BatchMembers = new(StringComparer.Ordinal) { "batch_id", "callback_url", "requests" };

    /// <summary>Handles one message's text.</summary>
    public async Task<QueueMessageResult> ProcessAsync(DurableTaskClient client, string messageText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!TryDecode(messageText, out byte[] utf8))
        {
            return QueueMessageResult.Rejected("The message is neither JSON nor base64-encoded JSON.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException ex)
        {
            return QueueMessageResult.Rejected("The message is not valid JSON.", [new("", ValidationCodes.MalformedJson, ex.Message)]);
        }

        using (document)
        {
            JsonElement message = document.RootElement;
            if (message.ValueKind != JsonValueKind.Object)
            {
                return QueueMessageResult.Rejected("The message must be a JSON object: one provisioning request or a batch.");
            }

            return message.TryGetProperty("batch_id", out _) || message.TryGetProperty("requests", out _)
                ? await ProcessBatchAsync(client, message, cancellationToken)
                : await ProcessSingleAsync(client, message, cancellationToken);
        }
    }

    private async Task<QueueMessageResult> ProcessSingleAsync(DurableTaskClient client, JsonElement message, CancellationToken cancellationToken)
    {
        (ParseResult parsed, string? key) = ParseItem(message, "");
        if (!parsed.IsValid || parsed.Request is null)
        {
            return QueueMessageResult.Rejected("The provisioning request is invalid.", parsed.Errors);
        }

        // Without an explicit key the request itself is the key: the same request enqueued (or delivered) twice runs once.
        key ??= "message:" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parsed.Request, ProvisioningJsonContext.Default.ProvisioningRequest)));
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

    private async Task<QueueMessageResult> ProcessBatchAsync(DurableTaskClient client, JsonElement message, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty member in message.EnumerateObject())
        {
            if (!BatchMembers.Contains(member.Name))
            {
                errors.Add(new("/" + member.Name, ValidationCodes.UnknownField, $"'{member.Name}' is not a member of a batch; a batch has batch_id, callback_url and requests."));
            }
            else if (!seen.Add(member.Name))
            {
                errors.Add(new("/" + member.Name, ValidationCodes.DuplicateField, $"{member.Name} appears more than once in the batch; give it once."));
            }
        }

        string? batchId = StringMember(message, "batch_id", errors, required: true);
        if (batchId is not null && (batchId.Length is 0 or > 128 || batchId.Any(char.IsControl)))
        {
            errors.Add(new("/batch_id", ValidationCodes.InvalidBatchId, "batch_id must be 1 to 128 printable characters."));
        }

        string? callbackUrl = StringMember(message, "callback_url", errors, required: false);
        if (callbackUrl is not null)
        {
            errors.AddRange(parser.ValidateCallbackUrl(callbackUrl, "/callback_url"));
        }

        int maxItems = queueOptions.CurrentValue.MaxBatchItems;
        JsonElement[] requests = message.TryGetProperty("requests", out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray()]
            : [];
        if (requests.Length == 0 || requests.Length > maxItems)
        {
            errors.Add(new("/requests", ValidationCodes.Required, $"requests must be an array of 1 to {maxItems} provisioning requests."));
        }

        if (errors.Count > 0 || batchId is null)
        {
            return QueueMessageResult.Rejected("The batch is invalid.", errors);
        }

        var settings = WorkflowSettings.From(provisioning.CurrentValue);
        var items = new List<BatchItem>(requests.Length);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < requests.Length; index++)
        {
            string pointer = $"/requests/{index}";
            if (requests[index].ValueKind != JsonValueKind.Object)
            {
                items.Add(new BatchItem(index, null, null, [new(pointer, ValidationCodes.WrongType, $"requests[{index}] must be a provisioning request object.")]));
                continue;
            }

            (ParseResult parsed, string? key) = ParseItem(requests[index], pointer);
            if (key is not null && !keys.Add(key))
            {
                items.Add(new BatchItem(index, null, null, [new(pointer + "/" + IdempotencyKeyMember, ValidationCodes.DuplicateIdempotencyKey, $"The idempotency_key '{key}' is used by an earlier item of this batch.")]));
                continue;
            }

            items.Add(parsed is { IsValid: true, Request: { } request }
                ? new BatchItem(index, InstanceIds.ForBatchItem(batchId, key, index), new ProvisioningInput(request, request.CallbackUrl, settings), null)
                : new BatchItem(index, null, null, parsed.Errors));
        }

        var input = new BatchInput(batchId, items, callbackUrl ?? provisioning.CurrentValue.DefaultCallbackUrl?.ToString(), settings);
        string batchInstanceId = InstanceIds.ForBatch(batchId);
        if (await OrchestrationStarts.StartOnceAsync(
            client, ProvisionBatchOrchestrator.Name, batchInstanceId, input, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return new QueueMessageResult(QueueMessageKind.Duplicate, batchInstanceId, null, []);
        }

        return new QueueMessageResult(QueueMessageKind.Started, batchInstanceId, null, []);
    }

    /// <summary>Takes the optional idempotency key off an item and parses the rest as a provisioning request.</summary>
    private (ParseResult Parsed, string? Key) ParseItem(JsonElement item, string pointer)
    {
        string? key = null;
        var keyErrors = new List<ValidationError>();
        var rest = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(rest))
        {
            // Every other member is copied as it is, duplicates included, so the parser reports them with their pointers.
            writer.WriteStartObject();
            foreach (JsonProperty member in item.EnumerateObject())
            {
                if (member.Name != IdempotencyKeyMember)
                {
                    member.WriteTo(writer);
                }
                else if (key is null && keyErrors.Count == 0
                    && member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() is { Length: > 0 and <= ProvisioningIntake.MaxIdempotencyKeyLength } text
                    && !text.Any(char.IsControl))
                {
                    key = text;
                }
                else
                {
                    key = null;
                    keyErrors.Add(new(pointer + "/" + IdempotencyKeyMember, ValidationCodes.InvalidIdempotencyKey,
                        $"idempotency_key must be given once, as a string of 1 to {ProvisioningIntake.MaxIdempotencyKeyLength} printable characters."));
                }
            }

            writer.WriteEndObject();
        }

        ParseResult parsed = parser.Parse(rest.WrittenSpan);
        IReadOnlyList<ValidationError> errors = [.. keyErrors, .. parsed.Errors.Select(e => e with { Pointer = pointer + e.Pointer })];
        return (errors.Count == 0 ? parsed : new ParseResult(null, errors), keyErrors.Count == 0 ? key : null);
    }

    private static string? StringMember(JsonElement message, string name, List<ValidationError> errors, bool required)
    {
        if (!message.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new("/" + name, ValidationCodes.Required, $"{name} is required."));
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(new("/" + name, ValidationCodes.WrongType, $"{name} must be a string."));
        return null;
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
