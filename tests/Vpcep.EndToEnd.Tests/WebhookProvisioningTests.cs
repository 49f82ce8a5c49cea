using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// The webhook path end to end: self-host, real Azurite, the emulator, real HTTP between them.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ProvisioningStackCollection.Name)]
public sealed class WebhookProvisioningTests(ProvisioningStack stack)
{
    public const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    public const string ApprovalServiceId = "5f0a1c3e-7b7d-4a8e-9a51-3f1d2a6c9b01";

    /// <summary>The example request of Huawei's "Creating a VPC Endpoint" page.</summary>
    public static JsonObject SeedEndpoint() => JsonNode.Parse("""
        {
          "subnet_id": "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
          "vpc_id": "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
          "tags": [ { "key": "test1", "value": "test1" } ],
          "endpoint_service_id": "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
          "enable_dns": true
        }
        """)!.AsObject();

    private static JsonObject Envelope(JsonObject endpoint, string? callbackUrl) => new()
    {
        ["project_id"] = ProjectId,
        ["callback_url"] = callbackUrl,
        ["endpoint"] = endpoint,
    };

    [Fact]
    public async Task The_seed_example_goes_from_202_to_accepted_and_the_callback_receives_the_outcome()
    {
        string callback = stack.NewCallbackUrl(out string sink);

        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", Envelope(SeedEndpoint(), callback));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        string statusUrl = accepted.GetProperty("status_url").GetString()!;
        Assert.Equal(statusUrl, response.Headers.Location?.ToString());

        JsonElement state = await stack.WaitForCompletionAsync(statusUrl);
        Assert.Equal("Completed", state.GetProperty("runtime_status").GetString());
        JsonElement outcome = state.GetProperty("outcome");
        Assert.Equal("accepted", outcome.GetProperty("result").GetString());
        Assert.Equal("accepted", outcome.GetProperty("endpoint").GetProperty("status").GetString());
        string endpointId = outcome.GetProperty("endpoint").GetProperty("id").GetString()!;
        Assert.Equal(endpointId, state.GetProperty("endpoint_id").GetString());
        Assert.Equal("accepted", state.GetProperty("endpoint_status").GetString());
        Assert.True(outcome.GetProperty("notification").GetProperty("delivered").GetBoolean());

        JsonElement[] callbacks = await stack.WaitForCallbacksAsync(sink);
        JsonElement notified = Assert.Single(callbacks);
        JsonElement body = CallbackBody(notified);
        Assert.Equal("accepted", body.GetProperty("result").GetString());
        Assert.Equal(endpointId, body.GetProperty("endpoint").GetProperty("id").GetString());
        Assert.Equal(accepted.GetProperty("instance_id").GetString(), body.GetProperty("instance_id").GetString());
    }

