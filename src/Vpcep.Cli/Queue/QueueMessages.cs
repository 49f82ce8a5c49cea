using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpcep.Cli.Queue;

/// <summary>How a batch too large for one queue message is sent.</summary>
internal enum LargeBatch
{
    /// <summary>Uploaded as a blob of the same account, and the message references it (a claim check).</summary>
    Blob,

    /// <summary>Split into several batches, each one message, with derived batch ids.</summary>
    Split,
}

/// <summary>One message to put on the queue, and the blob it references, if any.</summary>
/// <param name="Text">The message's JSON.</param>
/// <param name="BatchId">The batch it carries or references, if it is a batch.</param>
/// <param name="Blob">The blob to upload first (name and content) for a claim check.</param>
internal sealed record PlannedMessage(string Text, string? BatchId, (string Name, string Content)? Blob);

/// <summary>
/// Turns a document into the queue messages that carry it (README "Queue messages and batches"): one request or a batch
/// as it is when it fits one message; a larger batch as a blob the message references (<c>{"batch_ref": {"container",
/// "blob"}}</c>), or split into batches with derived ids when asked. Checks only that the JSON is well formed and of
/// the right kind; the service validates the rest and reports problems per item.
/// </summary>
internal static class QueueMessages
{
    /// <summary>The most bytes (UTF-8) a queue message may hold (Azure Storage and Azurite alike: "Put Message", 64 KiB).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The longest batch id the service takes (docs/validation-rules.md, <c>batch_id</c>).</summary>
    public const int MaxBatchIdLength = 128;

    /// <summary>The messages for <paramref name="text"/>.</summary>
    /// <param name="text">The document: one request or a batch.</param>
    /// <param name="base64">Whether messages are sent base64-encoded (as the Functions queue output binding writes them).</param>
    /// <param name="alwaysBlob">Upload the batch as a blob even when it fits one message.</param>
    /// <param name="large">What to do with a batch too large for one message.</param>
    /// <param name="container">The container of claim-check blobs.</param>
    public static IReadOnlyList<PlannedMessage> Plan(string text, bool base64, bool alwaysBlob, LargeBatch large, string container)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"the input is not valid JSON: {ex.Message}", ex);
        }

        if (root is not JsonObject document)
        {
            throw new UsageException("the input is not a JSON object (one request, or a batch {\"batch_id\", \"requests\"}).");
        }

        string compact = document.ToJsonString();
        bool isBatch = document["requests"] is JsonArray;
        string? batchId = isBatch ? document["batch_id"]?.GetValueKind() == JsonValueKind.String ? document["batch_id"]!.GetValue<string>() : null : null;
        bool fits = MessageBytes(compact, base64) <= MaxMessageBytes;
        if (!isBatch)
        {
            if (alwaysBlob || large == LargeBatch.Split && !fits)
            {
                throw new UsageException("--blob and --split need a batch ({\"batch_id\", \"requests\"}), not a single request.");
            }

            if (!fits)
            {
                throw new UsageException(
                    $"the message is {Encoding.UTF8.GetByteCount(compact)} bytes, more than the {MaxMessageBytes} a queue message holds, and only a batch ({{\"batch_id\", \"requests\"}}) can be sent by reference.");
            }

            return [new PlannedMessage(compact, null, null)];
        }

        if (fits && !alwaysBlob)
        {
            return [new PlannedMessage(compact, batchId, null)];
        }

        if (large == LargeBatch.Split && !alwaysBlob)
        {
            return Split(document, batchId, base64);
        }

        // Named by its content: sending the same file again reuses the blob, and a changed file never overwrites a
        // blob an earlier message still references.
        string blobName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(compact))) + ".json";
        string reference = new JsonObject { ["batch_ref"] = new JsonObject { ["container"] = container, ["blob"] = blobName } }.ToJsonString();
        return [new PlannedMessage(reference, batchId, (blobName, compact))];
    }

    /// <summary>The size of a message as the queue counts it: its text in UTF-8, after base64 when asked for.</summary>
    public static int MessageBytes(string text, bool base64)
    {
        int bytes = Encoding.UTF8.GetByteCount(text);
        return base64 ? (bytes + 2) / 3 * 4 : bytes;
    }

    /// <summary>
    /// Splits a batch into parts that each fit one message, in order, as <c>{batch_id}-part-{k}-of-{n}</c>: each part is a
    /// batch of its own (own status URL and summary), its items keyed by their position in the part. The same file split
    /// again gives the same parts, so sending it twice starts nothing new.
    /// </summary>
    private static List<PlannedMessage> Split(JsonObject document, string? batchId, bool base64)
    {
        if (string.IsNullOrEmpty(batchId))
        {
            throw new UsageException("--split needs the batch's batch_id, to derive the parts' ids from it.");
        }

        JsonArray requests = document["requests"]!.AsArray();
        string[] items = [.. requests.Select(r => r?.ToJsonString() ?? "null")];
        string longestId = PartId(batchId, items.Length, items.Length);
        if (longestId.Length > MaxBatchIdLength)
        {
            throw new UsageException($"--split: the parts' batch ids ('{longestId}') would be longer than the {MaxBatchIdLength} characters a batch id may have.");
        }

        var parts = new List<List<string>> { new() };
        foreach ((string item, int index) in items.Select((item, index) => (item, index)))
        {
            List<string> current = parts[^1];
            current.Add(item);
            if (MessageBytes(Part(document, longestId, current), base64) <= MaxMessageBytes)
            {
                continue;
            }

            current.RemoveAt(current.Count - 1);
            if (current.Count == 0 || MessageBytes(Part(document, longestId, [item]), base64) > MaxMessageBytes)
            {
                throw new UsageException($"--split: request {index.ToString(CultureInfo.InvariantCulture)} alone is too large for one queue message; send the batch without --split (as a blob).");
            }

            parts.Add([item]);
        }

        return [.. parts.Select((part, k) =>
        {
            string id = PartId(batchId, k + 1, parts.Count);
            return new PlannedMessage(Part(document, id, part), id, null);
        })];
    }

    private static string PartId(string batchId, int part, int parts) =>
        string.Create(CultureInfo.InvariantCulture, $"{batchId}-part-{part}-of-{parts}");

    private static string Part(JsonObject document, string batchId, List<string> items)
    {
        var part = new JsonObject();
        foreach ((string name, JsonNode? value) in document)
        {
            part[name] = name switch
            {
                "batch_id" => batchId,
                "requests" => new JsonArray([.. items.Select(i => JsonNode.Parse(i))]),
                _ => value?.DeepClone(),
            };
        }

        return part.ToJsonString();
    }
}
