using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>Queue-triggered provisioning end to end: real Azurite queues, the self-host's listener, the emulator.</summary>
[Trait("Category", "EndToEnd")]
[Collection(ProvisioningStackCollection.Name)]
public sealed class QueueProvisioningTests(ProvisioningStack stack)
{
    private const string FailingServiceId = "3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c03";

    private static JsonObject Request(string serviceId, string tagValue) => new()
    {
        ["project_id"] = WebhookProvisioningTests.ProjectId,
        ["endpoint"] = new JsonObject
        {
            ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
            ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
            ["endpoint_service_id"] = serviceId,
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "case", ["value"] = tagValue }),
        },
    };

    [Fact]
    public async Task A_batch_of_50_ends_with_the_right_count_of_each_outcome_one_endpoint_per_valid_item_and_a_summary()
    {
        string batchId = "batch-" + Guid.NewGuid().ToString("N")[..10];
        string callback = stack.NewCallbackUrl(out string sink);
        var requests = new JsonArray();
        for (int i = 0; i < 50; i++)
        {
            JsonObject item = (i % 10) switch
            {
                < 6 => Request("e0c748b7-d982-47df-ba06-b9c8c7650c1a", $"{batchId}-{i}"),
                6 or 7 => Request(WebhookProvisioningTests.ApprovalServiceId, $"{batchId}-{i}"),
                8 => Request(FailingServiceId, $"{batchId}-{i}"),
                _ => Invalid(i),
            };
            requests.Add(item);
        }

        await QueueHelpers.SendAsync(stack, new JsonObject { ["batch_id"] = batchId, ["callback_url"] = callback, ["requests"] = requests }, base64: true);

        JsonElement batch = await QueueHelpers.WaitForBatchAsync(stack, batchId, TimeSpan.FromMinutes(4));
        JsonElement counts = batch.GetProperty("counts");
        Assert.Equal(50, batch.GetProperty("total").GetInt32());
        Assert.Equal(30, counts.GetProperty("accepted").GetInt32());
        Assert.Equal(10, counts.GetProperty("pending_acceptance").GetInt32());
        Assert.Equal(5, counts.GetProperty("failed").GetInt32());
        Assert.Equal(5, counts.GetProperty("invalid").GetInt32());

        JsonElement[] items = [.. batch.GetProperty("items").EnumerateArray()];
        Assert.All(items.Where(i => i.GetProperty("result").GetString() != "invalid"), i =>
            Assert.StartsWith(stack.SelfHostUrl.ToString().TrimEnd('/') + "/api/vpc-endpoints/vpcep-", i.GetProperty("status_url").GetString(), StringComparison.Ordinal));
        Assert.All(items.Where(i => i.GetProperty("result").GetString() == "invalid"), i =>
            Assert.StartsWith($"/requests/{i.GetProperty("index").GetInt32()}/", i.GetProperty("validation_errors")[0].GetProperty("pointer").GetString(), StringComparison.Ordinal));

        JsonElement[] endpoints = await stack.EmulatorEndpointsAsync();
        for (int i = 0; i < 50; i++)
        {
            int expected = i % 10 == 9 ? 0 : 1;
            Assert.Equal(expected, endpoints.Count(e => HasCaseTag(e, $"{batchId}-{i}")));
        }

        JsonElement summary = Assert.Single(await stack.WaitForCallbacksAsync(sink)).GetProperty("body");
        Assert.Equal(batchId, summary.GetProperty("batch_id").GetString());
        Assert.Equal(30, summary.GetProperty("counts").GetProperty("accepted").GetInt32());
        Assert.Equal(50, summary.GetProperty("items").GetArrayLength());

        // The item's own status resource is linked and shows its outcome.
        JsonElement first = items[0];
        JsonElement state = await stack.WaitForCompletionAsync(first.GetProperty("status_url").GetString()!);
        Assert.Equal("accepted", state.GetProperty("outcome").GetProperty("result").GetString());
    }

    [Fact]
    public async Task The_same_message_delivered_twice_starts_nothing_new()
    {
        string tag = "dup-" + Guid.NewGuid().ToString("N")[..12];
        JsonObject single = Request("e0c748b7-d982-47df-ba06-b9c8c7650c1a", tag);
        string batchId = "dup-batch-" + Guid.NewGuid().ToString("N")[..8];
        var batch = new JsonObject { ["batch_id"] = batchId, ["requests"] = new JsonArray(Request("e0c748b7-d982-47df-ba06-b9c8c7650c1a", tag + "-b")) };

        await QueueHelpers.SendAsync(stack, single);
        await QueueHelpers.SendAsync(stack, single, base64: true);
        await QueueHelpers.SendAsync(stack, batch);
        await QueueHelpers.SendAsync(stack, batch);

        await QueueHelpers.WaitForBatchAsync(stack, batchId, TimeSpan.FromMinutes(2));
        await WaitUntilAsync(async () => (await stack.EmulatorEndpointsAsync()).Count(e => HasCaseTag(e, tag)) == 1);
        await Task.Delay(TimeSpan.FromSeconds(3)); // Give a duplicate the time it would need to show up.
        JsonElement[] endpoints = await stack.EmulatorEndpointsAsync();
        Assert.Equal(1, endpoints.Count(e => HasCaseTag(e, tag)));
        Assert.Equal(1, endpoints.Count(e => HasCaseTag(e, tag + "-b")));
    }

    [Fact]
    public async Task A_malformed_message_lands_in_the_poison_queue_with_its_reason_and_the_next_good_message_is_processed()
    {
        string marker = "not json " + Guid.NewGuid().ToString("N");
        string tag = "after-poison-" + Guid.NewGuid().ToString("N")[..8];
        JsonObject invalid = Request("not-a-uuid", tag + "-invalid");

        await QueueHelpers.SendRawAsync(stack, marker);
        await QueueHelpers.SendAsync(stack, invalid);
        await QueueHelpers.SendAsync(stack, Request("e0c748b7-d982-47df-ba06-b9c8c7650c1a", tag));

        await WaitUntilAsync(async () => (await stack.EmulatorEndpointsAsync()).Any(e => HasCaseTag(e, tag)));
        JsonElement[] poison = await QueueHelpers.PoisonAsync(stack, atLeast: 2);
        JsonElement malformed = Assert.Single(poison, p => p.GetProperty("original_message").GetString() == marker);
        Assert.Contains("neither JSON nor base64", malformed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        JsonElement rejected = Assert.Single(poison, p => p.GetProperty("original_message").GetString()!.Contains(tag + "-invalid", StringComparison.Ordinal));
        Assert.Contains(rejected.GetProperty("errors").EnumerateArray(), e => e.GetProperty("pointer").GetString() == "/endpoint/endpoint_service_id");
    }

    [Fact]
    public async Task The_enqueue_command_puts_a_batch_file_on_the_queue_and_the_batch_runs()
    {
        string batchId = "cli-" + Guid.NewGuid().ToString("N")[..10];
        string file = Path.Combine(Directory.CreateTempSubdirectory("vpcep-enqueue-").FullName, "batch.json");
        await File.WriteAllTextAsync(file, new JsonObject
        {
            ["batch_id"] = batchId,
            ["requests"] = new JsonArray(Request("e0c748b7-d982-47df-ba06-b9c8c7650c1a", batchId)),
        }.ToJsonString());

        (int exit, string output, _) = await CliRun.RunAsync(
            "enqueue", file, "--connection-string", stack.StorageConnectionString, "--queue", ProvisioningStack.QueueName, "--base64");

        Assert.Equal(0, exit);
        Assert.Contains("enqueued message", output, StringComparison.Ordinal);
        JsonElement batch = await QueueHelpers.WaitForBatchAsync(stack, batchId, TimeSpan.FromMinutes(2));
        Assert.Equal(1, batch.GetProperty("counts").GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task The_enqueue_command_refuses_a_file_that_is_not_json()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("vpcep-enqueue-").FullName, "broken.json");
        await File.WriteAllTextAsync(file, "{ not json");

        (int exit, _, string error) = await CliRun.RunAsync("enqueue", file, "--connection-string", stack.StorageConnectionString);

        Assert.Equal(2, exit);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_batch_is_404()
    {
        using HttpResponseMessage response = await stack.Api.GetAsync("/api/batches/never-sent");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject Invalid(int index) => index % 20 == 9
        ? new JsonObject { ["project_id"] = WebhookProvisioningTests.ProjectId, ["endpoint"] = new JsonObject { ["vpc_id"] = "bad" } }
        : new JsonObject { ["project_id"] = "short", ["endpoint"] = new JsonObject { ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4", ["endpoint_service_id"] = "e0c748b7-d982-47df-ba06-b9c8c7650c1a", ["typo_field"] = true } };

    private static bool HasCaseTag(JsonElement endpoint, string value) =>
        endpoint.TryGetProperty("tags", out JsonElement tags) && tags.ValueKind == JsonValueKind.Array
        && tags.EnumerateArray().Any(t => t.GetProperty("key").GetString() == "case" && t.GetProperty("value").GetString() == value);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(250);
        }
    }
}
