using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vpcep.Cli.Tests.Infrastructure;

namespace Vpcep.Cli.Tests;

public class OutcomeTests
{
    [Theory]
    [InlineData("accepted", ExitCode.Success)]
    [InlineData("pending_acceptance", ExitCode.NotSuccessful)]
    [InlineData("rejected", ExitCode.NotSuccessful)]
    [InlineData("failed", ExitCode.NotSuccessful)]
    [InlineData("invalid", ExitCode.NotSuccessful)]
    [InlineData("timed_out", ExitCode.NotSuccessful)]
    public async Task Status_of_an_ended_request_exits_by_its_outcome(string result, ExitCode expected)
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/vpc-endpoints/{id}", (string id) => FakeVpcepApi.Json(200, Documents.Request(id, "Completed", result, "completed", result == "failed" ? "VPCEP.0001" : null))));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("status", "vpcep-1", "--url", api.Url.ToString());

        Assert.Equal((int)expected, exit);
        Assert.Contains(result, cli.Ansi.Output, StringComparison.Ordinal);
        Assert.Contains("vpcep-1", cli.Ansi.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Terminated")]
    public async Task A_request_whose_orchestration_failed_or_was_terminated_is_not_a_success(string runtimeStatus)
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/vpc-endpoints/{id}", (string id) => FakeVpcepApi.Json(200, Documents.Request(id, runtimeStatus))));
        var cli = new CliHarness();

        Assert.Equal(1, await cli.RunAsync("status", "vpcep-1", "--url", api.Url.ToString()));
    }

    [Fact]
    public async Task Status_of_a_request_still_running_exits_0()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/vpc-endpoints/{id}", (string id) => FakeVpcepApi.Json(202, Documents.Request(id, "Running"), retryAfter: 3)));
        var cli = new CliHarness();

