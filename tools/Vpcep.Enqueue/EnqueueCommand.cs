using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;

namespace Vpcep.Enqueue;

/// <summary>
/// <c>enqueue [FILE|-] [--connection-string CS] [--queue NAME] [--base64]</c>: sends the JSON in FILE
/// (or standard input) as one message. The JSON is only checked to be well formed; the service
/// validates it and reports problems per item.
/// </summary>
public static class EnqueueCommand
{
    /// <summary>The queue the hosts read by default.</summary>
    public const string DefaultQueue = "vpcep-provisioning-requests";

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
        bool base64 = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--connection-string" when i + 1 < args.Length: connectionString = args[++i]; break;
                case "--queue" when i + 1 < args.Length: queueName = args[++i]; break;
                case "--base64": base64 = true; break;
                case "-h" or "--help":
                    await output.WriteLineAsync("usage: enqueue [FILE|-] [--connection-string CS] [--queue NAME] [--base64]").ConfigureAwait(false);
                    return 0;
                default:
                    if (file is not null || args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        await error.WriteLineAsync($"enqueue: unexpected argument '{args[i]}' (see --help)").ConfigureAwait(false);
                        return 2;
                    }

                    file = args[i];
                    break;
            }
        }

        string text = file is null or "-" ? await input.ReadToEndAsync().ConfigureAwait(false) : await File.ReadAllTextAsync(file).ConfigureAwait(false);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            text = JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException ex)
        {
            await error.WriteLineAsync($"enqueue: the input is not valid JSON: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var queue = new QueueClient(connectionString, queueName);
            await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
            var receipt = await queue.SendMessageAsync(base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : text).ConfigureAwait(false);
            await output.WriteLineAsync($"enqueued message {receipt.Value.MessageId} on {queueName} ({Encoding.UTF8.GetByteCount(text)} bytes)").ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is RequestFailedException or FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"enqueue: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