    [Fact]
    public async Task A_service_that_needs_approval_ends_as_pending_acceptance_with_a_notification()
    {
        string callback = stack.NewCallbackUrl(out string sink);
        JsonObject endpoint = SeedEndpoint();
        endpoint["endpoint_service_id"] = ApprovalServiceId;

        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", Envelope(endpoint, callback));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement state = await stack.WaitForCompletionAsync(response.Headers.Location!.ToString());
        Assert.Equal("pending_acceptance", state.GetProperty("outcome").GetProperty("result").GetString());
        Assert.Equal("pendingAcceptance", state.GetProperty("endpoint_status").GetString());
        JsonElement notified = Assert.Single(await stack.WaitForCallbacksAsync(sink));
        Assert.Equal("pending_acceptance", CallbackBody(notified).GetProperty("result").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_gives_one_orchestration_and_one_endpoint()
    {
        string callback = stack.NewCallbackUrl(out string sink);
        string key = "order-" + Guid.NewGuid().ToString("N");
        JsonObject endpoint = SeedEndpoint();
        endpoint["tags"] = new JsonArray(new JsonObject { ["key"] = "idempotency-test", ["value"] = key[..30] });
        string body = Envelope(endpoint, callback).ToJsonString();

        using HttpResponseMessage first = await PostWithKeyAsync(body, key);
        using HttpResponseMessage second = await PostWithKeyAsync(body, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        JsonElement a = await first.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("instance_id").GetString(), b.GetProperty("instance_id").GetString());
        Assert.False(a.GetProperty("existing").GetBoolean());
        Assert.True(b.GetProperty("existing").GetBoolean());

        await stack.WaitForCompletionAsync(a.GetProperty("status_url").GetString()!);
        JsonElement[] endpoints = await stack.EmulatorEndpointsAsync();
        Assert.Single(endpoints, e => HasTag(e, "idempotency-test", key[..30]));
        Assert.Single(await stack.WaitForCallbacksAsync(sink));
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_request_is_refused()
    {
        string key = "reuse-" + Guid.NewGuid().ToString("N");
        JsonObject other = SeedEndpoint();
        other["enable_dns"] = false;

        using HttpResponseMessage first = await PostWithKeyAsync(Envelope(SeedEndpoint(), null).ToJsonString(), key);
        using HttpResponseMessage second = await PostWithKeyAsync(Envelope(other, null).ToJsonString(), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, string> InvalidBodies() => new()
    {
        { "missing vpc_id", Without(SeedEndpoint(), "vpc_id"), "/endpoint/vpc_id" },
        { "11 tags", WithTags(11), "/endpoint/tags" },
        { "bad UUID", With(SeedEndpoint(), "subnet_id", "not-a-uuid"), "/endpoint/subnet_id" },
        { "IPv6 port_ip", With(SeedEndpoint(), "port_ip", "2001:db8::1"), "/endpoint/port_ip" },
        { "malformed JSON", """{"project_id": "6e9dfd51d1124e8d8498dce894923a0d", "endpoint": {"vpc_id": """, "" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_body_gets_400_naming_the_problem_and_starts_nothing(string problem, string body, string pointer)
    {
        int before = await CountInstancesAsync();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await stack.Api.PostAsync("/api/vpc-endpoints", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement details = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement[] errors = [.. details.GetProperty("errors").EnumerateArray()];
        Assert.True(errors.Any(e => e.GetProperty("pointer").GetString() == pointer), $"{problem}: no error at '{pointer}' in {details}");
        Assert.Equal(before, await CountInstancesAsync());
    }

    [Fact]
    public async Task A_callback_url_at_the_cloud_metadata_address_is_400_and_starts_nothing()
    {
        // The stack trusts http and the emulator's sink (127.0.0.1 on its port) only: the metadata service stays refused.
        string key = "metadata-" + Guid.NewGuid().ToString("N");
        int before = await CountInstancesAsync();

        using HttpResponseMessage response = await PostWithKeyAsync(
            Envelope(SeedEndpoint(), "http://169.254.169.254/latest/meta-data").ToJsonString(), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement details = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement error = Assert.Single(details.GetProperty("errors").EnumerateArray());
        Assert.Equal("/callback_url", error.GetProperty("pointer").GetString());
        Assert.Equal("callback_url_not_public", error.GetProperty("code").GetString());
        Assert.Contains("169.254.169.254, a link-local address", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await stack.Durable.GetInstanceAsync(Vpcep.Provisioning.Intake.InstanceIds.For(key)));
        Assert.Equal(before, await CountInstancesAsync());
    }

    [Fact]
    public async Task Several_problems_are_all_reported_at_once()
    {
        JsonObject endpoint = SeedEndpoint();
        endpoint.Remove("vpc_id");
        endpoint["port_ip"] = "2001:db8::1";
        endpoint["subnet_id"] = "nope";

        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", Envelope(endpoint, null));

        JsonElement details = await response.Content.ReadFromJsonAsync<JsonElement>();
        string[] pointers = [.. details.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()!)];
        Assert.Contains("/endpoint/vpc_id", pointers);
        Assert.Contains("/endpoint/port_ip", pointers);
        Assert.Contains("/endpoint/subnet_id", pointers);
    }

    [Fact]
    public async Task A_project_without_endpoint_quota_ends_invalid_without_creating_and_is_notified()
    {
        const string FullProject = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
        using (HttpResponseMessage seeded = await stack.EmulatorAdmin.PostAsJsonAsync("/_emulator/fixtures", new { quotas = new Dictionary<string, int> { [FullProject] = 0 } }))
        {
            seeded.EnsureSuccessStatusCode();
        }

        string callback = stack.NewCallbackUrl(out string sink);
        JsonObject envelope = Envelope(SeedEndpoint(), callback);
        envelope["project_id"] = FullProject;

        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", envelope);

        JsonElement state = await stack.WaitForCompletionAsync(response.Headers.Location!.ToString());
        JsonElement outcome = state.GetProperty("outcome");
        Assert.Equal("invalid", outcome.GetProperty("result").GetString());
        Assert.Equal("endpoint_quota_exhausted", outcome.GetProperty("validation_errors")[0].GetProperty("code").GetString());
        Assert.DoesNotContain(await stack.EmulatorEndpointsAsync(), e => e.GetProperty("project_id").GetString() == FullProject);
        Assert.Equal("invalid", Assert.Single(await stack.WaitForCallbacksAsync(sink)).GetProperty("body").GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("abort")] // the connection is reset
    [InlineData("hang")] // the caller times out (HuaweiCloud:RequestTimeout is 5 s in this stack)
    public async Task A_create_whose_answer_is_lost_after_the_endpoint_was_made_still_yields_exactly_one_endpoint(string dropMode)
    {
        string tag = "lost-" + Guid.NewGuid().ToString("N")[..12];
        object rule = new { drop_next = 1, drop_mode = dropMode, hang_ms = 20_000 };
        using (HttpResponseMessage set = await stack.EmulatorAdmin.PutAsJsonAsync("/_emulator/faults", new { operations = new Dictionary<string, object> { ["CreateEndpoint"] = rule } }))
        {
            set.EnsureSuccessStatusCode();
        }

        try
        {
            JsonObject endpoint = SeedEndpoint();
            endpoint["tags"] = new JsonArray(new JsonObject { ["key"] = "case", ["value"] = tag });

            using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", Envelope(endpoint, null));

            JsonElement state = await stack.WaitForCompletionAsync(response.Headers.Location!.ToString());
            Assert.Equal("accepted", state.GetProperty("outcome").GetProperty("result").GetString());
            Assert.Single(await stack.EmulatorEndpointsAsync(), e => HasTag(e, "case", tag));
        }
        finally
        {
            using HttpResponseMessage cleared = await stack.EmulatorAdmin.DeleteAsync("/_emulator/faults");
        }
    }

    [Fact]
    public async Task A_create_answer_that_cannot_be_read_still_names_the_endpoint_and_makes_no_second_one()
    {
        // The emulator commits the create and answers 200 with half of the body: the client cannot parse it.
        string tag = "garbled-" + Guid.NewGuid().ToString("N")[..12];
        string callback = stack.NewCallbackUrl(out string sink);
        object rule = new { drop_next = 1, drop_mode = "garble" };
        using (HttpResponseMessage set = await stack.EmulatorAdmin.PutAsJsonAsync("/_emulator/faults", new { operations = new Dictionary<string, object> { ["CreateEndpoint"] = rule } }))
        {
            set.EnsureSuccessStatusCode();
        }

        try
        {
            JsonObject endpoint = SeedEndpoint();
            endpoint["tags"] = new JsonArray(new JsonObject { ["key"] = "case", ["value"] = tag });

            using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", Envelope(endpoint, callback));

            JsonElement state = await stack.WaitForCompletionAsync(response.Headers.Location!.ToString());
            JsonElement created = Assert.Single(await stack.EmulatorEndpointsAsync(), e => HasTag(e, "case", tag));
            string endpointId = created.GetProperty("id").GetString()!;
            JsonElement outcome = state.GetProperty("outcome");
            Assert.Equal("accepted", outcome.GetProperty("result").GetString());
            Assert.Equal(endpointId, outcome.GetProperty("endpoint").GetProperty("id").GetString());
            JsonElement notified = CallbackBody(Assert.Single(await stack.WaitForCallbacksAsync(sink)));
            Assert.Equal(endpointId, notified.GetProperty("endpoint").GetProperty("id").GetString());
        }
        finally
        {
            using HttpResponseMessage cleared = await stack.EmulatorAdmin.DeleteAsync("/_emulator/faults");
        }
    }

    [Fact]
    public async Task An_unknown_request_id_is_404()
    {
        using HttpResponseMessage response = await stack.Api.GetAsync("/api/vpc-endpoints/vpcep-00000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/vpc-endpoints")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await stack.Api.SendAsync(request);
    }

    private async Task<int> CountInstancesAsync()
    {
        int count = 0;
        await foreach (OrchestrationMetadata _ in stack.Durable.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            count++;
        }

        return count;
    }

    private static JsonElement CallbackBody(JsonElement recorded) => recorded.GetProperty("body");

    private static bool HasTag(JsonElement endpoint, string key, string value) =>
        endpoint.TryGetProperty("tags", out JsonElement tags) && tags.ValueKind == JsonValueKind.Array
        && tags.EnumerateArray().Any(t => t.GetProperty("key").GetString() == key && t.GetProperty("value").GetString() == value);

    private static string Without(JsonObject endpoint, string field)
    {
        endpoint.Remove(field);
        return Envelope(endpoint, null).ToJsonString();
    }

    private static string With(JsonObject endpoint, string field, string value)
    {
        endpoint[field] = value;
        return Envelope(endpoint, null).ToJsonString();
    }

    private static string WithTags(int count)
    {
        JsonObject endpoint = SeedEndpoint();
        endpoint["tags"] = new JsonArray([.. Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject { ["key"] = $"k{i}", ["value"] = "v" })]);
        return Envelope(endpoint, null).ToJsonString();
    }
}
