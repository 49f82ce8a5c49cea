using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.EndToEnd.Tests.Infrastructure;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// The asynchronous request-reply contract on the running stack: a running request answers 202 with Location and
/// Retry-After, an ended one 200 with the same document; terminate and purge over HTTP.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ProvisioningStackCollection.Name)]
public sealed class AsyncContractTests(ProvisioningStack stack)
{
    private static JsonObject Request(string? callbackUrl) => new()
    {
        ["project_id"] = WebhookProvisioningTests.ProjectId,
        ["callback_url"] = callbackUrl,
        ["endpoint"] = WebhookProvisioningTests.SeedEndpoint(),
    };

    private async Task<string> SubmitAsync(JsonObject body, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/vpc-endpoints") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using HttpResponseMessage response = await stack.Api.SendAsync(message);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status_url").GetString()!;
    }

    [Fact]
    public async Task A_running_request_answers_202_with_location_and_retry_after_and_the_ended_one_200_then_its_history_is_purged()
    {
        string statusUrl = await SubmitAsync(Request(stack.NewCallbackUrl(out string sink)));

        using (HttpResponseMessage running = await stack.Api.GetAsync(statusUrl))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            Assert.Equal(statusUrl, running.Headers.Location?.ToString());
            Assert.Equal(TimeSpan.FromSeconds(1), running.Headers.RetryAfter?.Delta); // Provisioning:PollInterval of the stack
            JsonElement state = await running.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(state.GetProperty("runtime_status").GetString(), new[] { "Pending", "Running" });
        }

        await stack.WaitForCompletionAsync(statusUrl);
        await stack.WaitForCallbacksAsync(sink);
        using (HttpResponseMessage ended = await stack.Api.GetAsync(statusUrl))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.Null(ended.Headers.Location);
            Assert.Null(ended.Headers.RetryAfter);
            JsonElement state = await ended.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Completed", state.GetProperty("runtime_status").GetString());
            Assert.Equal("accepted", state.GetProperty("outcome").GetProperty("result").GetString());
        }

        using HttpResponseMessage purged = await stack.Api.DeleteAsync(statusUrl + "/history");
        Assert.Equal(HttpStatusCode.NoContent, purged.StatusCode);
        using HttpResponseMessage gone = await stack.Api.GetAsync(statusUrl);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_running_request_is_terminated_then_refuses_a_second_terminate_and_its_purged_key_starts_a_new_request()
    {
        string key = "terminate-" + Guid.NewGuid().ToString("N");
        string statusUrl = await SubmitAsync(Request(callbackUrl: null), key);

        using HttpResponseMessage notEnded = await stack.Api.DeleteAsync(statusUrl + "/history");
        Assert.Equal(HttpStatusCode.Conflict, notEnded.StatusCode);

        using HttpResponseMessage terminate = await stack.Api.PostAsJsonAsync(statusUrl + "/terminate", new { reason = "wrong VPC" });
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal(statusUrl, terminate.Headers.Location?.ToString());

        JsonElement state = await stack.WaitForCompletionAsync(statusUrl);
        Assert.Equal("Terminated", state.GetProperty("runtime_status").GetString());
        Assert.False(state.TryGetProperty("outcome", out _));

        using HttpResponseMessage again = await stack.Api.PostAsync(statusUrl + "/terminate", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using HttpResponseMessage purged = await stack.Api.DeleteAsync(statusUrl + "/history");
        Assert.Equal(HttpStatusCode.NoContent, purged.StatusCode);
        using HttpResponseMessage gone = await stack.Api.GetAsync(statusUrl);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // The id is free again: the same key starts a new request under it.
        using var resubmit = new HttpRequestMessage(HttpMethod.Post, "/api/vpc-endpoints") { Content = JsonContent.Create(Request(callbackUrl: null)) };
        resubmit.Headers.Add("Idempotency-Key", key);
        using HttpResponseMessage fresh = await stack.Api.SendAsync(resubmit);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
        JsonElement accepted = await fresh.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(statusUrl, accepted.GetProperty("status_url").GetString());
        Assert.False(accepted.GetProperty("existing").GetBoolean());
        await stack.WaitForCompletionAsync(statusUrl);
    }

    [Fact]
    public async Task Terminate_and_purge_of_an_unknown_request_are_404()
    {
        using HttpResponseMessage terminate = await stack.Api.PostAsync("/api/vpc-endpoints/vpcep-00000000000000000000000000000000/terminate", null);
        using HttpResponseMessage purge = await stack.Api.DeleteAsync("/api/vpc-endpoints/vpcep-00000000000000000000000000000000/history");

        Assert.Equal(HttpStatusCode.NotFound, terminate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, purge.StatusCode);
    }
}
