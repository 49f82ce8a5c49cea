using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>A stack whose emulator lets one project hold the endpoints of two batches of 500 and the other tests'.</summary>
public sealed class BigBatchStack : ProvisioningStack
{
    protected override IEnumerable<string> EmulatorArguments() => ["--Emulator:QuotaPerProject=1500"];
}

[CollectionDefinition(Name)]
public sealed class BigBatchStackCollection : ICollectionFixture<BigBatchStack>
{
    public const string Name = "big batch stack";
}

/// <summary>
/// Batches larger than one queue message (64 KiB, about 250 minimal requests) end to end: 500 requests through a queue
/// message that references a blob (a claim check, put there by the enqueue command), and through <c>POST /api/batches</c>.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(BigBatchStackCollection.Name)]
public sealed class BigBatchTests(BigBatchStack stack)
{
    private const int Items = 500;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private static JsonObject Batch(string batchId, string callback) => new()
    {
        ["batch_id"] = batchId,
        ["callback_url"] = callback,
        ["requests"] = new JsonArray([.. Enumerable.Range(0, Items).Select(i => (JsonNode)new JsonObject
        {
            ["project_id"] = WebhookProvisioningTests.ProjectId,
            ["endpoint"] = new JsonObject
            {
                ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
                ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                ["endpoint_service_id"] = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "case", ["value"] = $"{batchId}-{i}" }),
            },
        })]),
    };

    /// <summary>Waits until the batch's orchestration is running with every item of the document, and returns its state.</summary>
    private async Task<JsonElement> WaitForStartAsync(string batchId)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await stack.Api.GetAsync($"/api/batches/{Uri.EscapeDataString(batchId)}");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(last).RootElement.Clone();
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Batch {batchId} did not start in time; last answer: {last}");
    }

    private static void AssertStartedWithEveryItem(JsonElement batch)
    {
        Assert.Equal(Items, batch.GetProperty("total").GetInt32());
        Assert.Equal(Items, batch.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(batch.GetProperty("items").EnumerateArray(), item => item.TryGetProperty("validation_errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array);
    }

    /// <summary>
    /// Both ways, the batch accepted with all 500 items. Running them to the end takes minutes here (about 1,000
    /// orchestrations on Azurite's single thread); the scale benchmark measures that, and the small batch below runs
    /// the claim check to the end.
    /// </summary>
    [Fact]
    public async Task Batches_of_500_through_a_blob_reference_from_the_enqueue_command_and_over_http_are_accepted_with_every_item()
    {
        // Through the queue: too large for one message, so the enqueue command uploads it and enqueues a reference.
        string queuedId = "claim-" + Guid.NewGuid().ToString("N")[..10];
        string callback = stack.NewCallbackUrl(out string sink);
        string text = Batch(queuedId, callback).ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(text) > 64 * 1024, "The batch must be too large for one queue message.");
        string file = Path.Combine(Directory.CreateTempSubdirectory("vpcep-enqueue-").FullName, "big-batch.json");
        await File.WriteAllTextAsync(file, text);

        (int exit, string output, string error) = await CliRun.RunAsync(
            "enqueue", file, "--connection-string", stack.StorageConnectionString, "--queue", ProvisioningStack.QueueName, "--base64");

        Assert.True(exit == 0, error);
        Assert.Contains("uploaded it as blob vpcep-batches/", output, StringComparison.Ordinal);
        Assert.Contains("enqueued message", output, StringComparison.Ordinal);

        // Over HTTP: 202 with the batch's status URL; the same document again finds it; another one is refused.
        string postedId = "http-" + Guid.NewGuid().ToString("N")[..10];
        JsonObject document = Batch(postedId, stack.NewCallbackUrl(out _));

        using HttpResponseMessage accepted = await stack.Api.PostAsJsonAsync("/api/batches", document);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        JsonElement body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        string statusUrl = body.GetProperty("status_url").GetString()!;
        Assert.Equal(accepted.Headers.Location?.ToString(), statusUrl);
        Assert.Equal(Items, body.GetProperty("total").GetInt32());
        Assert.False(body.GetProperty("existing").GetBoolean());

        using HttpResponseMessage repeat = await stack.Api.PostAsJsonAsync("/api/batches", document);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.True((await repeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("existing").GetBoolean());

        document["requests"]!.AsArray().RemoveAt(0);
        using HttpResponseMessage different = await stack.Api.PostAsJsonAsync("/api/batches", document);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);

        // Both batches run with every item.
        AssertStartedWithEveryItem(await WaitForStartAsync(queuedId));
        AssertStartedWithEveryItem(await WaitForStartAsync(postedId));
    }

    [Fact]
    public async Task A_batch_uploaded_as_a_blob_runs_to_the_end_with_every_item_accepted()
    {
        string batchId = "blob-" + Guid.NewGuid().ToString("N")[..10];
        JsonObject document = Batch(batchId, stack.NewCallbackUrl(out string sink));
        JsonArray requests = document["requests"]!.AsArray();
        while (requests.Count > 5)
        {
            requests.RemoveAt(requests.Count - 1);
        }

        string file = Path.Combine(Directory.CreateTempSubdirectory("vpcep-enqueue-").FullName, "small-batch.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());

        (int exit, string output, string error) = await CliRun.RunAsync(
            "enqueue", file, "--connection-string", stack.StorageConnectionString, "--queue", ProvisioningStack.QueueName, "--blob");

        Assert.True(exit == 0, error);
        Assert.Contains("uploaded it as blob vpcep-batches/", output, StringComparison.Ordinal);
        JsonElement batch = await QueueHelpers.WaitForBatchAsync(stack, batchId, Patience);
        Assert.Equal("Completed", batch.GetProperty("runtime_status").GetString());
        Assert.Equal(5, batch.GetProperty("counts").GetProperty("accepted").GetInt32());
        JsonElement[] summaries = await stack.WaitForCallbacksAsync(sink);
        Assert.Equal(batchId, Assert.Single(summaries).GetProperty("body").GetProperty("batch_id").GetString());
    }

    [Fact]
    public async Task An_invalid_batch_posted_over_http_is_400_with_every_problem_and_starts_nothing()
    {
        string batchId = "bad-" + Guid.NewGuid().ToString("N")[..10];
        JsonObject document = Batch(batchId, stack.NewCallbackUrl(out _));
        document["requests"]![7]!["project_id"] = "not-hex";
        document["requests"]![499]!["endpoint"]!["vpc_id"] = "not-a-uuid";

        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/batches", document);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(
            ["/requests/7/project_id", "/requests/499/endpoint/vpc_id"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()));
        using HttpResponseMessage lookup = await stack.Api.GetAsync($"/api/batches/{batchId}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_reference_to_a_missing_blob_lands_in_the_poison_queue_naming_the_blob()
    {
        var container = new BlobContainerClient(stack.StorageConnectionString, "vpcep-batches");
        await container.CreateIfNotExistsAsync();
        string blob = "missing-" + Guid.NewGuid().ToString("N")[..10] + ".json";

        await QueueHelpers.SendAsync(stack, new JsonObject { ["batch_ref"] = new JsonObject { ["container"] = "vpcep-batches", ["blob"] = blob } });

        JsonElement[] poisoned = await QueueHelpers.PoisonAsync(stack, atLeast: 1);
        JsonElement entry = Assert.Single(poisoned, p => p.GetProperty("original_message").GetString()!.Contains(blob, StringComparison.Ordinal));
        Assert.Contains($"vpcep-batches/{blob}", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
