using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.EndToEnd.Tests.Infrastructure;
using Vpcep.HuaweiCloud;

namespace Vpcep.EndToEnd.Tests;

/// <summary>A stack that signs its webhooks and retries failed deliveries within seconds.</summary>
public sealed class NotificationStack : ProvisioningStack
{
    public const string SigningSecret = "whsec_ZW5kLXRvLWVuZC1zaWduaW5nLXNlY3JldC0wMDAx";

    protected override IEnumerable<string> SelfHostArguments() =>
    [
        $"--Notifications:SigningSecrets:0={SigningSecret}",
        "--Notifications:RetrySchedule:0=00:00:01",
        "--Notifications:RetrySchedule:1=00:00:02",
        "--Notifications:RetrySchedule:2=00:00:02",
        "--Notifications:RetrySchedule:3=00:00:03",
        "--Notifications:RetrySchedule:4=00:00:03",
        "--Notifications:RetrySchedule:5=00:00:03",
        "--Notifications:PendingAcceptancePollInterval=00:00:01",
    ];
}

[CollectionDefinition(Name)]
public sealed class NotificationStackCollection : ICollectionFixture<NotificationStack>
{
    public const string Name = "notification stack";
}

/// <summary>
/// Notifications end to end: signed as Standard Webhooks says and checked by a verifier written from the
/// specification, retried with durable timers (also across a restart of the self-host) until exactly one delivery
/// succeeds, redelivered on an operator's request, and a pending_acceptance outcome followed to a second word.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(NotificationStackCollection.Name)]
public sealed class NotificationTests(NotificationStack stack)
{
    private static JsonObject Request(string callbackUrl, string serviceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a", JsonObject? notify = null)
    {
        JsonObject endpoint = WebhookProvisioningTests.SeedEndpoint();
        endpoint["endpoint_service_id"] = serviceId;
        var request = new JsonObject { ["project_id"] = WebhookProvisioningTests.ProjectId, ["callback_url"] = callbackUrl, ["endpoint"] = endpoint };
        if (notify is not null)
        {
            request["notify"] = notify;
        }

        return request;
    }

    private async Task<(string InstanceId, string StatusPath)> SubmitAsync(JsonObject request)
    {
        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (accepted.GetProperty("instance_id").GetString()!, new Uri(accepted.GetProperty("status_url").GetString()!).PathAndQuery);
    }

    private static string Header(JsonElement recorded, string name) => recorded.GetProperty("headers").GetProperty(name).GetString()!;

    private async Task<JsonElement> WaitForNotificationAsync(string statusPath, Func<JsonElement, bool> done)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        JsonElement state = default;
        while (DateTime.UtcNow < deadline)
        {
            state = await stack.Api.GetFromJsonAsync<JsonElement>(statusPath);
            if (state.TryGetProperty("outcome", out JsonElement outcome) && done(outcome.GetProperty("notification")))
            {
                return state;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{statusPath}: the notification did not get there in time; last state: {state}");
    }

    [Fact]
    public async Task A_delivered_outcome_is_signed_and_an_independent_verifier_accepts_it()
    {
        string callback = stack.NewCallbackUrl(out string sink);
        (string instanceId, _) = await SubmitAsync(Request(callback));

        JsonElement delivered = Assert.Single(await stack.WaitForCallbacksAsync(sink));

        Assert.Equal("outcome_" + instanceId, Header(delivered, "webhook-id"));
        byte[] body = Encoding.UTF8.GetBytes(delivered.GetProperty("raw_body").GetString()!);
        Assert.True(
            Vpcep.Testing.StandardWebhooksVerifier.Verify(
                NotificationStack.SigningSecret, Header(delivered, "webhook-id"), Header(delivered, "webhook-timestamp"), Header(delivered, "webhook-signature"), body, DateTimeOffset.UtcNow, out string why),
            why);
        Assert.False(
            Vpcep.Testing.StandardWebhooksVerifier.Verify(
                "whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtMDAwMDAwMDAwMDAw", Header(delivered, "webhook-id"), Header(delivered, "webhook-timestamp"), Header(delivered, "webhook-signature"), body, DateTimeOffset.UtcNow, out _));
    }

    [Fact]
    public async Task A_receiver_failing_three_times_gets_exactly_one_successful_delivery_with_the_same_webhook_id_each_time()
    {
        string callback = stack.NewCallbackUrl(out string sink) + "?fail=3&retry_after=1";
        (string instanceId, string statusPath) = await SubmitAsync(Request(callback));

        JsonElement state = await WaitForNotificationAsync(statusPath, n => n.GetProperty("delivered").GetBoolean());

        JsonElement[] received = await stack.WaitForCallbacksAsync(sink, atLeast: 4);
        Assert.Equal([503, 503, 503, 200], received.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(received, r => Assert.Equal("outcome_" + instanceId, Header(r, "webhook-id")));
        JsonElement notification = state.GetProperty("outcome").GetProperty("notification");
        Assert.Equal("delivered", notification.GetProperty("state").GetString());
        JsonElement[] attempts = [.. Assert.Single(notification.GetProperty("channels").EnumerateArray()).GetProperty("attempts").EnumerateArray()];
        Assert.Equal(["retry", "retry", "retry", "delivered"], attempts.Select(a => a.GetProperty("verdict").GetString()));
        Assert.Equal([503, 503, 503, 200], attempts.Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.All(attempts[..3], a => Assert.Equal(1, a.GetProperty("retry_after_seconds").GetDouble()));

        // Nothing more arrives once one delivery succeeded.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(4, (await stack.WaitForCallbacksAsync(sink)).Length);
    }

    [Fact]
    public async Task A_receiver_down_across_a_restart_of_the_self_host_still_gets_the_outcome_once()
    {
        string callback = stack.NewCallbackUrl(out string sink) + "?fail=2";
        (string instanceId, string statusPath) = await SubmitAsync(Request(callback));

        // The first attempt failed: the delivery now waits on a durable timer. Stop the host while it waits.
        Assert.NotEmpty(await stack.WaitForCallbacksAsync(sink));
        await stack.RestartSelfHostAsync(() => Task.Delay(TimeSpan.FromSeconds(2)));

        JsonElement state = await WaitForNotificationAsync(statusPath, n => n.GetProperty("delivered").GetBoolean());
        JsonElement[] received = await stack.WaitForCallbacksAsync(sink, atLeast: 3);
        Assert.Single(received, r => r.GetProperty("status").GetInt32() == 200);
        Assert.All(received, r => Assert.Equal("outcome_" + instanceId, Header(r, "webhook-id")));
        Assert.Equal("accepted", state.GetProperty("outcome").GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_receiver_answering_gone_is_not_tried_again_and_an_operator_can_redeliver_and_list_it()
    {
        string callback = stack.NewCallbackUrl(out string sink) + "?fail=1&fail_status=410";
        (string instanceId, string statusPath) = await SubmitAsync(Request(callback));

        JsonElement state = await WaitForNotificationAsync(statusPath, n => n.GetProperty("state").GetString() == "gone");
        Assert.False(state.GetProperty("outcome").GetProperty("notification").GetProperty("delivered").GetBoolean());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await stack.WaitForCallbacksAsync(sink));

        // Listed as undelivered only once a delivery orchestration exists; a redelivery makes one.
        using HttpResponseMessage redeliver = await stack.Api.PostAsync($"/api/vpc-endpoints/{instanceId}/notifications", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        JsonElement accepted = await redeliver.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("outcome_" + instanceId, accepted.GetProperty("event_id").GetString());

        state = await WaitForNotificationAsync(statusPath, n => n.GetProperty("delivered").GetBoolean());
        JsonElement[] received = await stack.WaitForCallbacksAsync(sink, atLeast: 2);
        Assert.Equal([410, 200], received.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(received, r => Assert.Equal("outcome_" + instanceId, Header(r, "webhook-id")));
        JsonElement[] attempts = [.. Assert.Single(state.GetProperty("outcome").GetProperty("notification").GetProperty("channels").EnumerateArray()).GetProperty("attempts").EnumerateArray()];
        Assert.Equal(["gone", "delivered"], attempts.Select(a => a.GetProperty("verdict").GetString()));

        JsonElement all = await stack.Api.GetFromJsonAsync<JsonElement>("/api/notifications?state=all");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("event_id").GetString() == "outcome_" + instanceId);
        JsonElement undelivered = await stack.Api.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.DoesNotContain(undelivered.GetProperty("items").EnumerateArray(), i => i.GetProperty("event_id").GetString() == "outcome_" + instanceId);
    }

    [Fact]
    public async Task A_batch_summary_answered_gone_is_redelivered_on_an_operators_request_and_the_batch_shows_it_delivered()
    {
        string callback = stack.NewCallbackUrl(out string sink) + "?fail=1&fail_status=410";
        string batchId = "redeliver-" + Guid.NewGuid().ToString("N")[..10];
        var batch = new JsonObject
        {
            ["batch_id"] = batchId,
            ["callback_url"] = callback,
            ["requests"] = new JsonArray(new JsonObject { ["project_id"] = WebhookProvisioningTests.ProjectId, ["endpoint"] = WebhookProvisioningTests.SeedEndpoint() }),
        };
        using (HttpResponseMessage accepted = await stack.Api.PostAsJsonAsync("/api/batches", batch))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        string batchPath = "/api/batches/" + batchId;
        JsonElement state = await WaitForBatchNotificationAsync(batchPath, n => n.GetProperty("state").GetString() == "gone");
        Assert.False(state.GetProperty("notification").GetProperty("delivered").GetBoolean());

        using HttpResponseMessage redeliver = await stack.Api.PostAsync(batchPath + "/notifications", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        Assert.Equal("batch_summary_" + batchId, (await redeliver.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("event_id").GetString());

        state = await WaitForBatchNotificationAsync(batchPath, n => n.GetProperty("delivered").GetBoolean());
        JsonElement[] received = await stack.WaitForCallbacksAsync(sink, atLeast: 2);
        Assert.Equal([410, 200], received.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(received, r => Assert.Equal("batch_summary_" + batchId, Header(r, "webhook-id")));
        JsonElement[] attempts = [.. Assert.Single(state.GetProperty("notification").GetProperty("channels").EnumerateArray()).GetProperty("attempts").EnumerateArray()];
        Assert.Equal(["gone", "delivered"], attempts.Select(a => a.GetProperty("verdict").GetString()));
    }

    private async Task<JsonElement> WaitForBatchNotificationAsync(string batchPath, Func<JsonElement, bool> done)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        JsonElement state = default;
        while (DateTime.UtcNow < deadline)
        {
            state = await stack.Api.GetFromJsonAsync<JsonElement>(batchPath + "?include_items=false");
            if (state.TryGetProperty("notification", out JsonElement notification) && notification.ValueKind == JsonValueKind.Object && done(notification))
            {
                return state;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{batchPath}: the summary's notification did not get there in time; last state: {state}");
    }

    [Fact]
    public async Task A_delivery_still_failing_is_listed_as_undelivered()
    {
        string callback = stack.NewCallbackUrl(out string sink) + "?fail=always";
        (string instanceId, string statusPath) = await SubmitAsync(Request(callback));

        await WaitForNotificationAsync(statusPath, n => n.GetProperty("state").GetString() == "retrying");

        JsonElement listed = await stack.Api.GetFromJsonAsync<JsonElement>("/api/notifications?state=undelivered");
        JsonElement item = Assert.Single(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("event_id").GetString() == "outcome_" + instanceId);
        Assert.Equal(instanceId, item.GetProperty("subject").GetString());
        Assert.Equal("provisioning.outcome", item.GetProperty("event_type").GetString());
        Assert.NotEmpty(await stack.WaitForCallbacksAsync(sink));

        using HttpResponseMessage again = await stack.Api.PostAsync($"/api/vpc-endpoints/{instanceId}/notifications", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_pending_acceptance_request_followed_to_accepted_gets_two_notifications()
    {
        string callback = stack.NewCallbackUrl(out string sink);
        (string instanceId, string statusPath) = await SubmitAsync(
            Request(callback, WebhookProvisioningTests.ApprovalServiceId, new JsonObject { ["follow_pending_acceptance"] = true }));

        JsonElement state = await stack.WaitForCompletionAsync(statusPath);
        Assert.Equal("pending_acceptance", state.GetProperty("outcome").GetProperty("result").GetString());
        string endpointId = state.GetProperty("outcome").GetProperty("endpoint").GetProperty("id").GetString()!;
        Assert.Single(await stack.WaitForCallbacksAsync(sink));

        // The service's owner accepts the connection (Huawei's "Accepting or Rejecting a VPC Endpoint").
        await stack.SelfHostServices.GetRequiredService<VpcepClient>().ActOnConnectionAsync(
            new ProjectScope(WebhookProvisioningTests.ProjectId), WebhookProvisioningTests.ApprovalServiceId, endpointId, accept: true);

        JsonElement[] received = await stack.WaitForCallbacksAsync(sink, atLeast: 2, within: TimeSpan.FromSeconds(60));
        Assert.Equal(2, received.Length);
        Assert.Equal(["outcome_" + instanceId, "outcome_followup_" + instanceId], received.Select(r => Header(r, "webhook-id")));
        Assert.Equal("pending_acceptance", received[0].GetProperty("body").GetProperty("result").GetString());
        Assert.Equal("accepted", received[1].GetProperty("body").GetProperty("result").GetString());
        Assert.Equal("accepted", received[1].GetProperty("body").GetProperty("endpoint").GetProperty("status").GetString());

        JsonElement followed = await stack.Api.GetFromJsonAsync<JsonElement>(statusPath);
        JsonElement followUp = followed.GetProperty("follow_up");
        Assert.Equal("Completed", followUp.GetProperty("runtime_status").GetString());
        Assert.Equal("accepted", followUp.GetProperty("outcome").GetProperty("result").GetString());
        Assert.True(followUp.GetProperty("outcome").GetProperty("notification").GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task An_outcome_sent_to_the_queue_and_smn_channels_arrives_on_both_with_its_event_id()
    {
        string topic = $"urn:smn:cn-north-4:{WebhookProvisioningTests.ProjectId}:vpcep-events";
        (string instanceId, string statusPath) = await SubmitAsync(Request(
            stack.NewCallbackUrl(out string sink), notify: new JsonObject { ["channels"] = new JsonArray("queue", "smn"), ["smn_topic_urn"] = topic }));

        JsonElement state = await WaitForNotificationAsync(statusPath, n => n.GetProperty("delivered").GetBoolean());

        Assert.Equal(["queue", "smn"], state.GetProperty("outcome").GetProperty("notification").GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("channel").GetString()));
        var queue = new Azure.Storage.Queues.QueueClient(stack.StorageConnectionString, "vpcep-outcomes");
        Azure.Storage.Queues.Models.PeekedMessage[] messages = (await queue.PeekMessagesAsync(maxMessages: 32)).Value;
        JsonElement[] envelopes = [.. messages.Select(m => JsonDocument.Parse(Convert.FromBase64String(m.MessageText)).RootElement.Clone())];
        JsonElement queued = Assert.Single(envelopes, e => e.GetProperty("id").GetString() == "outcome_" + instanceId);
        Assert.Equal("accepted", queued.GetProperty("data").GetProperty("result").GetString());

        JsonElement outbox = await stack.EmulatorAdmin.GetFromJsonAsync<JsonElement>("/_emulator/smn/messages");
        JsonElement published = Assert.Single(outbox.GetProperty("messages").EnumerateArray(), m =>
            JsonDocument.Parse(m.GetProperty("message").GetString()!).RootElement.GetProperty("id").GetString() == "outcome_" + instanceId);
        Assert.Equal(topic, published.GetProperty("topic_urn").GetString());

        // The webhook was not named, so its sink hears nothing.
        Assert.Empty(await stack.WaitForCallbacksAsync(sink, atLeast: 1, within: TimeSpan.FromSeconds(1)));
    }
}
