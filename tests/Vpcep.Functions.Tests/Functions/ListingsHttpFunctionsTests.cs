using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Vpcep.Functions.Functions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Functions.Tests.Functions;

/// <summary>The listing triggers call the shared handlers, and the function key they came with goes into every status URL listed.</summary>
public sealed class ListingsHttpFunctionsTests
{
    private const string Base = "https://provisioning.example.test/tenant-a";

    private readonly FakeTaskHub hub = new();
    private readonly FakeInstanceStore store;
    private readonly BatchInput batch = FakeBatchOrchestration.Batch(null, FakeBatchOrchestration.Valid(0));
    private readonly string requestId = InstanceIds.For("order-1234");

    public ListingsHttpFunctionsTests()
    {
        store = new FakeInstanceStore(hub);
        store.Add(
            new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(batch.BatchId))
            {
                RuntimeStatus = OrchestrationRuntimeStatus.Running,
                SerializedInput = JsonDataConverter.Default.Serialize(batch),
                SerializedCustomStatus = JsonDataConverter.Default.Serialize(new BatchProgress(1, 0, new Dictionary<string, int>(), batch.BatchId)),
                DataConverter = JsonDataConverter.Default,
            },
            FakeTaskHub.Instance(requestId, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));
    }

    private static async Task<JsonElement> ExecuteAsync(IActionResult result, HttpExchange exchange)
    {
        var action = Assert.IsType<HttpResultAction>(result);
        await action.ExecuteResultAsync(new ActionContext(exchange.Context, new RouteData(), new ActionDescriptor()));
        Assert.Equal(StatusCodes.Status200OK, exchange.StatusCode);
        return exchange.ResponseJson().RootElement.Clone();
    }

    private static HttpExchange WithCode()
    {
        var exchange = new HttpExchange("GET");
        exchange.Context.Request.QueryString = new QueryString("?code=abc");
        return exchange;
    }

    [Fact]
    public async Task The_batch_listing_carries_the_function_key_in_each_batchs_status_url()
    {
        using HttpExchange exchange = WithCode();

        JsonElement page = await ExecuteAsync(await ListingsHttpFunctions.ListBatchesAsync(exchange.Request, hub.Client), exchange);

        Assert.Equal($"{Base}/api/batches/{batch.BatchId}?code=abc", page.GetProperty("batches")[0].GetProperty("status_url").GetString());
    }

    [Fact]
    public async Task The_item_listing_carries_the_function_key_in_each_items_status_url()
    {
        using HttpExchange exchange = WithCode();

        JsonElement page = await ExecuteAsync(await ListingsHttpFunctions.ListBatchItemsAsync(exchange.Request, batch.BatchId, hub.Client), exchange);

        Assert.Equal($"{Base}/api/vpc-endpoints/{batch.Items[0].InstanceId}?code=abc", page.GetProperty("items")[0].GetProperty("status_url").GetString());
    }

    [Fact]
    public async Task The_request_listing_carries_the_function_key_in_each_requests_status_url()
    {
        using HttpExchange exchange = WithCode();

        JsonElement page = await ExecuteAsync(await ListingsHttpFunctions.ListRequestsAsync(exchange.Request, hub.Client), exchange);

        JsonElement request = Assert.Single(page.GetProperty("requests").EnumerateArray());
        Assert.Equal($"{Base}/api/vpc-endpoints/{requestId}?code=abc", request.GetProperty("status_url").GetString());
    }
}
