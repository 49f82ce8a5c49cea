using Vpcep.Provisioning.Queues;

namespace Vpcep.Provisioning.Validation;

/// <summary>What a queue message turned out to be.</summary>
public enum QueueDocumentKind
{
    /// <summary>Not UTF-8, or not exactly one well-formed JSON value.</summary>
    Malformed,

    /// <summary>Well-formed JSON, but not an object.</summary>
    NotAnObject,

    /// <summary>One provisioning request: <see cref="QueueDocument.Request"/>.</summary>
    Request,

    /// <summary>A batch (the message has <c>batch_id</c> or <c>requests</c>): <see cref="QueueDocument.Batch"/>.</summary>
    Batch,

    /// <summary>
    /// A batch kept in a blob (the message has <c>batch_ref</c>, a claim check): <see cref="QueueDocument.Reference"/>
    /// when the reference is valid. The blob's content is read with <see cref="ProvisioningRequestParser.ParseBatch"/>.
    /// </summary>
    BatchReference,
}

/// <summary>The outcome of <see cref="ProvisioningRequestParser.ParseQueueMessage"/>.</summary>
/// <param name="Kind">What the message is.</param>
/// <param name="Errors">
/// The message's problems: the request's for <see cref="QueueDocumentKind.Request"/>, the batch's own (not its
/// items') for <see cref="QueueDocumentKind.Batch"/>, the reference's for <see cref="QueueDocumentKind.BatchReference"/>,
/// one error at "" otherwise.
/// </param>
public sealed record QueueDocument(QueueDocumentKind Kind, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Gets the request, for <see cref="QueueDocumentKind.Request"/>.</summary>
    public ParseResult? Request { get; init; }

    /// <summary>Gets the batch, for <see cref="QueueDocumentKind.Batch"/>.</summary>
    public BatchParseResult? Batch { get; init; }

    /// <summary>Gets where the batch is kept, for a valid <see cref="QueueDocumentKind.BatchReference"/>.</summary>
    public BatchDocumentReference? Reference { get; init; }
}
