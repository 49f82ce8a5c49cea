using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>A stack that signs its webhooks (the deprovisioning's notification is checked like the outcome's).</summary>
public sealed class DeprovisioningStack : ProvisioningStack
{
    public const string SigningSecret = "whsec_ZGVwcm92aXNpb25pbmctZW5kLXRvLWVuZC0wMDAx";

    protected override IEnumerable<string> SelfHostArguments() =>
    [
        $"--Notifications:SigningSecrets:0={SigningSecret}",
        "--Notifications:RetrySchedule:0=00:00:01",
    ];
}

[CollectionDefinition(Name)]
public sealed class DeprovisioningStackCollection : ICollectionFixture<DeprovisioningStack>
{
    public const string Name = "deprovisioning stack";
}

/// <summary>
/// Deprovisioning end to end, on Azurite, the emulator and the self-host: a provisioned endpoint deleted (gone from the
/// emulator, its quota free again, the deprovisioning notified and signed), the 409 rule and <c>cancel=true</c> for a
/// request still provisioning, deleting twice, a batch's endpoints deleted, and the clean-up of failed requests' endpoints.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(DeprovisioningStackCollection.Name)]
public sealed class DeprovisioningTests(DeprovisioningStack stack)
{
    /// <summary>A project of one test's own, so quotas and listings of other tests do not meet it.</summary>
    private static string NewProjectId() => Guid.NewGuid().ToString("N");

