using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Reads every document intake takes, against <see cref="RequestShape"/>: the webhook's provisioning
/// request, and the queue's message (a request with an optional <c>idempotency_key</c>, or a batch of
/// them). Reports every problem at once, each with a JSON pointer and a code from <see cref="ValidationCodes"/>.
/// </summary>
/// <remarks>
/// <see cref="ShapeReader"/> walks the JSON tree first (duplicate, unknown, missing and wrongly typed
/// members); only members of the right type are then materialised with System.Text.Json, and the typed
/// request is checked by <see cref="EndpointRequestValidator"/>. A rule error at or below a place that
/// already has a type or presence error is not repeated. The contents of <c>policy_statement</c> and
/// <c>policy_document</c> follow Huawei's policy language and are passed through unchecked.
/// <para>
/// Unknown members: the envelope, tag and batch objects are strict (every unknown member is refused). In
/// <c>endpoint</c>, unless <see cref="ValidationOptions.RejectUnknownEndpointFields"/> is set, a member that
/// looks like a typo of a known field (see <see cref="FieldNames"/>) or that belongs to the envelope is
/// refused, and any other is kept, unchanged, in <see cref="HuaweiCloud.Models.CreateEndpointRequest.AdditionalProperties"/>
/// (sorted by name, so the same members always serialise, and hash, the same way) for the service to judge.
/// </para>
/// <para>
/// Each request, including each item of a batch, is its own document: its errors are capped at
/// <see cref="ValidationOptions.MaxErrors"/> separately, and a bad item does not spoil its siblings.
/// </para>
/// </remarks>
public sealed class ProvisioningRequestParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    private readonly EndpointRequestValidator validator;
    private readonly ShapeReader reader;
    private readonly int maxErrors;

    /// <summary>
    /// Initializes a new instance of the <see cref="ProvisioningRequestParser"/> class with the production callback rules
    /// (<see cref="CallbackTargetPolicy.Strict"/>: https to public addresses only).
    /// </summary>
    /// <param name="options">The limits to enforce; in tests, <c>Options.Create(new ValidationOptions())</c>.</param>
    public ProvisioningRequestParser(IOptions<ValidationOptions> options)
        : this(options, CallbackTargetPolicy.Strict)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProvisioningRequestParser"/> class.</summary>
    /// <param name="options">The limits to enforce.</param>
    /// <param name="callbackTargets">Where callbacks may go (<c>Notifications</c> settings); intake adds the DNS check.</param>
    public ProvisioningRequestParser(IOptions<ValidationOptions> options, CallbackTargetPolicy callbackTargets)
    {
        ArgumentNullException.ThrowIfNull(options);
        validator = new EndpointRequestValidator(options, callbackTargets);
        reader = new ShapeReader(passUnknownMembers: !options.Value.RejectUnknownEndpointFields);
        maxErrors = options.Value.MaxErrors;
    }

    /// <summary>Parses a webhook's provisioning request: a whole UTF-8 JSON document (a leading byte order mark is allowed).</summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The request and every problem; malformed JSON gives one <c>malformed_json</c> error at pointer "".</returns>
    public ParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        using JsonDocument? document = ReadJson(utf8Json, out ValidationError? malformed);
        return document is null
            ? new ParseResult(null, [malformed!])
            : ReadRequest(document.RootElement, "", RequestShape.Envelope);
    }

    /// <summary>Parses a webhook-shaped request that is part of a larger document.</summary>
    /// <param name="element">The request's JSON value.</param>
    /// <param name="pointer">Where <paramref name="element"/> sits in its document, for example <c>/requests/3</c>; "" for the root.</param>
    /// <returns>The request and every problem, with pointers below <paramref name="pointer"/>.</returns>
    public ParseResult Parse(JsonElement element, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return ReadRequest(element, pointer, RequestShape.Envelope);
    }

    /// <summary>
    /// Parses a queue message (UTF-8 JSON, a leading byte order mark allowed): a reference to a batch kept in a
    /// blob when it has <c>batch_ref</c>, a batch when it has a member only a batch has (<c>batch_id</c>,
    /// <c>requests</c>), otherwise one provisioning request; requests may carry <c>idempotency_key</c>s.
    /// </summary>
    /// <param name="utf8Json">The message.</param>
    /// <param name="maxBatchItems">The most requests a batch may carry (<see cref="Queues.QueueMessageOptions.MaxBatchItems"/>).</param>
    /// <returns>What the message is, with the request or the batch read from it.</returns>
    public QueueDocument ParseQueueMessage(ReadOnlySpan<byte> utf8Json, int maxBatchItems)
    {
        using JsonDocument? document = ReadJson(utf8Json, out ValidationError? malformed);
        if (document is null)
        {
            return new QueueDocument(QueueDocumentKind.Malformed, [malformed!]);
        }

        JsonElement message = document.RootElement;
        if (message.ValueKind != JsonValueKind.Object)
        {
            return new QueueDocument(QueueDocumentKind.NotAnObject,
                [new ValidationError("", ValidationCodes.WrongType, ShapeReader.WrongTypeMessage("The queue message", "an object", message.ValueKind))]);
        }

        if (RequestShape.IsBatchReference(message))
        {
            return ReadBatchReference(message);
        }

        if (RequestShape.IsBatch(message))
        {
            BatchParseResult batch = ReadBatch(message, RequestShape.Batch(maxBatchItems));
            return new QueueDocument(QueueDocumentKind.Batch, batch.Errors) { Batch = batch };
        }

        ParseResult request = ReadRequest(message, "", RequestShape.QueueRequest);
        return new QueueDocument(QueueDocumentKind.Request, request.Errors) { Request = request };
    }

    /// <summary>
    /// Parses a whole batch document <c>{batch_id, callback_url?, requests: [...]}</c> (UTF-8 JSON, a leading byte
    /// order mark allowed): the body of <c>POST /api/batches</c>, or the blob a queue message's <c>batch_ref</c> names.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="maxBatchItems">The most requests a batch may carry (<see cref="Queues.QueueMessageOptions.MaxBatchItems"/>).</param>
    /// <returns>
    /// The batch; a document that is not well-formed JSON or not an object has no items and one error at "". Members
    /// of a single request or of a reference (<c>batch_ref</c>) are unknown fields: a batch names its requests itself.
    /// </returns>
    public BatchParseResult ParseBatch(ReadOnlySpan<byte> utf8Json, int maxBatchItems)
    {
        using JsonDocument? document = ReadJson(utf8Json, out ValidationError? malformed);
        if (document is null)
        {
            return new BatchParseResult(null, null, [], [malformed!]);
        }

        JsonElement root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            ? ReadBatch(root, RequestShape.Batch(maxBatchItems))
            : new BatchParseResult(null, null, [],
                [new ValidationError("", ValidationCodes.WrongType, ShapeReader.WrongTypeMessage("The batch", "an object", root.ValueKind))]);
    }

    /// <summary>Reads a queue message that names the blob its batch is kept in.</summary>
    private QueueDocument ReadBatchReference(JsonElement message)
    {
        var errors = new ErrorCollector("", maxErrors);
        JsonObject read = reader.ReadObject(message, RequestShape.BatchReferenceMessage, errors);
        string? container = read[RequestShape.BatchReferenceMember]?["container"]?.GetValue<string>();
        string? blob = read[RequestShape.BatchReferenceMember]?["blob"]?.GetValue<string>();
        if (container is not null && !IsContainerName(container))
        {
            errors.At(RequestShape.BatchReferenceMember).At("container").Add(ValidationCodes.InvalidContainerName, RequestShape.ContainerNameRule);
        }

        IReadOnlyList<ValidationError> found = errors.ToList();
        return new QueueDocument(QueueDocumentKind.BatchReference, found)
        {
            Reference = found.Count == 0 && container is not null && blob is not null ? new BatchDocumentReference(container, blob) : null,
        };
    }

    /// <summary>Azure Storage's container naming rule (the length is the shape's): lowercase letters, digits, single inner hyphens.</summary>
    private static bool IsContainerName(string name) =>
        name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);

    /// <summary>Reads one request (a webhook's, a queue's, or a batch item) as a document of its own.</summary>
    private ParseResult ReadRequest(JsonElement element, string pointer, ObjectShape shape)
    {
        var errors = new ErrorCollector(pointer, maxErrors);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.AddUnreadable(ValidationCodes.WrongType, ShapeReader.WrongTypeMessage("The provisioning request", "an object", element.ValueKind));
            return new ParseResult(null, errors.ToList());
        }

        JsonObject read = reader.ReadObject(element, shape, errors);
        bool wellShaped = errors.Count == 0;

        // The key is the message's, not the request's: it is not part of what the workflow provisions.
        string? idempotencyKey = read[RequestShape.IdempotencyKeyMember]?.GetValue<string>();
        read.Remove(RequestShape.IdempotencyKeyMember);
        ProvisioningRequest request = read.Deserialize<ProvisioningRequest>()
            ?? throw new InvalidOperationException("A JSON object deserialized to null.");

        validator.Validate(request, errors.SkippingUnreadable());
        return new ParseResult(wellShaped ? request : null, errors.ToList()) { IdempotencyKey = idempotencyKey };
    }

    /// <summary>Reads a batch: its envelope, then each item as a request of its own.</summary>
    private BatchParseResult ReadBatch(JsonElement message, ObjectShape shape)
    {
        var errors = new ErrorCollector("", maxErrors);
        var documents = new List<NestedDocument>();
        JsonObject read = reader.ReadObject(message, shape, errors, documents);
        string? batchId = read["batch_id"]?.GetValue<string>();
        string? callbackUrl = read["callback_url"]?.GetValue<string>();
        if (callbackUrl is not null)
        {
            validator.ValidateCallbackUrl(callbackUrl, errors.SkippingUnreadable().At("callback_url"));
        }

        var requests = new List<ParseResult>(documents.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (NestedDocument item in documents)
        {
            ParseResult parsed = ReadRequest(item.Value, item.Pointer, item.Shape);

            // Two items with one key would be one workflow: the later item is refused, whatever else it has.
            if (parsed.IdempotencyKey is { } key && !keys.Add(key))
            {
                var duplicate = new ErrorCollector(item.Pointer, maxErrors);
                duplicate.At(RequestShape.IdempotencyKeyMember).Add(ValidationCodes.DuplicateIdempotencyKey,
                    $"The idempotency_key '{key}' is used by an earlier item of this batch.");
                parsed = new ParseResult(null, duplicate.ToList()) { IdempotencyKey = key };
            }

            requests.Add(parsed);
        }

        return new BatchParseResult(batchId, callbackUrl, requests, errors.ToList());
    }

    /// <summary>Reads exactly one JSON value; null (and the error) when the text is not UTF-8 or not well-formed JSON.</summary>
    private static JsonDocument? ReadJson(ReadOnlySpan<byte> utf8Json, out ValidationError? malformed)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        // The reader checks UTF-8 only where it must; a bad byte inside a string would surface later.
        if (!Utf8.IsValid(utf8Json))
        {
            malformed = InvalidUtf8(utf8Json);
            return null;
        }

        var jsonReader = new Utf8JsonReader(utf8Json, ReaderOptions);
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.ParseValue(ref jsonReader);

            // ParseValue stops after the first value; anything but white space after it is an error.
            jsonReader.Read();
            malformed = null;
            return document;
        }
        catch (JsonException exception)
        {
            document?.Dispose();
            malformed = MalformedJson(exception);
            return null;
        }
    }

    private static ValidationError InvalidUtf8(ReadOnlySpan<byte> utf8Json)
    {
        int offset = 0;
        int line = 1;
        int lineStart = 0;
        while (Rune.DecodeFromUtf8(utf8Json[offset..], out _, out int consumed) == OperationStatus.Done)
        {
            if (utf8Json[offset] == (byte)'\n')
            {
                line++;
                lineStart = offset + 1;
            }

            offset += consumed;
        }

        return new ValidationError("", ValidationCodes.MalformedJson,
            string.Create(CultureInfo.InvariantCulture, $"The request is not valid UTF-8: a bad byte at line {line}, byte {offset - lineStart + 1}."));
    }

    private static ValidationError MalformedJson(JsonException exception)
    {
        // The reader's message ends with its own zero-based position; report it one-based instead.
        string reason = exception.Message;
        int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        string where = exception.LineNumber is long line && exception.BytePositionInLine is long position
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {position + 1}")
            : "";
        return new ValidationError("", ValidationCodes.MalformedJson, $"The request is not well-formed JSON{where}: {reason.TrimEnd()}");
    }
}