        Assert.Equal(0, await cli.RunAsync("status", "vpcep-1", "--url", api.Url.ToString()));
        Assert.Contains("Running", cli.Ansi.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 0, ExitCode.Success)]
    [InlineData(9, 1, ExitCode.NotSuccessful)]
    public async Task Status_of_an_ended_batch_is_a_success_only_when_every_item_was_accepted(int accepted, int failed, ExitCode expected)
    {
        var counts = new Dictionary<string, int> { ["accepted"] = accepted, ["failed"] = failed };
        JsonObject[] items = [.. Enumerable.Range(0, 10).Select(i => Documents.Item(i, i < accepted ? "accepted" : "failed", i < accepted ? null : "VPCEP.9001", "quota exceeded"))];
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/batches/{id}", (string id) => FakeVpcepApi.Json(200, Documents.Batch(id, "Completed", 10, counts, items))));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("status", "--batch", "rollout-7", "--url", api.Url.ToString());

        Assert.Equal((int)expected, exit);
        Assert.Contains("batch rollout-7", cli.Ansi.Output, StringComparison.Ordinal);
        Assert.Contains("10/10 (100%)", cli.Ansi.Output, StringComparison.Ordinal);
        Assert.Equal(failed > 0, cli.Ansi.Output.Contains("VPCEP.9001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_with_wait_follows_the_status_url_honouring_retry_after_until_200_and_exits_by_the_outcome()
    {
        int looks = 0;
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app =>
        {
            app.MapPost("/api/vpc-endpoints", (HttpContext context) => FakeVpcepApi.Json(202, $$"""{"instance_id":"vpcep-7","status_url":"http://{{context.Request.Host}}/api/vpc-endpoints/vpcep-7","existing":false}"""));
            app.MapGet("/api/vpc-endpoints/{id}", (string id) => ++looks < 3
                ? FakeVpcepApi.Json(202, Documents.Request(id, "Running"), retryAfter: 3)
                : FakeVpcepApi.Json(200, Documents.Request(id, "Completed", "rejected", "completed")));
        });
        string file = await RefusalTests.TempFileAsync("""{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{}}""");
        var cli = new CliHarness();

        int exit = await cli.RunAsync("submit", file, "--wait", "--idempotency-key", "rollout-7-item-1", "--url", api.Url.ToString());

        Assert.Equal((int)ExitCode.NotSuccessful, exit);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], cli.Waits);
        Assert.Equal(3, looks);
        FakeVpcepApi.Received post = api.Requests.First();
        Assert.Equal(("rollout-7-item-1", """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{}}"""), (post.IdempotencyKey, post.Body));
        Assert.Contains("accepted request vpcep-7", cli.Output, StringComparison.Ordinal);
        Assert.Contains("result=rejected", cli.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deleted", ExitCode.Success)]
    [InlineData("already_gone", ExitCode.Success)]
    [InlineData("failed", ExitCode.NotSuccessful)]
    [InlineData("timed_out", ExitCode.NotSuccessful)]
    public async Task Delete_with_wait_follows_the_deprovisioning_and_exits_by_its_result(string result, ExitCode expected)
    {
        int looks = 0;
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app =>
        {
            app.MapDelete("/api/vpc-endpoints/{id}", (string id, HttpContext context) => FakeVpcepApi.Json(
                202,
                $$"""{"instance_id":"{{id}}","deprovision_instance_id":"vpcep-deprovision-1","status_url":"http://{{context.Request.Host}}/api/vpc-endpoints/{{id}}/deprovision","endpoint_id":"41819873-f5d3-4f99-9c8a-1d543cb2e090","existing":false}"""));
            app.MapGet("/api/vpc-endpoints/{id}/deprovision", (string id) => ++looks < 2
                ? FakeVpcepApi.Json(202, $$"""{"instance_id":"{{id}}","deprovision_instance_id":"vpcep-deprovision-1","runtime_status":"Running","endpoint_id":"41819873-f5d3-4f99-9c8a-1d543cb2e090","result":null,"error":null}""", retryAfter: 2)
                : FakeVpcepApi.Json(200, $$"""{"instance_id":"{{id}}","deprovision_instance_id":"vpcep-deprovision-1","runtime_status":"Completed","endpoint_id":"41819873-f5d3-4f99-9c8a-1d543cb2e090","result":"{{result}}","error":null}"""));
        });
        var cli = new CliHarness();

        int exit = await cli.RunAsync("delete", "vpcep-1", "--cancel", "--wait", "--url", api.Url.ToString());

        Assert.Equal((int)expected, exit);
        Assert.Equal("/api/vpc-endpoints/vpcep-1?cancel=true", api.Requests.First().PathAndQuery);
        Assert.Equal([TimeSpan.FromSeconds(2)], cli.Waits);
        Assert.Contains(result, cli.Ansi.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("started,existing,nothing_to_delete", ExitCode.Success)]
    [InlineData("started,still_provisioning", ExitCode.NotSuccessful)]
    public async Task Deleting_a_batch_is_not_a_success_while_items_are_left_still_provisioning(string states, ExitCode expected)
    {
        JsonArray items = [.. states.Split(',').Select((state, index) => (JsonNode)new JsonObject
        {
            ["index"] = index,
            ["instance_id"] = $"vpcep-item{index}",
            ["deprovision_instance_id"] = state == "started" ? $"vpcep-deprovision-{index}" : null,
            ["status_url"] = $"http://127.0.0.1/api/vpc-endpoints/vpcep-item{index}/deprovision",
            ["state"] = state,
        })];
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapDelete("/api/batches/{id}", (string id) => FakeVpcepApi.Json(202, new JsonObject { ["batch_id"] = id, ["items"] = items.DeepClone() }.ToJsonString())));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("delete", "--batch", "rollout-7", "--url", api.Url.ToString());

        Assert.Equal((int)expected, exit);
        Assert.Equal("/api/batches/rollout-7", api.Requests.Single().PathAndQuery);
        foreach (string state in states.Split(','))
        {
            Assert.Contains(state, cli.Ansi.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Redeliver_posts_to_the_notifications_route_and_exits_0()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapPost("/api/vpc-endpoints/{id}/notifications", (string id) => FakeVpcepApi.Json(
            202, $$"""{"event_id":"outcome_{{id}}","delivery_instance_id":"vpcep-notify-1","status_url":"http://127.0.0.1/api/vpc-endpoints/{{id}}"}""")));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("redeliver", "vpcep-1", "--url", api.Url.ToString());

        Assert.Equal(0, exit);
        Assert.Equal(("POST", "/api/vpc-endpoints/vpcep-1/notifications"), (api.Requests.Single().Method, api.Requests.Single().PathAndQuery));
        Assert.Contains("event outcome_vpcep-1", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeliver_with_batch_posts_to_the_batchs_notifications_route_and_exits_0()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapPost("/api/batches/{id}/notifications", (string id) => FakeVpcepApi.Json(
            202, $$"""{"event_id":"batch_summary_{{id}}","delivery_instance_id":"vpcep-notify-2","status_url":"http://127.0.0.1/api/batches/{{id}}"}""")));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("redeliver", "--batch", "rollout-7", "--url", api.Url.ToString());

        Assert.Equal(0, exit);
        Assert.Equal(("POST", "/api/batches/rollout-7/notifications"), (api.Requests.Single().Method, api.Requests.Single().PathAndQuery));
        Assert.Contains("event batch_summary_rollout-7", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_each_command_writes_exactly_the_api_documents_one_per_line()
    {
        string accepted = """{"instance_id":"vpcep-7","status_url":"http://127.0.0.1/api/vpc-endpoints/vpcep-7","existing":true}""";
        string status = Documents.Request("vpcep-7", "Completed", "accepted", "completed");
        string batch = Documents.Batch("rollout-7", "Running", 3, new Dictionary<string, int> { ["accepted"] = 1 }, [Documents.Item(0, "accepted"), Documents.Item(1, null), Documents.Item(2, null)]);
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app =>
        {
            app.MapPost("/api/vpc-endpoints", () => FakeVpcepApi.Json(202, accepted));
            // Pretty-printed on purpose: --json still writes one line per document.
            app.MapGet("/api/vpc-endpoints/{id}", () => FakeVpcepApi.Json(200, JsonNode.Parse(status)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            app.MapGet("/api/batches/{id}", () => FakeVpcepApi.Json(202, batch, retryAfter: 3));
        });
        string file = await RefusalTests.TempFileAsync("{}");
        var cli = new CliHarness();

        Assert.Equal(0, await cli.RunAsync("submit", file, "--json", "--url", api.Url.ToString()));
        Assert.Equal(0, await cli.RunAsync("status", "vpcep-7", "--json", "--url", api.Url.ToString()));
        Assert.Equal(0, await cli.RunAsync("status", "--batch", "rollout-7", "--json", "--url", api.Url.ToString()));

        Assert.Collection(
            cli.OutputLines,
            line => AssertSameDocument(accepted, line),
            line => AssertSameDocument(status, line),
            line => AssertSameDocument(batch, line));
        Assert.Empty(cli.Ansi.Output);
    }

    internal static void AssertSameDocument(string expected, string line) =>
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(line).RootElement), $"Expected {expected}, written {line}");
}
