using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Vpcep.Enqueue;

/// <summary>
/// <c>enqueue [FILE|-] [--connection-string CS] [--queue NAME] [--base64] [--container NAME] [--blob]</c>: sends the
/// JSON in FILE (or standard input) as one message. A batch too large for one message (64 KiB) is uploaded as a blob
/// of the same storage account and the message references it (<c>{"batch_ref": {"container", "blob"}}</c>, a claim
/// check); <c>--blob</c> does that for any batch. The JSON is only checked to be well formed; the service validates it
/// and reports problems per item.
/// </summary>
/// <remarks>
/// A large batch is referenced, not split: split parts would be separate batches, with their own ids, summaries and
/// status URLs, items keyed by new positions, and a failure half-way would leave half a batch enqueued.
/// </remarks>
public static class EnqueueCommand
{
    /// <summary>The queue the hosts read by default.</summary>
    public const string DefaultQueue = "vpcep-provisioning-requests";

    /// <summary>The container large batches are uploaded to by default.</summary>
    public const string DefaultContainer = "vpcep-batches";

    /// <summary>The most bytes (UTF-8) a queue message may hold (Azure Storage and Azurite alike).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private const string Usage = "usage: enqueue [FILE|-] [--connection-string CS] [--queue NAME] [--base64] [--container NAME] [--blob]";

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? file = null;
        string connectionString = Environment.GetEnvironmentVariable("AZURE_STORAGE_CONNECTION_STRING") ?? "UseDevelopmentStorage=true";
        string queueName = DefaultQueue;
        string containerName = DefaultContainer;
        bool base64 = false;
        bool alwaysBlob = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection-string" when i + 1 < args.Length: connectionString = args[++i]; break;
                case "--queue" when i + 1 < args.Length: queueName = args[++i]; break;
                case "--container" when i + 1 < args.Length: containerName = args[++i]; break;
                case "--base64": base64 = true; break;
                case "--blob": alwaysBlob = true; break;
                case "-h" or "--help":
                    await output.WriteLineAsync(Usage);
                    return 0;
                default:
                    if (file is not null || args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        await error.WriteLineAsync($"enqueue: unexpected argument '{args[i]}' (see --help)");
                        return 2;
                    }

                    file = args[i];
                    break;
            }
        }

        string text = file is null or "-" ? await input.ReadToEndAsync() : await File.ReadAllTextAsync(file);
        bool isBatch;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            text = JsonSerializer.Serialize(document.RootElement);
            isBatch = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("requests", out _);
        }
        catch (JsonException ex)
        {
            await error.WriteLineAsync($"enqueue: the input is not valid JSON: {ex.Message}");
            return 2;
        }

        int textBytes = Encoding.UTF8.GetByteCount(text);
        bool fits = MessageBytes(text, base64) <= MaxMessageBytes;
        if (!fits && !isBatch)
        {
            await error.WriteLineAsync(
                $"enqueue: the message is {textBytes} bytes, more than the {MaxMessageBytes} a queue message holds, and only a batch ({{\"batch_id\", \"requests\"}}) can be sent by reference.");
            return 2;
        }

        if ((alwaysBlob || !fits) && !isBatch)
        {
            await error.WriteLineAsync("enqueue: --blob needs a batch ({\"batch_id\", \"requests\"}).");
            return 2;
        }

        try
        {
            string message = text;
            if (alwaysBlob || !fits)
            {
                // Named by its content: sending the same file again reuses the blob, and a changed file never
                // overwrites a blob an earlier message still references.
                string blobName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + ".json";
                var container = new BlobContainerClient(connectionString, containerName);
                await container.CreateIfNotExistsAsync();
                await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true);
                message = new JsonObject { ["batch_ref"] = new JsonObject { ["container"] = containerName, ["blob"] = blobName } }.ToJsonString();
                await output.WriteLineAsync(
                    $"the batch is {textBytes} bytes{(fits ? "" : $", more than the {MaxMessageBytes} a queue message holds")}: uploaded it as blob {containerName}/{blobName}; the message references it");
            }

            var queue = new QueueClient(connectionString, queueName);
            await queue.CreateIfNotExistsAsync();
            var receipt = await queue.SendMessageAsync(base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(message)) : message);
            await output.WriteLineAsync($"enqueued message {receipt.Value.MessageId} on {queueName} ({Encoding.UTF8.GetByteCount(message)} bytes)");
            return 0;
        }
        catch (Exception ex) when (ex is RequestFailedException or FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"enqueue: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The size of the message as the queue counts it: its text in UTF-8, after base64 when asked for.</summary>
    private static int MessageBytes(string text, bool base64)
    {
        int bytes = Encoding.UTF8.GetByteCount(text);
        return base64 ? (bytes + 2) / 3 * 4 : bytes;
    }
}
