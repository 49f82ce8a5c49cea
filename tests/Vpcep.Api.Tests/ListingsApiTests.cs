using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

public sealed class ListingsApiTests
{
    private const string Base = "https://provisioning.example.test/tenant-a";

    private static readonly DateTimeOffset Created = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTaskHub hub = new();
    private readonly FakeInstanceStore store;

    public ListingsApiTests() => store = new FakeInstanceStore(hub);

    private static OrchestrationMetadata Metadata(
        string name, string instanceId, OrchestrationRuntimeStatus status, object? input, object? output = null, object? customStatus = null, int minutes = 0, string? failure = null) =>
        new(name, instanceId)
        {
            RuntimeStatus = status,
            FailureDetails = failure is null ? null : new TaskFailureDetails("InvalidOperationException", failure, null, null, null),
            CreatedAt = Created.AddMinutes(minutes),
            LastUpdatedAt = Created.AddMinutes(minutes + 1),
            SerializedInput = input is null ? null : JsonDataConverter.Default.Serialize(input),
            SerializedOutput = output is null ? null : JsonDataConverter.Default.Serialize(output),
            SerializedCustomStatus = customStatus is null ? null : JsonDataConverter.Default.Serialize(customStatus),
            DataConverter = JsonDataConverter.Default,
        };

    private static BatchInput BatchOf(string batchId, int valid, int invalid = 0) =>
        new(batchId, [.. Enumerable.Range(0, valid + invalid).Select(i => i < valid
            ? new BatchItem(i, InstanceIds.ForBatchItem(batchId, null, i), FakeOrchestration.Input(), null)
            : FakeBatchOrchestration.Invalid(i))], null, FakeOrchestration.Settings());

    private static OrchestrationMetadata Batch(BatchInput input, OrchestrationRuntimeStatus status, BatchOutcome? outcome = null, BatchProgress? progress = null, int minutes = 0) =>
        Metadata(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(input.BatchId), status, input, outcome, progress, minutes);

    private static BatchOutcome Ended(BatchInput input, Func<int, string> result) => new()
    {
        BatchId = input.BatchId,
        Total = input.Items.Count,
        Items = [.. input.Items.Select(i => new BatchItemResult
        {
            Index = i.Index,
            InstanceId = i.InstanceId,
            Result = i.Input is null ? ProvisioningResult.Invalid : result(i.Index),
            Error = result(i.Index) == ProvisioningResult.Failed ? new ProvisioningError("EndPoint.2004", "The service is unavailable.") : null,
        })],
    };

    private static OrchestrationMetadata Request(string instanceId, OrchestrationRuntimeStatus status, string? result = null, string? caller = null, string? phase = null, int minutes = 0) =>
        Metadata(
            ProvisionEndpointOrchestrator.Name,
            instanceId,
            status,
            FakeOrchestration.Input() with { Caller = caller },
            result is null ? null : new ProvisioningOutcome { InstanceId = instanceId, Result = result, ProjectId = FakeOrchestration.Request().ProjectId, Endpoint = FakeOrchestration.Endpoint("accepted") },
            new ProvisioningStatus(phase ?? (result is null ? ProvisioningPhase.Polling : ProvisioningPhase.Completed), "ep-live"),
            minutes);

    private static HttpExchange Get(string query, Caller? caller = null)
    {
        var exchange = new HttpExchange("GET");
        exchange.Context.Request.QueryString = new QueryString(query);
        if (caller is not null)
        {
            exchange.Context.Features.Set(caller);
        }

        return exchange;
    }

    private static Caller Named(string name, bool admin = false) => new(name, new HashSet<string>(), admin);

    private async Task<JsonElement> ListBatchesAsync(string query = "", int status = StatusCodes.Status200OK, Caller? caller = null)
    {
        using HttpExchange exchange = Get(query, caller);
        await exchange.ExecuteAsync(await ListingsApi.ListBatchesAsync(exchange.Request, hub.Client, CancellationToken.None));
        Assert.Equal(status, exchange.StatusCode);
        return exchange.ResponseJson().RootElement.Clone();
    }

