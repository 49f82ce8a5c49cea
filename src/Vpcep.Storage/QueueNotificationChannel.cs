using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Storage;

/// <summary>
/// The <c>queue</c> channel: puts the event on an Azure Storage queue of the host's storage account for consumers that
/// would rather read a queue than run a webhook receiver. The target is the queue's name (by default
/// <see cref="NotificationOptions.QueueName"/>); the queue is created when missing, once per process.
/// </summary>
/// <remarks>
/// <para>
/// The message text is the JSON envelope of <see cref="NotificationEnvelope"/> (<c>id</c>, <c>type</c>, <c>subject</c>,
/// <c>timestamp</c> and, in <c>data</c>, the document the webhook gets), so a consumer de-duplicates on <c>id</c>. It is
/// base64 (of the UTF-8 JSON) unless <see cref="NotificationOptions.QueueMessageEncoding"/> says <c>none</c>: an Azure
/// Functions queue trigger expects base64 by default (Azure Functions storage queue extension, host.json
/// <c>extensions.queues.messageEncoding</c>, "base64" by default, or "none"; <c>QueueTriggerAttribute</c>: "By default
/// messages received from the queue are expected to be Base64-encoded").
/// </para>
/// <para>
/// A queue message holds 64 KiB of text (Queue Service REST API, "Put Message"; <see cref="QueueClient.MessageMaxBytes"/>),
/// which base64 leaves 48 KiB of JSON, and a batch summary of hundreds of items is more. Such an envelope is uploaded to a
/// blob of the same name as the queue, in a container of the same name (queue and container names follow the same
/// rules), as <c>{event id}.json</c>, and the message carries the envelope without <c>data</c> and with
/// <c>"data_ref": {"container", "blob"}</c>: the claim check the provisioning queue's batches use (<c>batch_ref</c>).
/// A retry writes the same blob again. Blobs are kept; a lifecycle rule of the account can expire them.
/// </para>
/// <para>
/// Verdicts: the message was put, delivered; no answer, a timeout, throttling (429, 503) or another 5xx, retry; 401 and
/// 403 (a wrong key, an expired SAS, a missing role) retry too, since an operator can fix them while the retries go on,
/// and so do 404 (the queue was deleted after this process created it: the next attempt creates it again) and 409 (a
/// queue being deleted); a target that is not a queue name, a body that is not JSON, or any other 4xx (the request itself
/// is wrong, sending it again cannot help), refused.
/// </para>
/// </remarks>
public sealed class QueueNotificationChannel : INotificationChannel
{
    /// <summary>The longest message text a queue takes, in UTF-8 bytes.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly QueueServiceClient queues;
    private readonly BlobServiceClient blobs;
    private readonly IOptions<NotificationOptions> options;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Task> queuesReady = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> containersReady = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="QueueNotificationChannel"/> class.</summary>
    /// <param name="queues">The account's queue service (<see cref="ClientOptions"/> suits it).</param>
    /// <param name="blobs">The same account's blob service, for envelopes too large for a message.</param>
    /// <param name="options">The <c>Notifications</c> settings (<see cref="NotificationOptions.QueueMessageEncoding"/>).</param>
    /// <param name="time">The clock of the envelope's <c>timestamp</c>.</param>
    public QueueNotificationChannel(QueueServiceClient queues, BlobServiceClient blobs, IOptions<NotificationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.queues = queues;
        this.blobs = blobs;
        this.options = options;
        this.time = time;
    }

    /// <inheritdoc/>
    public string Name => NotificationChannels.Queue;

