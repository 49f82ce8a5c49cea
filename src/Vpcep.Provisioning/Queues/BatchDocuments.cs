using System.Text.Json.Serialization;

namespace Vpcep.Provisioning.Queues;

/// <summary>
/// Where a batch too large for one queue message is kept: a blob in the same storage account as the queue (a
/// claim check). The queue message is <c>{"batch_ref": {"container": "...", "blob": "..."}}</c>.
/// </summary>
/// <param name="Container">The blob container.</param>
/// <param name="Blob">The blob's name within <paramref name="Container"/>.</param>
public sealed record BatchDocumentReference(
    [property: JsonPropertyName("container")] string Container,
    [property: JsonPropertyName("blob")] string Blob)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Container}/{Blob}";
}

/// <summary>What reading a referenced batch gave: its content, or why it can never be read.</summary>
/// <param name="Content">The blob's bytes; null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">Why the blob can never be read as it stands (missing, too large, not readable with the host's credentials).</param>
public sealed record BatchDocumentRead(byte[]? Content, string? Problem)
{
    /// <summary>The blob was read.</summary>
    public static BatchDocumentRead Found(byte[] content) => new(content, null);

    /// <summary>The blob cannot be read, and trying again will not change that.</summary>
    public static BatchDocumentRead Unreadable(string problem) => new(null, problem);
}

/// <summary>
/// Reads batches kept in blobs for <see cref="QueueMessageIntake"/>. The implementation lives with the host's storage
/// SDK (Vpcep.Storage), so the workflow stays free of it; hosts without storage keep <see cref="NoBatchDocumentReader"/>.
/// </summary>
public interface IBatchDocumentReader
{
    /// <summary>Reads the batch document at <paramref name="reference"/>.</summary>
    /// <param name="reference">Where the batch is kept.</param>
    /// <param name="maxBytes">The largest document accepted; a larger blob is <see cref="BatchDocumentRead.Unreadable"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, or a permanent problem. A failure that may pass (storage unavailable) throws instead.</returns>
    Task<BatchDocumentRead> ReadAsync(BatchDocumentReference reference, int maxBytes, CancellationToken cancellationToken);
}

/// <summary>The reader of a host that has no blob storage: every reference is refused, with that reason.</summary>
public sealed class NoBatchDocumentReader : IBatchDocumentReader
{
    /// <inheritdoc/>
    public Task<BatchDocumentRead> ReadAsync(BatchDocumentReference reference, int maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult(BatchDocumentRead.Unreadable("This host is not configured to read batches from blob storage."));
}
