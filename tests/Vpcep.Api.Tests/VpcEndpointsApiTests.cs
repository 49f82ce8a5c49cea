using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using NSubstitute;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

public class VpcEndpointsApiTests
{
    private readonly FakeTaskHub hub = new();

    private VpcEndpointsServices Services => new(hub.Client, hub.Intake, Microsoft.Extensions.Logging.Abstractions.NullLogger<VpcEndpointsServices>.Instance);

    private async Task<HttpExchange> PostAsync(string body, string? idempotencyKey = null)
    {
        var exchange = new HttpExchange("POST", body, idempotencyKey);
        IResult result = await VpcEndpointsApi.SubmitAsync(exchange.Request, Services, CancellationToken.None);
        await exchange.ExecuteAsync(result);
        return exchange;
    }

    private async Task<HttpExchange> GetAsync(string instanceId)
    {
        var exchange = new HttpExchange("GET");
        IResult result = await VpcEndpointsApi.GetAsync(instanceId, exchange.Context, hub.Client, hub.Options, CancellationToken.None);
        await exchange.ExecuteAsync(result);
        return exchange;
    }

    [Fact]
    public async Task A_valid_submission_is_202_with_the_status_url_in_location_and_body()
    {
        using HttpExchange exchange = await PostAsync(RequestDocuments.SeedExample, "order-1234");

        string id = InstanceIds.For("order-1234");
        string statusUrl = $"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}";
        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal(statusUrl, exchange.Location);
        Assert.StartsWith("application/json", exchange.ContentType, StringComparison.Ordinal);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(id, body.RootElement.GetProperty("instance_id").GetString());
        Assert.Equal(statusUrl, body.RootElement.GetProperty("status_url").GetString());
        Assert.False(body.RootElement.GetProperty("existing").GetBoolean());
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_repeated_submission_is_202_marked_existing_and_schedules_nothing()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));

        using HttpExchange exchange = await PostAsync(RequestDocuments.SeedExample, "order-1234");

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        Assert.True(body.RootElement.GetProperty("existing").GetBoolean());
        Assert.EndsWith(id, exchange.Location, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_invalid_submission_is_a_400_problem_listing_every_error()
    {
        using HttpExchange exchange = await PostAsync("""{"endpoint":{"vpc_id":7},"colour":"blue"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        Assert.Null(exchange.Location);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(400, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("urn:vpcep-functions:problem:invalid-request", body.RootElement.GetProperty("type").GetString());
        JsonElement errors = body.RootElement.GetProperty("errors");
        Assert.Equal(JsonValueKind.Array, errors.ValueKind);
        Assert.True(errors.GetArrayLength() >= 3, errors.ToString());
        Assert.All(errors.EnumerateArray(), e =>
        {
            Assert.NotNull(e.GetProperty("pointer").GetString());
            Assert.NotEmpty(e.GetProperty("code").GetString()!);
            Assert.NotEmpty(e.GetProperty("message").GetString()!);
        });
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("pointer").GetString() == "/colour");
        Assert.Contains($"{errors.GetArrayLength()} problem(s)", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_bad_idempotency_key_is_a_400_problem()
    {
        using HttpExchange exchange = await PostAsync(RequestDocuments.SeedExample, new string('k', 256));

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal("invalid_idempotency_key", body.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_reused_idempotency_key_is_a_422_problem()
    {
        hub.GivenInstances(FakeTaskHub.Instance(InstanceIds.For("order-1234"), FakeTaskHub.InputFor(RequestDocuments.SeedExample)));
        var different = RequestDocuments.Seed();
        different["region"] = "ap-southeast-1";

        using HttpExchange exchange = await PostAsync(different.ToJsonString(), "order-1234");

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_413_without_reading_it()
    {
        using var exchange = new HttpExchange("POST", RequestDocuments.SeedExample);
        exchange.Request.ContentLength = VpcEndpointsApi.MaxBodyBytes + 1;

        await exchange.ExecuteAsync(await VpcEndpointsApi.SubmitAsync(exchange.Request, Services, CancellationToken.None));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_chunked_body_that_grows_past_the_limit_is_413()
    {
        using var exchange = new HttpExchange("POST", "{\"project_id\":\"" + new string('x', VpcEndpointsApi.MaxBodyBytes) + "\"}");
        exchange.Request.ContentLength = null;

        await exchange.ExecuteAsync(await VpcEndpointsApi.SubmitAsync(exchange.Request, Services, CancellationToken.None));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_unknown_well_formed_id_is_404()
    {
        string id = InstanceIds.For("nobody");

        using HttpExchange exchange = await GetAsync(id);

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        await hub.Client.Received(1).GetInstanceAsync(id, true, Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("vpcep-ZZZZ")]
    [InlineData("vpcep-ba7816bf8f01cfea414140de5dae2223/../x")]
    public async Task An_ill_formed_id_is_404_without_asking_the_task_hub(string id)
    {
        using HttpExchange exchange = await GetAsync(id);

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task A_completed_request_is_200_with_its_outcome()
    {
        string id = InstanceIds.For("order-1234");
        var outcome = new ProvisioningOutcome { InstanceId = id, Result = ProvisioningResult.Accepted, ProjectId = RequestDocuments.ProjectId };
        hub.GivenInstances(new OrchestrationMetadata(ProvisionEndpointOrchestrator.Name, id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedInput = JsonDataConverter.Default.Serialize(FakeTaskHub.InputFor(RequestDocuments.SeedExample)),
            SerializedOutput = JsonDataConverter.Default.Serialize(outcome),
            SerializedCustomStatus = JsonDataConverter.Default.Serialize(new ProvisioningStatus(ProvisioningPhase.Completed, "ep-1", "accepted")),
            DataConverter = JsonDataConverter.Default,
        });

        using HttpExchange exchange = await GetAsync(id);

        Assert.Equal(StatusCodes.Status200OK, exchange.StatusCode);
        Assert.StartsWith("application/json", exchange.ContentType, StringComparison.Ordinal);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal("Completed", body.RootElement.GetProperty("runtime_status").GetString());
        Assert.Equal("completed", body.RootElement.GetProperty("phase").GetString());
        Assert.Equal("accepted", body.RootElement.GetProperty("outcome").GetProperty("result").GetString());
        Assert.Equal(id, body.RootElement.GetProperty("outcome").GetProperty("instance_id").GetString());
    }
}
