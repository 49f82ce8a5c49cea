using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Storage;

/// <summary>
/// Reads a batch a queue message references from the storage account the host reads its queue from. A blob that
/// is missing, too large or refused to the host's credentials is a permanent verdict (the message goes to the poison
/// queue with the reason); an outage or a throttled request throws, so the message is retried.
/// </summary>
public sealed class BlobBatchDocumentReader(BlobServiceClient service) : IBatchDocumentReader
{
    /// <inheritdoc/>
    public async Task<BatchDocumentRead> ReadAsync(BatchDocumentReference reference, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        BlobClient blob = service.GetBlobContainerClient(reference.Container).GetBlobClient(reference.Blob);
        try
        {
            Response<BlobDownloadStreamingResult> response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            using BlobDownloadStreamingResult download = response.Value;
            if (download.Details.ContentLength > maxBytes)
            {
                return TooLarge(download.Details.ContentLength, maxBytes);
            }

            // The length is checked again while reading: the header is the service's word, the bytes are what counts.
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = await download.Content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return TooLarge(buffer.Length + read, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return BatchDocumentRead.Found(buffer.ToArray());
        }
        catch (RequestFailedException ex) when (IsPermanent(ex.Status))
        {
            return BatchDocumentRead.Unreadable(Describe(ex));
        }
    }

    /// <summary>
    /// Whether an answer of the service will be the same next time: a client error (the blob or container does not
    /// exist, the credentials may not read it, the blob is archived), but not a timeout or throttling, nor a server
    /// error or no answer at all (status 0), which may pass.
    /// </summary>
    internal static bool IsPermanent(int status) => status is >= 400 and < 500 and not 408 and not 429;

    private static BatchDocumentRead TooLarge(long length, int maxBytes) =>
        BatchDocumentRead.Unreadable(string.Create(
            CultureInfo.InvariantCulture,
            $"it holds {length} bytes, more than the {maxBytes} a batch may have (ProvisioningQueue:MaxBatchBytes)."));

    private static string Describe(RequestFailedException ex) => ex.ErrorCode switch
    {
        "BlobNotFound" => "the blob does not exist.",
        "ContainerNotFound" => "the container does not exist.",
        "AuthorizationFailure" or "AuthorizationPermissionMismatch" or "AuthenticationFailed" =>
            $"the host's storage credentials may not read it ({ex.ErrorCode}).",
        _ => string.Create(CultureInfo.InvariantCulture, $"storage answered {ex.Status} {ex.ErrorCode}."),
    };
}