    private static JsonObject Request(string projectId, string? callbackUrl, string serviceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a")
    {
        JsonObject endpoint = WebhookProvisioningTests.SeedEndpoint();
        endpoint["endpoint_service_id"] = serviceId;
        endpoint.Remove("tags");
        return new JsonObject { ["project_id"] = projectId, ["callback_url"] = callbackUrl, ["endpoint"] = endpoint };
    }

    private async Task<(string InstanceId, string StatusPath)> SubmitAsync(JsonObject request)
    {
        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (accepted.GetProperty("instance_id").GetString()!, Path(accepted.GetProperty("status_url").GetString()!));
    }

    private static string Path(string url) => new Uri(url).PathAndQuery;

    private async Task SeedAsync(JsonObject fixtures)
    {
        using HttpResponseMessage seeded = await stack.EmulatorAdmin.PostAsJsonAsync("/_emulator/fixtures", fixtures);
        seeded.EnsureSuccessStatusCode();
    }

    /// <summary>A service of this test's own whose endpoints stay <c>creating</c> for <paramref name="creationDelay"/>, or end failed.</summary>
    private async Task<string> NewServiceAsync(TimeSpan creationDelay, bool fails = false)
    {
        string id = Guid.NewGuid().ToString();
        var service = new JsonObject
        {
            ["id"] = id,
            ["service_name"] = "com.example.cn-north-4.deprovision-" + id[..8],
            ["service_type"] = "interface",
            ["approval_enabled"] = false,
            ["is_public"] = false,
            ["owner"] = "example",
            ["available"] = true,
            ["creation_delay_ms"] = (int)creationDelay.TotalMilliseconds,
        };
        if (fails)
        {
            service["failure"] = new JsonObject { ["error_code"] = "EndPoint.2080", ["error_message"] = "No IP address left in the subnet." };
        }

        await SeedAsync(new JsonObject { ["services"] = new JsonArray(service) });
        return id;
    }

    private async Task<HttpResponseMessage> DeleteAsync(string instanceId, string query = "") =>
        await stack.Api.DeleteAsync($"/api/vpc-endpoints/{instanceId}{query}");

    private async Task<bool> EmulatorHasAsync(string endpointId) =>
        (await stack.EmulatorEndpointsAsync()).Any(e => e.GetProperty("id").GetString() == endpointId);

    private static string Header(JsonElement recorded, string name) => recorded.GetProperty("headers").GetProperty(name).GetString()!;

    [Fact]
    public async Task A_provisioned_endpoint_is_deleted_its_quota_is_free_again_and_the_deprovisioning_is_notified_signed()
    {
        string project = NewProjectId();
        await SeedAsync(new JsonObject { ["quotas"] = new JsonObject { [project] = 1 } });
        string callback = stack.NewCallbackUrl(out string sink);
        (string first, string firstStatus) = await SubmitAsync(Request(project, callback));
        JsonElement provisioned = await stack.WaitForCompletionAsync(firstStatus);
        Assert.Equal("accepted", provisioned.GetProperty("outcome").GetProperty("result").GetString());
        string endpointId = provisioned.GetProperty("endpoint_id").GetString()!;
        Assert.Equal(JsonValueKind.Null, provisioned.GetProperty("deprovision").ValueKind);

        // The quota of one is used: a second request is refused by the cloud.
        (_, string fullStatus) = await SubmitAsync(Request(project, null));
        JsonElement refused = (await stack.WaitForCompletionAsync(fullStatus)).GetProperty("outcome");
        Assert.Equal(("failed", "Endpoint.1018"), (refused.GetProperty("result").GetString(), refused.GetProperty("error").GetProperty("code").GetString()));

        using HttpResponseMessage deleted = await DeleteAsync(first);

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        JsonElement accepted = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        string statusUrl = accepted.GetProperty("status_url").GetString()!;
        Assert.Equal(statusUrl, deleted.Headers.Location?.ToString());
        Assert.EndsWith($"/api/vpc-endpoints/{first}/deprovision", statusUrl, StringComparison.Ordinal);
        Assert.Equal((first, endpointId, false), (accepted.GetProperty("instance_id").GetString(), accepted.GetProperty("endpoint_id").GetString(), accepted.GetProperty("existing").GetBoolean()));
        Assert.StartsWith("vpcep-delete-", accepted.GetProperty("deprovision_instance_id").GetString(), StringComparison.Ordinal);

        JsonElement done = await stack.WaitForCompletionAsync(Path(statusUrl));
        Assert.Equal(("Completed", "deleted", endpointId), (done.GetProperty("runtime_status").GetString(), done.GetProperty("result").GetString(), done.GetProperty("endpoint_id").GetString()));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("error").ValueKind);
        Assert.False(await EmulatorHasAsync(endpointId));

        // The request's own GET shows it.
        JsonElement summary = (await stack.Api.GetFromJsonAsync<JsonElement>(firstStatus)).GetProperty("deprovision");
        Assert.Equal((statusUrl, "Completed", "deleted"), (summary.GetProperty("status_url").GetString(), summary.GetProperty("runtime_status").GetString(), summary.GetProperty("result").GetString()));

        // The quota is free again: the same request provisions.
        (_, string againStatus) = await SubmitAsync(Request(project, null));
        Assert.Equal("accepted", (await stack.WaitForCompletionAsync(againStatus)).GetProperty("outcome").GetProperty("result").GetString());

        // The deprovisioning was notified on the request's channel, with its own event id, signed.
        JsonElement[] received = await stack.WaitForCallbacksAsync(sink, atLeast: 2);
        JsonElement notified = Assert.Single(received, r => Header(r, "webhook-id") == "deprovision_" + first);
        byte[] body = Encoding.UTF8.GetBytes(notified.GetProperty("raw_body").GetString()!);
        Assert.True(
            Vpcep.Testing.StandardWebhooksVerifier.Verify(
                DeprovisioningStack.SigningSecret, Header(notified, "webhook-id"), Header(notified, "webhook-timestamp"), Header(notified, "webhook-signature"), body, DateTimeOffset.UtcNow, out string why),
            why);
        using JsonDocument document = JsonDocument.Parse(body);
        Assert.Equal(("deleted", endpointId), (document.RootElement.GetProperty("result").GetString(), document.RootElement.GetProperty("endpoint_id").GetString()));
        Assert.True(done.GetProperty("notification").GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task Deleting_twice_answers_existing_and_starts_nothing_new()
    {
        (string instanceId, string status) = await SubmitAsync(Request(NewProjectId(), null));
        await stack.WaitForCompletionAsync(status);

        using HttpResponseMessage first = await DeleteAsync(instanceId);
        using HttpResponseMessage second = await DeleteAsync(instanceId);
        JsonElement firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        await stack.WaitForCompletionAsync(Path(firstBody.GetProperty("status_url").GetString()!));
        using HttpResponseMessage third = await DeleteAsync(instanceId);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.False(firstBody.GetProperty("existing").GetBoolean());
        foreach (HttpResponseMessage again in new[] { second, third })
        {
            JsonElement body = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.GetProperty("existing").GetBoolean());
            Assert.Equal(firstBody.GetProperty("deprovision_instance_id").GetString(), body.GetProperty("deprovision_instance_id").GetString());
        }
    }

    [Fact]
    public async Task A_request_never_deprovisioned_or_unknown_answers_404()
    {
        (string instanceId, string status) = await SubmitAsync(Request(NewProjectId(), null));
        await stack.WaitForCompletionAsync(status);

        using HttpResponseMessage never = await stack.Api.GetAsync($"/api/vpc-endpoints/{instanceId}/deprovision");
        using HttpResponseMessage unknown = await DeleteAsync("vpcep-00000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_delete_while_provisioning_is_409_without_cancel_and_with_cancel_ends_with_the_endpoint_deleted()
    {
        string slow = await NewServiceAsync(TimeSpan.FromMinutes(5));
        (string instanceId, string status) = await SubmitAsync(Request(NewProjectId(), null, slow));
        string endpointId = await WaitForEndpointIdAsync(status);

        using HttpResponseMessage refused = await DeleteAsync(instanceId);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        JsonElement problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:vpcep-functions:problem:still-provisioning", problem.GetProperty("type").GetString());
        Assert.Contains("cancel=true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using (HttpResponseMessage nothing = await stack.Api.GetAsync($"/api/vpc-endpoints/{instanceId}/deprovision"))
        {
            Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        }

        Assert.True(await EmulatorHasAsync(endpointId));

        using HttpResponseMessage cancelled = await DeleteAsync(instanceId, "?cancel=true");

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        JsonElement accepted = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(endpointId, accepted.GetProperty("endpoint_id").GetString());
        JsonElement done = await stack.WaitForCompletionAsync(Path(accepted.GetProperty("status_url").GetString()!));
        Assert.Equal("deleted", done.GetProperty("result").GetString());
        Assert.False(await EmulatorHasAsync(endpointId));
        Assert.Equal("Terminated", (await stack.WaitForCompletionAsync(status)).GetProperty("runtime_status").GetString());
    }

    [Fact]
    public async Task Deleting_a_batch_deprovisions_every_items_endpoint_and_a_second_delete_finds_them_existing()
    {
        string project = NewProjectId();
        string batchId = "deprovision-" + Guid.NewGuid().ToString("N")[..8];
        var batch = new JsonObject { ["batch_id"] = batchId, ["requests"] = new JsonArray(Request(project, null), Request(project, null)) };
        using (HttpResponseMessage submitted = await stack.Api.PostAsJsonAsync("/api/batches", batch))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        JsonElement ended = await stack.WaitForCompletionAsync($"/api/batches/{batchId}", TimeSpan.FromSeconds(120));
        string[] endpoints = [.. ended.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("endpoint_id").GetString()!)];
        Assert.Equal(2, endpoints.Length);

        using HttpResponseMessage deleted = await stack.Api.DeleteAsync($"/api/batches/{batchId}");

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        JsonElement answer = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(batchId, answer.GetProperty("batch_id").GetString());
        JsonElement[] items = [.. answer.GetProperty("items").EnumerateArray()];
        Assert.Equal([0, 1], items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.All(items, i => Assert.Equal("started", i.GetProperty("state").GetString()));
        foreach (JsonElement item in items)
        {
            Assert.Equal("deleted", (await stack.WaitForCompletionAsync(Path(item.GetProperty("status_url").GetString()!))).GetProperty("result").GetString());
        }

        foreach (string endpointId in endpoints)
        {
            Assert.False(await EmulatorHasAsync(endpointId));
        }

        using HttpResponseMessage again = await stack.Api.DeleteAsync($"/api/batches/{batchId}");
        JsonElement second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(second.GetProperty("items").EnumerateArray(), i => Assert.Equal("existing", i.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task The_cleanup_lists_in_a_dry_run_then_deletes_the_endpoints_failed_requests_left_and_then_has_nothing_more_to_do()
    {
        string failing = await NewServiceAsync(TimeSpan.FromMilliseconds(200), fails: true);
        (string instanceId, string status) = await SubmitAsync(Request(NewProjectId(), null, failing));
        JsonElement outcome = (await stack.WaitForCompletionAsync(status)).GetProperty("outcome");
        Assert.Equal("failed", outcome.GetProperty("result").GetString());
        string endpointId = outcome.GetProperty("endpoint").GetProperty("id").GetString()!;

        JsonElement dryRun = await CleanupAsync("""{"dry_run": true}""");
        Assert.True(dryRun.GetProperty("dry_run").GetBoolean());
        JsonElement listed = Assert.Single(dryRun.GetProperty("started").EnumerateArray(), i => i.GetProperty("instance_id").GetString() == instanceId);
        Assert.Equal(("failed", endpointId), (listed.GetProperty("result").GetString(), listed.GetProperty("endpoint_id").GetString()));
        using (HttpResponseMessage nothing = await stack.Api.GetAsync($"/api/vpc-endpoints/{instanceId}/deprovision"))
        {
            Assert.Equal(HttpStatusCode.NotFound, nothing.StatusCode);
        }

        JsonElement cleaned = await CleanupAsync("{}");
        JsonElement started = Assert.Single(cleaned.GetProperty("started").EnumerateArray(), i => i.GetProperty("instance_id").GetString() == instanceId);
        Assert.Equal("deleted", (await stack.WaitForCompletionAsync(Path(started.GetProperty("status_url").GetString()!))).GetProperty("result").GetString());
        Assert.False(await EmulatorHasAsync(endpointId));

        JsonElement after = await CleanupAsync("{}");
        Assert.DoesNotContain(after.GetProperty("started").EnumerateArray(), i => i.GetProperty("instance_id").GetString() == instanceId);
    }

    [Fact]
    public async Task A_cleanup_body_with_problems_names_every_one_and_starts_nothing()
    {
        using HttpResponseMessage response = await stack.Api.PostAsync(
            "/api/cleanup", new StringContent("""{"older_than": "soon", "limit": 0}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["/older_than", "/limit"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()));
    }

    private async Task<JsonElement> CleanupAsync(string body)
    {
        using HttpResponseMessage response = await stack.Api.PostAsync("/api/cleanup", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the request (bounded) until its state names the endpoint it created, while it still runs.</summary>
    private async Task<string> WaitForEndpointIdAsync(string statusPath)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement state = default;
        while (DateTime.UtcNow < deadline)
        {
            state = await stack.Api.GetFromJsonAsync<JsonElement>(statusPath);
            Assert.Contains(state.GetProperty("runtime_status").GetString(), (string[])["Pending", "Running"]);
            if (state.TryGetProperty("endpoint_id", out JsonElement id) && id.ValueKind == JsonValueKind.String)
            {
                return id.GetString()!;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{statusPath} named no endpoint in time; last state: {state}");
    }
}
