using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// The listings on the real stack: a batch of 12 requests with a mix of outcomes (the emulator's fixtures: a service
/// that accepts, one that waits for approval, one whose endpoints always fail, and a service that does not exist), then
/// its items paged and filtered, the batch in the batch listing, and its requests in the request listing.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ProvisioningStackCollection.Name)]
public sealed class ListingTests(ProvisioningStack stack)
{
    public const string AcceptingService = "e0c748b7-d982-47df-ba06-b9c8c7650c1a";
    public const string ApprovalService = "5f0a1c3e-7b7d-4a8e-9a51-3f1d2a6c9b01";
    public const string FailingService = "3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c03";
    public const string MissingService = "00000000-0000-4000-8000-00000000dead";

    /// <summary>The services of the 12 items, in order: 4 accepted, 3 pending_acceptance, 3 failed, 2 invalid.</summary>
    public static readonly string[] Services =
    [
        AcceptingService, FailingService, ApprovalService, MissingService, AcceptingService, FailingService,
        ApprovalService, AcceptingService, FailingService, MissingService, ApprovalService, AcceptingService,
    ];

    /// <summary>A batch document of one request per service, each tagged with its position.</summary>
    public static JsonObject Batch(string batchId, IEnumerable<string> services) => new()
    {
        ["batch_id"] = batchId,
        ["requests"] = new JsonArray([.. services.Select((service, i) => (JsonNode)new JsonObject
        {
            ["project_id"] = WebhookProvisioningTests.ProjectId,
            ["endpoint"] = new JsonObject
            {
                ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
                ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                ["endpoint_service_id"] = service,
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "case", ["value"] = $"{batchId}-{i}" }),
            },
        })]),
    };

    private async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using HttpResponseMessage response = await stack.Api.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every page of a listing, following its continuation tokens (bounded), with the pages' sizes.</summary>
    private async Task<(List<JsonElement> Entries, List<int> PageSizes)> PageThroughAsync(string path, string member)
    {
        var entries = new List<JsonElement>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            string separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            JsonElement page = await GetJsonAsync(token is null ? path : $"{path}{separator}continuation_token={Uri.EscapeDataString(token)}");
            JsonElement[] values = [.. page.GetProperty(member).EnumerateArray()];
            entries.AddRange(values);
            sizes.Add(values.Length);
            token = page.GetProperty("continuation_token").GetString();
            Assert.True(sizes.Count < 1000, $"{path} did not end after 1,000 pages.");
        }
        while (token is not null);

        return (entries, sizes);
    }

    [Fact]
    public async Task A_batch_of_twelve_with_mixed_outcomes_is_listed_paged_and_filtered_by_every_listing()
    {
        string batchId = "listing-" + Guid.NewGuid().ToString("N")[..8];
        using HttpResponseMessage submitted = await stack.Api.PostAsJsonAsync("/api/batches", Batch(batchId, Services));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        JsonElement batch = await stack.WaitForCompletionAsync($"/api/batches/{batchId}?include_items=false", TimeSpan.FromMinutes(3));

        // The small document of a batch: progress without items.
        Assert.False(batch.TryGetProperty("items", out _), "include_items=false leaves the items out.");
        Assert.Equal((12, 12), (batch.GetProperty("total").GetInt32(), batch.GetProperty("completed").GetInt32()));
        Assert.Equal(
            new Dictionary<string, int> { ["accepted"] = 4, ["pending_acceptance"] = 3, ["failed"] = 3, ["invalid"] = 2 },
            batch.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));

        // Five at a time: every item once, in batch order, on three pages.
        (List<JsonElement> items, List<int> sizes) = await PageThroughAsync($"/api/batches/{batchId}/items?page_size=5", "items");
        Assert.Equal([5, 5, 2], sizes);
        Assert.Equal(Enumerable.Range(0, 12), items.Select(i => i.GetProperty("index").GetInt32()));
        string[] expected = [.. Services.Select(s => s switch
        {
            AcceptingService => "accepted",
            ApprovalService => "pending_acceptance",
            FailingService => "failed",
            _ => "invalid",
        })];
        Assert.Equal(expected, items.Select(i => i.GetProperty("result").GetString()));

        // The outcome filter: only failed items, each with the cloud's error code.
        JsonElement failed = await GetJsonAsync($"/api/batches/{batchId}/items?result=failed");
        JsonElement[] failedItems = [.. failed.GetProperty("items").EnumerateArray()];
        Assert.Equal([1, 5, 8], failedItems.Select(i => i.GetProperty("index").GetInt32()));
        Assert.All(failedItems, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("error").GetProperty("code").GetString())));
        JsonElement failedOrInvalid = await GetJsonAsync($"/api/batches/{batchId}/items?result=failed,invalid&page_size=2");
        Assert.Equal([1, 3], failedOrInvalid.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
        Assert.NotNull(failedOrInvalid.GetProperty("continuation_token").GetString());

        // The batch listing shows it, ended, with its counts and status URL.
        (List<JsonElement> batches, _) = await PageThroughAsync("/api/batches?page_size=3", "batches");
        JsonElement listed = Assert.Single(batches, b => b.GetProperty("batch_id").GetString() == batchId);
        Assert.Equal(("Completed", 12, 12, 3), (listed.GetProperty("runtime_status").GetString(), listed.GetProperty("total").GetInt32(), listed.GetProperty("completed").GetInt32(), listed.GetProperty("counts").GetProperty("failed").GetInt32()));
        Assert.Equal(new Uri(stack.SelfHostUrl, $"/api/batches/{batchId}").ToString(), listed.GetProperty("status_url").GetString());

        // The request listing: each of the batch's requests once, paging five at a time; the failed ones under result=failed.
        string[] instanceIds = [.. items.Select(i => i.GetProperty("instance_id").GetString()!)];
        (List<JsonElement> requests, List<int> requestPages) = await PageThroughAsync("/api/vpc-endpoints?page_size=5", "requests");
        Assert.All(requestPages, size => Assert.InRange(size, 0, 5));
        string[] listedIds = [.. requests.Select(r => r.GetProperty("instance_id").GetString()!)];
        Assert.Equal(listedIds.Length, listedIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(listedIds.ToHashSet(StringComparer.Ordinal), instanceIds.ToHashSet(StringComparer.Ordinal));
        Assert.All(requests, r => Assert.StartsWith("vpcep-", r.GetProperty("instance_id").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.GetProperty("instance_id").GetString()!.StartsWith("vpcep-batch-", StringComparison.Ordinal));

        (List<JsonElement> failedRequests, _) = await PageThroughAsync("/api/vpc-endpoints?result=failed&runtime_status=Completed", "requests");
        Assert.All(failedRequests, r => Assert.Equal(("failed", "Completed"), (r.GetProperty("result").GetString(), r.GetProperty("runtime_status").GetString())));
        Assert.Subset(
            failedRequests.Select(r => r.GetProperty("instance_id").GetString()!).ToHashSet(StringComparer.Ordinal),
            failedItems.Select(i => i.GetProperty("instance_id").GetString()!).ToHashSet(StringComparer.Ordinal));
        JsonElement one = Assert.Single(requests, r => r.GetProperty("instance_id").GetString() == instanceIds[0]);
        Assert.Equal((WebhookProvisioningTests.ProjectId, "accepted", "completed"), (one.GetProperty("project_id").GetString(), one.GetProperty("result").GetString(), one.GetProperty("phase").GetString()));
        Assert.Equal(items[0].GetProperty("endpoint_id").GetString(), one.GetProperty("endpoint_id").GetString());
    }

    [Fact]
    public async Task Bad_listing_queries_are_400_problems_naming_every_problem()
    {
        JsonElement items = await GetJsonAsync("/api/batches/any/items?result=failed,exploded&page_size=0", HttpStatusCode.BadRequest);
        JsonElement requests = await GetJsonAsync("/api/vpc-endpoints?runtime_status=Sleeping&continuation_token=nope", HttpStatusCode.BadRequest);

        Assert.Equal(["result", "page_size"], items.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("parameter").GetString()));
        Assert.Contains("'exploded'", items.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["runtime_status", "continuation_token"], requests.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("parameter").GetString()));
    }
}
