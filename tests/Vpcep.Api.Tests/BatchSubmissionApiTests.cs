using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api.Tests;

/// <summary><c>POST /api/batches</c>: the queue's batch document over HTTP, all or nothing.</summary>
public sealed class BatchSubmissionApiTests
{
    private const string BatchId = "rollout-2026-11";
    private const string StatusUrl = "https://provisioning.example.test/tenant-a/api/batches/" + BatchId;

    private readonly FakeTaskHub hub = new();
    private readonly QueueMessageOptions limits = new();

    private BatchesServices Services
    {
        get
        {
            IOptionsMonitor<QueueMessageOptions> monitor = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
            monitor.CurrentValue.Returns(limits);
            return new BatchesServices(hub.Client, hub.Intake, RequestDocuments.Parser(), monitor, NullLogger<BatchesServices>.Instance);
        }
    }

    private static JsonObject Batch(int items) => new()
    {
        ["batch_id"] = BatchId,
        ["requests"] = new JsonArray([.. Enumerable.Range(0, items).Select(_ => (JsonNode)RequestDocuments.Seed())]),
    };

    private async Task<HttpExchange> PostAsync(string body, string contentType = "application/json", Caller? caller = null)
    {
        var exchange = new HttpExchange("POST", body);
        exchange.Request.Path = BatchesApi.Route;
        exchange.Request.ContentType = contentType;
        if (caller is not null)
        {
            exchange.Context.Features.Set(caller);
        }

        IResult result = await BatchesApi.SubmitAsync(exchange.Request, Services, CancellationToken.None);
        await exchange.ExecuteAsync(result);
        return exchange;
    }

    private Task<HttpExchange> PostAsync(JsonNode body) => PostAsync(body.ToJsonString());

    private void GivenStarted(BatchInput input) =>
        hub.GivenInstances(new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(BatchId))
        {
            SerializedInput = JsonDataConverter.Default.Serialize(input),
            DataConverter = JsonDataConverter.Default,
        });

    [Fact]
    public async Task A_batch_of_500_is_202_with_the_batch_status_url_in_location_and_body()
    {
        using HttpExchange exchange = await PostAsync(Batch(500));

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal(StatusUrl, exchange.Location);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(BatchId, body.RootElement.GetProperty("batch_id").GetString());
        Assert.Equal(InstanceIds.ForBatch(BatchId), body.RootElement.GetProperty("instance_id").GetString());
        Assert.Equal(StatusUrl, body.RootElement.GetProperty("status_url").GetString());
        Assert.Equal(500, body.RootElement.GetProperty("total").GetInt32());
        Assert.False(body.RootElement.GetProperty("existing").GetBoolean());
        var input = Assert.IsType<BatchInput>(Assert.Single(hub.Schedules).Input);
        Assert.Equal(500, input.Items.Count);
        Assert.All(input.Items, item => Assert.NotNull(item.Input));
    }

    [Fact]
    public async Task The_same_document_again_is_202_pointing_at_the_existing_batch_and_starts_nothing()
    {
        using (await PostAsync(Batch(3)))
        {
        }

        GivenStarted((BatchInput)hub.Schedules[0].Input!);

        using HttpExchange again = await PostAsync(Batch(3));

        Assert.Equal(StatusCodes.Status202Accepted, again.StatusCode);
        Assert.Equal(StatusUrl, again.Location);
        using JsonDocument body = again.ResponseJson();
        Assert.True(body.RootElement.GetProperty("existing").GetBoolean());
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_different_document_under_a_used_batch_id_is_422_and_starts_nothing()
    {
        using (await PostAsync(Batch(3)))
        {
        }

        GivenStarted((BatchInput)hub.Schedules[0].Input!);

        using HttpExchange again = await PostAsync(Batch(4));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, again.StatusCode);
        Assert.Equal("application/problem+json", again.ContentType);
        Assert.Contains(BatchId, again.ResponseText, StringComparison.Ordinal);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task An_invalid_batch_is_400_listing_every_problem_of_the_batch_and_of_each_item_and_starts_nothing()
    {
        JsonObject document = Batch(3);
        document["callback_url"] = "ftp://hooks.example.test";
        document["requests"]![0]!["project_id"] = "not-hex";
        document["requests"]![2]!["endpoint"]!["vpc_id"] = "not-a-uuid";

        using HttpExchange exchange = await PostAsync(document);

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(
            [
                ("/callback_url", ValidationCodes.InvalidCallbackUrl),
                ("/requests/0/project_id", ValidationCodes.InvalidProjectId),
                ("/requests/2/endpoint/vpc_id", ValidationCodes.InvalidUuid),
            ],
            body.RootElement.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("pointer").GetString()!, e.GetProperty("code").GetString()!)));
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default(StartOrchestrationOptions), default);
    }

    [Fact]
    public async Task A_single_request_posted_as_a_batch_is_400_naming_what_a_batch_needs()
    {
        using HttpExchange exchange = await PostAsync(RequestDocuments.SeedExample);

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        string[] pointers = [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()!)];
        Assert.Contains("/batch_id", pointers);
        Assert.Contains("/requests", pointers);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_batch_over_the_item_limit_is_400()
    {
        limits.MaxBatchItems = 2;

        using HttpExchange exchange = await PostAsync(Batch(3));

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Contains("\"/requests\"", exchange.ResponseText, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_one_malformed_json_error()
    {
        using HttpExchange exchange = await PostAsync("{\"batch_id\": ");

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Contains(ValidationCodes.MalformedJson, exchange.ResponseText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_json_is_415()
    {
        using HttpExchange exchange = await PostAsync(Batch(1).ToJsonString(), "text/plain");

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_413_and_the_limit_is_named()
    {
        limits.MaxBatchBytes = 64 * 1024;
        string body = Batch(500).ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(body) > limits.MaxBatchBytes);

        using HttpExchange exchange = await PostAsync(body);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, exchange.StatusCode);
        Assert.Contains("ProvisioningQueue:MaxBatchBytes", exchange.ResponseText, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task The_default_limit_takes_500_items_well_above_what_one_queue_message_holds()
    {
        string body = Batch(500).ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(body) > 64 * 1024);

        using HttpExchange exchange = await PostAsync(body);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
    }

    [Fact]
    public async Task Unavailable_storage_is_503_with_retry_after()
    {
        hub.Client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new IOException("storage is down"));

        using HttpExchange exchange = await PostAsync(Batch(2));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, exchange.StatusCode);
        Assert.Equal("5", exchange.Context.Response.Headers.RetryAfter.ToString());
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_caller_that_is_not_an_operator_is_403_and_starts_nothing()
    {
        var caller = new Caller("alice", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);

        using HttpExchange exchange = await PostAsync(Batch(1).ToJsonString(), caller: caller);

        Assert.Equal(StatusCodes.Status403Forbidden, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_operator_may_submit_a_batch()
    {
        var caller = new Caller("ops", new HashSet<string>(StringComparer.Ordinal), IsAdmin: true);

        using HttpExchange exchange = await PostAsync(Batch(1).ToJsonString(), caller: caller);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
    }

    [Fact]
    public async Task A_batch_id_is_escaped_in_the_status_url()
    {
        JsonObject document = Batch(1);
        document["batch_id"] = "rollout 7/b";

        using HttpExchange exchange = await PostAsync(document);

        Assert.Equal("https://provisioning.example.test/tenant-a/api/batches/rollout%207%2Fb", exchange.Location);
    }
}