    /// <summary>
    /// Client settings for the channel's storage clients: a few quick retries of the SDK's own, then the orchestration's
    /// schedule takes over; the message text is passed as it is (the channel encodes it).
    /// </summary>
    public static QueueClientOptions ClientOptions() => new()
    {
        MessageEncoding = QueueMessageEncoding.None,
        Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(30) },
    };

    /// <summary>Blob client settings to go with <see cref="ClientOptions"/>.</summary>
    public static BlobClientOptions BlobClientOptions() => new()
    {
        Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(30) },
    };

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(NotificationMessage message, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsQueueName(target))
        {
            return Refused($"'{target}' is not a queue name: 3 to 63 lower-case letters, digits and single dashes, starting and ending with a letter or digit.");
        }

        DateTimeOffset now = time.GetUtcNow();
        byte[] envelope;
        try
        {
            envelope = NotificationEnvelope.Write(message, now);
        }
        catch (JsonException ex)
        {
            return Refused("The notification's body is not JSON: " + ex.Message);
        }

        bool base64 = options.Value.QueueMessageEncoding != QueueMessageEncodings.None;
        string text = Encode(envelope, base64);
        try
        {
            if (Encoding.UTF8.GetByteCount(text) > MaxMessageBytes)
            {
                string blobName = message.EventId + ".json";
                await EnsureCreatedAsync(containersReady, target, () => blobs.GetBlobContainerClient(target).CreateIfNotExistsAsync(cancellationToken: CancellationToken.None), cancellationToken);
                await blobs.GetBlobContainerClient(target).GetBlobClient(blobName).UploadAsync(
                    BinaryData.FromBytes(envelope),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                    cancellationToken);
                text = Encode(NotificationEnvelope.WriteReference(message, now, target, blobName), base64);
            }

            await EnsureCreatedAsync(queuesReady, target, () => queues.GetQueueClient(target).CreateIfNotExistsAsync(cancellationToken: CancellationToken.None), cancellationToken);
            Response<SendReceipt> sent = await queues.GetQueueClient(target).SendMessageAsync(text, cancellationToken);
            return DeliveryResult.Delivered(sent.GetRawResponse().Status);
        }
        catch (RequestFailedException ex)
        {
            return VerdictOf(ex, target);
        }
        catch (Exception ex) when (ex is AggregateException or HttpRequestException or IOException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The SDK's own retries ran out without an answer (it throws AggregateException then), or no answer came in time.
            return new DeliveryResult(DeliveryVerdicts.Retry, Error: $"The storage account's queue {target} could not be reached: {ex.Message}");
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a queue name: 3 to 63 characters, lower-case letters, digits and dashes, starting
    /// and ending with a letter or digit, no two dashes in a row (Queue Service REST API, "Naming queues and metadata").
    /// </summary>
    public static bool IsQueueName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-' && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);

    private static string Encode(byte[] json, bool base64) => base64 ? Convert.ToBase64String(json) : Encoding.UTF8.GetString(json);

    /// <summary>Creates a queue or container once per process; a failed creation is tried again by the next attempt.</summary>
    private Task EnsureCreatedAsync(Dictionary<string, Task> ready, string name, Func<Task> create, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!ready.TryGetValue(name, out Task? creation) || creation.IsFaulted || creation.IsCanceled)
            {
                creation = create();
                ready[name] = creation;
            }

            return creation.WaitAsync(cancellationToken);
        }
    }

    private DeliveryResult VerdictOf(RequestFailedException error, string queue)
    {
        string answered = string.Create(CultureInfo.InvariantCulture, $"Storage answered {error.Status} {error.ErrorCode} for queue {queue}");
        switch (error.Status)
        {
            case 401 or 403:
                return new DeliveryResult(
                    DeliveryVerdicts.Retry, error.Status, answered + ": the host's storage credentials may not write it (an operator can fix them; retries go on).");
            case 404:
                // Deleted after this process created it: the next attempt creates it again.
                lock (gate)
                {
                    queuesReady.Remove(queue);
                    containersReady.Remove(queue);
                }

                return new DeliveryResult(DeliveryVerdicts.Retry, error.Status, answered + "; it is created again on the next attempt.");
            case 0 or 408 or 409 or 429 or >= 500:
                return new DeliveryResult(DeliveryVerdicts.Retry, error.Status, answered + ".");
            default:
                return new DeliveryResult(DeliveryVerdicts.Refused, error.Status, answered + ": the request itself was refused.");
        }
    }

    private static DeliveryResult Refused(string error) => new(DeliveryVerdicts.Refused, Error: error);
}
