using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Vpcep.Cli.Queue;
using Vpcep.StorageAccounts;

namespace Vpcep.Cli.Commands;

/// <summary>
/// <c>vpcep enqueue FILE [--connection-string CS | --account-name N] [--queue NAME] [--base64] [--container NAME]
/// [--blob | --split]</c>: puts one request or a batch on the provisioning queue both hosts read (README "Queue
/// messages and batches"); a batch too large for one message goes as a blob the message references, or, with
/// <c>--split</c>, as several batches.
/// </summary>
internal static class EnqueueCommand
{
    /// <summary>The queue the hosts read by default (<c>ProvisioningQueue:QueueName</c>).</summary>
    public const string DefaultQueue = "vpcep-provisioning-requests";

    /// <summary>The container large batches are uploaded to by default.</summary>
    public const string DefaultContainer = "vpcep-batches";

    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The message: one request or a batch (JSON), or - for standard input" };
        var connectionString = new Option<string?>("--connection-string")
        {
            Description = "The storage account's connection string [env AZURE_STORAGE_CONNECTION_STRING; default UseDevelopmentStorage=true, Azurite]",
            HelpName = "CS",
        };
        var accountName = new Option<string?>("--account-name") { Description = "The storage account's name, reached with your Microsoft Entra sign-in (DefaultAzureCredential) instead", HelpName = "NAME" };
        var clientId = new Option<string?>("--client-id") { Description = "With --account-name: the user-assigned managed identity to use", HelpName = "ID" };
        var queue = new Option<string>("--queue") { Description = "The provisioning queue", HelpName = "NAME", DefaultValueFactory = _ => DefaultQueue };
        var base64 = new Option<bool>("--base64") { Description = "Send the message base64-encoded, as the Functions queue output binding writes it" };
        var container = new Option<string>("--container") { Description = "The container a large batch is uploaded to", HelpName = "NAME", DefaultValueFactory = _ => DefaultContainer };
        var blob = new Option<bool>("--blob") { Description = "Upload the batch as a blob and enqueue a reference to it, even when it fits one message" };
        var split = new Option<bool>("--split") { Description = "Split a batch too large for one message into batches {batch_id}-part-K-of-N, each one message, instead of a blob" };
        var command = new Command("enqueue", "Put one request or a batch on the provisioning queue (a batch over 64 KiB as a blob the message references, or --split)")
        {
            file, connectionString, accountName, clientId, queue, base64, container, blob, split,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(connectionString) is not null && result.GetResult(accountName) is not null)
            {
                result.AddError("--connection-string and --account-name name the account two ways; give one.");
            }

            if (result.GetResult(clientId) is not null && result.GetResult(accountName) is null)
            {
                result.AddError("--client-id needs --account-name.");
            }

            if (result.GetValue(blob) && result.GetValue(split))
            {
                result.AddError("--blob and --split are two ways to send a large batch; give one.");
            }
        });
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            async (run, token) =>
            {
                StorageConnection storage = parse.GetValue(accountName) is { } name
                    ? StorageConnection.FromIdentity(name, parse.GetValue(clientId))
                    : StorageConnection.FromConnectionString(
                        parse.GetValue(connectionString) ?? console.Environment("AZURE_STORAGE_CONNECTION_STRING") ?? StorageConnection.DevelopmentStorage);
                string text = await run.ReadDocumentAsync(parse.GetValue(file)!, token);
                IReadOnlyList<PlannedMessage> messages = QueueMessages.Plan(
                    text, parse.GetValue(base64), parse.GetValue(blob), parse.GetValue(split) ? LargeBatch.Split : LargeBatch.Blob, parse.GetValue(container)!);
                return await SendAsync(run, storage, parse.GetValue(queue)!, parse.GetValue(container)!, parse.GetValue(base64), messages, token);
            },
            cancellationToken));
        return command;
    }

    private static async Task<ExitCode> SendAsync(
        Invocation run, StorageConnection storage, string queueName, string containerName, bool base64, IReadOnlyList<PlannedMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            QueueClient queue = storage.CreateQueueClient(queueName);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            BlobContainerClient? container = null;
            foreach (PlannedMessage message in messages)
            {
                if (message.Blob is { } blob)
                {
                    container ??= storage.CreateBlobServiceClient().GetBlobContainerClient(containerName);
                    await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    await container.GetBlobClient(blob.Name).UploadAsync(BinaryData.FromString(blob.Content), overwrite: true, cancellationToken);
                    if (!run.Json)
                    {
                        int bytes = Encoding.UTF8.GetByteCount(blob.Content);
                        bool fits = QueueMessages.MessageBytes(blob.Content, base64) <= QueueMessages.MaxMessageBytes;
                        await run.Console.Out.WriteLineAsync(
                            $"the batch is {bytes} bytes{(fits ? "" : $", more than the {QueueMessages.MaxMessageBytes} a queue message holds")}: uploaded it as blob {containerName}/{blob.Name}; the message references it");
                    }
                }

                string text = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Text)) : message.Text;
                Response<Azure.Storage.Queues.Models.SendReceipt> receipt = await queue.SendMessageAsync(text, cancellationToken);
                if (run.Json)
                {
                    var line = new JsonObject
                    {
                        ["message_id"] = receipt.Value.MessageId,
                        ["queue"] = queueName,
                        ["bytes"] = Encoding.UTF8.GetByteCount(text),
                        ["batch_id"] = message.BatchId,
                        ["blob"] = message.Blob is { } b ? $"{containerName}/{b.Name}" : null,
                    };
                    await run.Console.Out.WriteLineAsync(line.ToJsonString());
                }
                else
                {
                    await run.Console.Out.WriteLineAsync(
                        $"enqueued message {receipt.Value.MessageId} on {queueName} ({Encoding.UTF8.GetByteCount(text)} bytes){(message.BatchId is { } id && messages.Count > 1 ? $": batch {id}" : "")}");
                }
            }

            return ExitCode.Success;
        }
        catch (RequestFailedException ex)
        {
            await run.Console.Error.WriteLineAsync($"vpcep enqueue: storage refused or failed ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0]}");
            return ex.Status is >= 400 and < 500 and not 408 and not 429 ? ExitCode.Refused : ExitCode.Unavailable;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new UsageException($"the storage account settings are not usable: {ex.Message}", ex);
        }
        catch (AggregateException ex)
        {
            // The storage client's retries give up with every attempt's failure: the account could not be reached.
            await run.Console.Error.WriteLineAsync($"vpcep enqueue: the storage account could not be reached: {ex.InnerExceptions.FirstOrDefault()?.Message ?? ex.Message}");
            return ExitCode.Unavailable;
        }
        catch (Azure.Identity.AuthenticationFailedException ex)
        {
            await run.Console.Error.WriteLineAsync($"vpcep enqueue: no Microsoft Entra token for the account: {ex.Message.Split('\n')[0]}");
            return ExitCode.Refused;
        }
    }
}
