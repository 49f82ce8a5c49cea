using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

/// <summary>Callers are kept apart: another caller's key can neither read, reuse nor learn about a request.</summary>
public class CallerIsolationTests
{
    private static readonly Caller Alice = new("alice", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);
    private static readonly Caller Bob = new("bob", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);
    private static readonly Caller Operator = new("operator", new HashSet<string>(StringComparer.Ordinal), IsAdmin: true);

    private readonly FakeTaskHub hub = new();

    private VpcEndpointsServices Services => new(hub.Client, hub.Intake, NullLogger<VpcEndpointsServices>.Instance);

    private async Task<HttpExchange> PostAsync(Caller? caller, string body, string key, string contentType = "application/json")
    {
        var exchange = new HttpExchange("POST", body, key);
        exchange.Context.Request.ContentType = contentType;
        if (caller is not null)
        {
            exchange.Context.Features.Set(caller);
        }

        await exchange.ExecuteAsync(await VpcEndpointsApi.SubmitAsync(exchange.Request, Services, CancellationToken.None));
        return exchange;
    }

    private async Task<HttpExchange> GetAsync(Caller? caller, string instanceId)
    {
        var exchange = new HttpExchange("GET");
        if (caller is not null)
        {
            exchange.Context.Features.Set(caller);
        }

        await exchange.ExecuteAsync(await VpcEndpointsApi.GetAsync(instanceId, exchange.Context, hub.Client, hub.Options, CancellationToken.None));
        return exchange;
    }

    private void GivenRequestOf(string instanceId, string? owner) =>
        hub.GivenInstances(new OrchestrationMetadata(ProvisionEndpointOrchestrator.Name, instanceId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedInput = JsonDataConverter.Default.Serialize(FakeTaskHub.InputFor(RequestDocuments.SeedExample) with { Caller = owner }),
            DataConverter = JsonDataConverter.Default,
        });

    [Fact]
    public async Task The_same_idempotency_key_of_two_callers_starts_two_requests_that_never_meet()
    {
        using HttpExchange alice = await PostAsync(Alice, RequestDocuments.SeedExample, "order-1");
        using HttpExchange bob = await PostAsync(Bob, RequestDocuments.SeedExample, "order-1");

        Assert.Equal(StatusCodes.Status202Accepted, alice.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, bob.StatusCode);
        Assert.Equal(2, hub.Schedules.Count);
        Assert.NotEqual(hub.Schedules[0].InstanceId, hub.Schedules[1].InstanceId);
        Assert.Equal("alice", Assert.IsType<ProvisioningInput>(hub.Schedules[0].Input).Caller);
        Assert.Equal("bob", Assert.IsType<ProvisioningInput>(hub.Schedules[1].Input).Caller);
    }

    [Fact]
    public async Task Another_callers_request_is_404_as_if_it_did_not_exist_while_its_owner_and_the_operator_read_it()
    {
        string id = InstanceIds.For("order-1", "alice");
        GivenRequestOf(id, "alice");

        using HttpExchange bob = await GetAsync(Bob, id);
        using HttpExchange alice = await GetAsync(Alice, id);
        using HttpExchange op = await GetAsync(Operator, id);

        Assert.Equal(StatusCodes.Status404NotFound, bob.StatusCode);
        Assert.DoesNotContain("alice", bob.ResponseText, StringComparison.Ordinal);
        // The request still runs: its owner and the operator get 202 with its state.
        Assert.Equal(StatusCodes.Status202Accepted, alice.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, op.StatusCode);
        Assert.Contains(id, alice.ResponseText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_limited_to_some_projects_cannot_provision_in_another_and_nothing_starts()
    {
        var limited = Alice with { Projects = new HashSet<string>(["00000000000000000000000000000001"], StringComparer.Ordinal) };

        using HttpExchange exchange = await PostAsync(limited, RequestDocuments.SeedExample, "order-2");

        Assert.Equal(StatusCodes.Status403Forbidden, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("")]
    public async Task A_body_that_is_not_declared_json_is_415_and_starts_nothing(string contentType)
    {
        using HttpExchange exchange = await PostAsync(null, RequestDocuments.SeedExample, "order-3", contentType);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, exchange.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    public async Task Json_media_types_with_parameters_or_suffixes_are_accepted(string contentType)
    {
        using HttpExchange exchange = await PostAsync(null, RequestDocuments.SeedExample, "order-4", contentType);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
    }

    [Fact]
    public async Task A_read_while_the_task_hubs_storage_is_down_is_503_with_retry_after()
    {
        hub.Client.GetInstanceAsync(default!, default, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("storage unavailable"));

        using HttpExchange exchange = await GetAsync(null, InstanceIds.For("order-5"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, exchange.StatusCode);
        Assert.Equal("5", exchange.Context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Batches_are_read_by_operators_only_when_callers_are_told_apart()
    {
        var exchange = new HttpExchange("GET");
        exchange.Context.Features.Set(Alice);

        await exchange.ExecuteAsync(await BatchesApi.GetAsync("nightly-1", exchange.Request, hub.Client, hub.Options, CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
        exchange.Dispose();
    }
}
