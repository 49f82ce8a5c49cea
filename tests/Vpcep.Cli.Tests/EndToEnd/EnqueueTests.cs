using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Vpcep.Cli.Tests.Infrastructure;

namespace Vpcep.Cli.Tests.EndToEnd;

/// <summary><c>vpcep enqueue</c> against a real Azurite: what lands on the queue.</summary>
[Collection(CliStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class EnqueueTests(CliStack stack)
{
    [Fact]
    public async Task Enqueue_with_split_puts_one_message_per_part_each_under_64_KiB_with_derived_batch_ids_and_every_item()
    {
        // A queue no host reads, so the parts stay there to be looked at.
        string queueName = "cli-split-" + Guid.NewGuid().ToString("N")[..10];
        var requests = new JsonArray([.. Enumerable.Range(0, 400).Select(i => (JsonNode)CliStack.Request().Also(r => r["idempotency_key"] = $"item-{i}"))]);
        string file = await RefusalTests.TempFileAsync(new JsonObject { ["batch_id"] = "split-rollout", ["requests"] = requests }.ToJsonString());
        var cli = new CliHarness();

        int exit = await cli.RunAsync("enqueue", file, "--split", "--base64", "--json", "--connection-string", stack.StorageConnectionString, "--queue", queueName);

        Assert.True(exit == 0, cli.Error);
        JsonElement[] receipts = [.. cli.OutputLines.Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.True(receipts.Length > 1);
        Assert.Equal(
            Enumerable.Range(1, receipts.Length).Select(k => $"split-rollout-part-{k}-of-{receipts.Length}"),
            receipts.Select(r => r.GetProperty("batch_id").GetString()));

        var queue = new QueueClient(stack.StorageConnectionString, queueName);
        var parts = new List<JsonNode>();
        while (parts.Count < receipts.Length)
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
            Assert.NotEmpty(messages);
            foreach (QueueMessage message in messages)
            {
                Assert.True(message.Body.ToArray().Length <= 64 * 1024);
                parts.Add(JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString())))!);
            }
        }

        Assert.Equal(
            Enumerable.Range(0, 400).Select(i => $"item-{i}"),
            parts.OrderBy(p => int.Parse(p["batch_id"]!.GetValue<string>().Split('-')[^3], System.Globalization.CultureInfo.InvariantCulture))
                .SelectMany(p => p["requests"]!.AsArray())
                .Select(r => r!["idempotency_key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Enqueue_to_a_storage_account_that_cannot_be_reached_exits_4()
    {
        string file = await RefusalTests.TempFileAsync(CliStack.Request().ToJsonString());
        int port = LoopbackPorts.Free();
        var cli = new CliHarness();

        int exit = await cli.RunAsync(
            "enqueue", file, "--timeout", "20", "--connection-string",
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1");

        Assert.Equal((int)ExitCode.Unavailable, exit);
        Assert.NotEmpty(cli.Error);
    }
}