    private async Task<JsonElement> ListItemsAsync(string batchId, string query = "", int status = StatusCodes.Status200OK, Caller? caller = null)
    {
        using HttpExchange exchange = Get(query, caller);
        await exchange.ExecuteAsync(await ListingsApi.ListBatchItemsAsync(batchId, exchange.Request, hub.Client, CancellationToken.None));
        Assert.Equal(status, exchange.StatusCode);
        return exchange.ResponseJson().RootElement.Clone();
    }

    private async Task<JsonElement> ListRequestsAsync(string query = "", int status = StatusCodes.Status200OK, Caller? caller = null)
    {
        using HttpExchange exchange = Get(query, caller);
        await exchange.ExecuteAsync(await ListingsApi.ListRequestsAsync(exchange.Request, hub.Client, CancellationToken.None));
        Assert.Equal(status, exchange.StatusCode);
        return exchange.ResponseJson().RootElement.Clone();
    }

    private static string[] Strings(JsonElement array, string property) => [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];

    private static string[] Parameters(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("parameter").GetString()!)];

    [Fact]
    public async Task Batches_are_listed_newest_first_with_their_progress_and_status_urls_from_the_custom_status_without_reading_inputs()
    {
        BatchInput older = BatchOf("nightly-1", 3), newer = BatchOf("nightly-2", 2);
        store.Add(
            Batch(older, OrchestrationRuntimeStatus.Completed, progress: new BatchProgress(3, 3, new Dictionary<string, int> { ["accepted"] = 3 }, "nightly-1"), minutes: 0),
            Batch(newer, OrchestrationRuntimeStatus.Running, progress: new BatchProgress(2, 1, new Dictionary<string, int> { ["failed"] = 1 }, "nightly-2"), minutes: 5),
            Request(InstanceIds.For("not-a-batch"), OrchestrationRuntimeStatus.Running));

        JsonElement page = await ListBatchesAsync();

        JsonElement[] batches = [.. page.GetProperty("batches").EnumerateArray()];
        Assert.Equal(["nightly-2", "nightly-1"], batches.Select(b => b.GetProperty("batch_id").GetString()));
        Assert.Equal(InstanceIds.ForBatch("nightly-2"), batches[0].GetProperty("instance_id").GetString());
        Assert.Equal("Running", batches[0].GetProperty("runtime_status").GetString());
        Assert.Equal((2, 1, 1), (batches[0].GetProperty("total").GetInt32(), batches[0].GetProperty("completed").GetInt32(), batches[0].GetProperty("counts").GetProperty("failed").GetInt32()));
        Assert.Equal(Base + "/api/batches/nightly-2", batches[0].GetProperty("status_url").GetString());
        Assert.Equal(Created.AddMinutes(5), batches[0].GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(Created.AddMinutes(6), batches[0].GetProperty("last_updated_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation_token").ValueKind);
        RecordedQuery query = Assert.Single(store.Queries);
        Assert.Equal((InstanceIds.BatchPrefix, false, 50), (query.Prefix, query.FetchInputsAndOutputs, query.PageSize));
        Assert.Empty(store.Reads);
    }

    [Fact]
    public async Task A_batch_whose_status_does_not_name_it_yet_has_its_input_read_for_its_id_and_size()
    {
        store.Add(Batch(BatchOf("queued-batch", 4), OrchestrationRuntimeStatus.Pending));

        JsonElement batch = Assert.Single((await ListBatchesAsync()).GetProperty("batches").EnumerateArray());

        Assert.Equal(("queued-batch", 4, 0), (batch.GetProperty("batch_id").GetString(), batch.GetProperty("total").GetInt32(), batch.GetProperty("completed").GetInt32()));
        Assert.Equal([InstanceIds.ForBatch("queued-batch")], store.Reads);
    }

    [Fact]
    public async Task Batches_page_through_with_the_token_each_page_gives_and_list_every_batch_once()
    {
        for (int i = 0; i < 5; i++)
        {
            store.Add(Batch(BatchOf($"b-{i}", 1), OrchestrationRuntimeStatus.Running, progress: new BatchProgress(1, 0, new Dictionary<string, int>(), $"b-{i}")));
        }

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            JsonElement page = await ListBatchesAsync("?page_size=2" + (token is null ? "" : "&continuation_token=" + Uri.EscapeDataString(token)));
            seen.AddRange(Strings(page.GetProperty("batches"), "batch_id"));
            token = page.GetProperty("continuation_token").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"b-{i}").Order(), seen.Order());
    }

    [Fact]
    public async Task Listing_batches_is_for_operators_a_named_caller_gets_a_403_and_an_operator_the_list()
    {
        store.Add(Batch(BatchOf("b", 1), OrchestrationRuntimeStatus.Running, progress: new BatchProgress(1, 0, new Dictionary<string, int>(), "b")));

        await ListBatchesAsync(status: StatusCodes.Status403Forbidden, caller: Named("tenant-a"));
        JsonElement page = await ListBatchesAsync(caller: Named("ops", admin: true));

        Assert.Single(page.GetProperty("batches").EnumerateArray());
    }

    [Theory]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=501", "page_size")]
    [InlineData("?page_size=ten", "page_size")]
    [InlineData("?continuation_token=not*base64", "continuation_token")]
    public async Task A_bad_query_value_of_the_batch_listing_is_a_400_naming_it_and_reads_nothing(string query, string parameter)
    {
        JsonElement problem = await ListBatchesAsync(query, StatusCodes.Status400BadRequest);

        Assert.Equal([parameter], Parameters(problem));
        Assert.Equal("urn:vpcep-functions:problem:invalid-query", problem.GetProperty("type").GetString());
        Assert.Empty(store.Queries);
    }

    [Fact]
    public async Task The_items_of_an_ended_batch_are_filtered_by_result_from_its_output_without_reading_the_items()
    {
        BatchInput input = BatchOf("mixed", 4, invalid: 1);
        store.Add(Batch(input, OrchestrationRuntimeStatus.Completed, Ended(input, i => i % 2 == 0 ? ProvisioningResult.Accepted : ProvisioningResult.Failed)));

        JsonElement page = await ListItemsAsync("mixed", "?result=failed,invalid");

        Assert.Equal("mixed", page.GetProperty("batch_id").GetString());
        JsonElement[] items = [.. page.GetProperty("items").EnumerateArray()];
        Assert.Equal([1, 3, 4], items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.Equal(["failed", "failed", "invalid"], items.Select(i => i.GetProperty("result").GetString()));
        Assert.Equal("EndPoint.2004", items[0].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(Base + "/api/vpc-endpoints/" + input.Items[1].InstanceId, items[0].GetProperty("status_url").GetString());
        Assert.Equal("/requests/4/project_id", items[2].GetProperty("validation_errors")[0].GetProperty("pointer").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation_token").ValueKind);
        Assert.Equal([InstanceIds.ForBatch("mixed")], store.Reads);
    }

    [Fact]
    public async Task Paging_through_a_batchs_items_five_at_a_time_yields_every_item_once_in_batch_order()
    {
        BatchInput input = BatchOf("twelve", 12);
        store.Add(Batch(input, OrchestrationRuntimeStatus.Completed, Ended(input, _ => ProvisioningResult.Accepted)));

        var seen = new List<int>();
        string? token = null;
        int pages = 0;
        do
        {
            JsonElement page = await ListItemsAsync("twelve", "?page_size=5" + (token is null ? "" : "&continuation_token=" + token));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
            token = page.GetProperty("continuation_token").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12), seen);
    }

    [Fact]
    public async Task The_items_of_a_running_batch_show_their_own_orchestrations_results_as_they_end()
    {
        BatchInput input = BatchOf("live", 4);
        store.Add(
            Batch(input, OrchestrationRuntimeStatus.Running),
            Request(input.Items[0].InstanceId!, OrchestrationRuntimeStatus.Completed, ProvisioningResult.Accepted),
            Request(input.Items[1].InstanceId!, OrchestrationRuntimeStatus.Running),
            Metadata(ProvisionEndpointOrchestrator.Name, input.Items[2].InstanceId!, OrchestrationRuntimeStatus.Failed, FakeOrchestration.Input(), failure: "The workflow broke."));

        JsonElement all = await ListItemsAsync("live");
        JsonElement running = await ListItemsAsync("live", "?result=running");

        JsonElement[] items = [.. all.GetProperty("items").EnumerateArray()];
        Assert.Equal("accepted", items[0].GetProperty("result").GetString());
        Assert.Equal(FakeOrchestration.EndpointId, items[0].GetProperty("endpoint_id").GetString());
        Assert.False(items[1].TryGetProperty("result", out _), "A running item has no result yet.");
        Assert.Equal(("failed", "orchestration_failed", "The workflow broke."), (items[2].GetProperty("result").GetString(), items[2].GetProperty("error").GetProperty("code").GetString(), items[2].GetProperty("error").GetProperty("message").GetString()));
        Assert.False(items[3].TryGetProperty("result", out _), "An item whose orchestration has not started has no result yet.");
        Assert.Equal([1, 3], running.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task Every_problem_of_an_items_query_is_named_in_one_400_and_nothing_is_read()
    {
        JsonElement problem = await ListItemsAsync("any", "?result=failed,bogus,worse&page_size=0", StatusCodes.Status400BadRequest);

        Assert.Equal(["result", "result", "page_size"], Parameters(problem));
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'bogus'", detail, StringComparison.Ordinal);
        Assert.Contains("'worse'", detail, StringComparison.Ordinal);
        Assert.Contains("timed_out", detail, StringComparison.Ordinal);
        Assert.Empty(store.Reads);
    }

    [Fact]
    public async Task A_continuation_token_of_another_listing_is_refused_as_a_400()
    {
        store.Add(Request(InstanceIds.For("k1"), OrchestrationRuntimeStatus.Running), Request(InstanceIds.For("k2"), OrchestrationRuntimeStatus.Running));
        string requestsToken = (await ListRequestsAsync("?page_size=1")).GetProperty("continuation_token").GetString()!;

        JsonElement problem = await ListItemsAsync("any", "?continuation_token=" + requestsToken, StatusCodes.Status400BadRequest);

        Assert.Equal(["continuation_token"], Parameters(problem));
    }

    [Fact]
    public async Task The_items_of_an_unknown_batch_or_for_a_caller_that_is_not_an_operator_are_a_404()
    {
        BatchInput input = BatchOf("known", 1);
        store.Add(Batch(input, OrchestrationRuntimeStatus.Running));

        await ListItemsAsync("unknown", status: StatusCodes.Status404NotFound);
        await ListItemsAsync("known", status: StatusCodes.Status404NotFound, caller: Named("tenant-a"));
        await ListItemsAsync("known", caller: Named("ops", admin: true));
    }

    [Fact]
    public async Task Requests_are_listed_without_batches_deliveries_watchers_or_follow_ups_and_no_other_kind_is_read()
    {
        string accepted = InstanceIds.For("a"), running = InstanceIds.For("b");
        BatchInput batch = BatchOf("b", 1);
        store.Add(
            Request(accepted, OrchestrationRuntimeStatus.Completed, ProvisioningResult.Accepted, minutes: 1),
            Request(running, OrchestrationRuntimeStatus.Running, phase: ProvisioningPhase.Creating, minutes: 2),
            Batch(batch, OrchestrationRuntimeStatus.Running),
            Metadata("DeliverNotificationOrchestrator", InstanceIds.ForDelivery("outcome_x"), OrchestrationRuntimeStatus.Running, "{}"),
            Metadata("EndpointWatchOrchestrator", InstanceIds.ForWatcher(FakeOrchestration.Request().ProjectId, "cn-north-4"), OrchestrationRuntimeStatus.Running, "{}"),
            Metadata("FollowPendingAcceptanceOrchestrator", InstanceIds.ForFollowUp(accepted), OrchestrationRuntimeStatus.Running, "{}"));

        JsonElement page = await ListRequestsAsync();

        JsonElement[] requests = [.. page.GetProperty("requests").EnumerateArray()];
        Assert.Equal([running, accepted], requests.Select(r => r.GetProperty("instance_id").GetString()));
        Assert.Equal(("Running", "creating", "ep-live"), (requests[0].GetProperty("runtime_status").GetString(), requests[0].GetProperty("phase").GetString(), requests[0].GetProperty("endpoint_id").GetString()));
        Assert.False(requests[0].TryGetProperty("result", out _));
        Assert.Equal(("accepted", FakeOrchestration.EndpointId), (requests[1].GetProperty("result").GetString(), requests[1].GetProperty("endpoint_id").GetString()));
        Assert.Equal(FakeOrchestration.Request().ProjectId, requests[1].GetProperty("project_id").GetString());
        Assert.Equal(Base + "/api/vpc-endpoints/" + accepted, requests[1].GetProperty("status_url").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("continuation_token").ValueKind);
        string[] others = [InstanceIds.ForBatch("b"), InstanceIds.ForDelivery("outcome_x"), InstanceIds.ForWatcher(FakeOrchestration.Request().ProjectId, "cn-north-4"), InstanceIds.ForFollowUp(accepted)];
        Assert.All(store.Queries, q =>
        {
            Assert.True(q.FetchInputsAndOutputs);
            Assert.DoesNotContain(others, id => id.StartsWith(q.Prefix!, StringComparison.Ordinal));
        });
        Assert.Empty(store.Reads);
    }

    [Fact]
    public async Task A_caller_lists_only_its_own_requests_and_an_operator_every_request()
    {
        string mine = InstanceIds.For("k", "tenant-a"), theirs = InstanceIds.For("k", "tenant-b"), shared = InstanceIds.For("k");
        store.Add(
            Request(mine, OrchestrationRuntimeStatus.Running, caller: "tenant-a"),
            Request(theirs, OrchestrationRuntimeStatus.Running, caller: "tenant-b"),
            Request(shared, OrchestrationRuntimeStatus.Running));

        JsonElement tenant = await ListRequestsAsync(caller: Named("tenant-a"));
        JsonElement operatorView = await ListRequestsAsync(caller: Named("ops", admin: true));

        Assert.Equal([mine], Strings(tenant.GetProperty("requests"), "instance_id"));
        Assert.Equal(new[] { mine, theirs, shared }.Order(), Strings(operatorView.GetProperty("requests"), "instance_id").Order());
    }

    [Fact]
    public async Task Requests_are_filtered_by_result_and_the_runtime_status_filter_goes_to_the_task_hub()
    {
        string failed = InstanceIds.For("f"), accepted = InstanceIds.For("a"), running = InstanceIds.For("r");
        store.Add(
            Request(failed, OrchestrationRuntimeStatus.Completed, ProvisioningResult.Failed),
            Request(accepted, OrchestrationRuntimeStatus.Completed, ProvisioningResult.Accepted),
            Request(running, OrchestrationRuntimeStatus.Running),
            Request(InstanceIds.For("t"), OrchestrationRuntimeStatus.Terminated));

        JsonElement failedOnly = await ListRequestsAsync("?result=failed&runtime_status=completed,Running");
        JsonElement stillRunning = await ListRequestsAsync("?result=running");

        Assert.Equal([failed], Strings(failedOnly.GetProperty("requests"), "instance_id"));
        Assert.All(store.Queries.Take(RequestIdRanges.All.Count), q => Assert.Equal([OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running], q.Statuses!));
        Assert.Equal([running], Strings(stillRunning.GetProperty("requests"), "instance_id"));
    }

    [Fact]
    public async Task Paging_through_requests_two_at_a_time_yields_every_request_once()
    {
        string[] ids = [.. Enumerable.Range(0, 7).Select(i => InstanceIds.For($"key-{i}"))];
        store.Add([.. ids.Select(id => Request(id, OrchestrationRuntimeStatus.Running))]);

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            JsonElement page = await ListRequestsAsync("?page_size=2" + (token is null ? "" : "&continuation_token=" + token));
            string[] values = Strings(page.GetProperty("requests"), "instance_id");
            Assert.True(values.Length <= 2);
            seen.AddRange(values);
            token = page.GetProperty("continuation_token").GetString();
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task Every_problem_of_a_requests_query_is_named_in_one_400()
    {
        JsonElement problem = await ListRequestsAsync("?runtime_status=Running,Sleeping&result=lost&page_size=9999&continuation_token=eA", StatusCodes.Status400BadRequest);

        Assert.Equal(["runtime_status", "result", "page_size", "continuation_token"], Parameters(problem));
        Assert.Contains("'Sleeping'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(store.Queries);
    }

    [Fact]
    public void The_request_id_ranges_hold_every_request_id_exactly_once_and_no_id_of_another_kind()
    {
        var random = new Random(14);
        string[] requests = [.. Enumerable.Range(0, 2000).Select(i => InstanceIds.For($"key-{i}-{random.Next()}")), "vpcep-" + new string('b', 32), "vpcep-ba" + new string('f', 30), "vpcep-" + new string('f', 32)];
        string[] others = [InstanceIds.ForBatch("x"), InstanceIds.ForDelivery("y"), InstanceIds.ForWatcher("p", "r"), InstanceIds.ForFollowUp("z")];

        Assert.All(requests, id => Assert.Single(RequestIdRanges.All, range => id.StartsWith(range, StringComparison.Ordinal)));
        Assert.All(others, id => Assert.DoesNotContain(RequestIdRanges.All, range => id.StartsWith(range, StringComparison.Ordinal)));
        Assert.Equal(RequestIdRanges.All.Order(StringComparer.Ordinal), RequestIdRanges.All);
    }

    [Fact]
    public async Task A_batch_read_with_include_items_false_is_the_document_without_its_items()
    {
        BatchInput input = BatchOf("big", 3);
        store.Add(Batch(input, OrchestrationRuntimeStatus.Running, progress: new BatchProgress(3, 1, new Dictionary<string, int> { ["accepted"] = 1 }, "big")));

        using HttpExchange without = Get("?include_items=false");
        await without.ExecuteAsync(await BatchesApi.GetAsync("big", without.Request, hub.Client, hub.Options, CancellationToken.None));
        using HttpExchange with = Get("");
        await with.ExecuteAsync(await BatchesApi.GetAsync("big", with.Request, hub.Client, hub.Options, CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, without.StatusCode);
        using JsonDocument small = without.ResponseJson();
        Assert.False(small.RootElement.TryGetProperty("items", out _), "include_items=false leaves the items out.");
        Assert.Equal((3, 1), (small.RootElement.GetProperty("total").GetInt32(), small.RootElement.GetProperty("completed").GetInt32()));
        using JsonDocument whole = with.ResponseJson();
        Assert.Equal(3, whole.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_include_items_value_that_is_not_true_or_false_is_a_400_naming_it()
    {
        using HttpExchange exchange = Get("?include_items=maybe");
        await exchange.ExecuteAsync(await BatchesApi.GetAsync("big", exchange.Request, hub.Client, hub.Options, CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        using JsonDocument problem = exchange.ResponseJson();
        Assert.Equal(["include_items"], Parameters(problem.RootElement));
        Assert.Empty(store.Reads);
    }
}
