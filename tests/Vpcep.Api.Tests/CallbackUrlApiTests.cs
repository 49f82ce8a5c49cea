using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Api.Tests;

/// <summary>Callback URL safety over the HTTP contract: a refused callback is a 400 naming it, and nothing starts.</summary>
public sealed class CallbackUrlApiTests
{
    private readonly FakeTaskHub hub = new();

    private static (string Pointer, string Code)[] Errors(HttpExchange exchange)
    {
        using JsonDocument body = exchange.ResponseJson();
        return [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("pointer").GetString()!, e.GetProperty("code").GetString()!))];
    }

    private async Task AssertNothingStartedAsync()
    {
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default(StartOrchestrationOptions), default);
    }

    [Fact]
    public async Task A_webhook_with_the_metadata_address_as_callback_is_400_naming_both_problems_and_starts_nothing()
    {
        JsonObject document = RequestDocuments.Seed();
        document["callback_url"] = "http://169.254.169.254/latest/meta-data";
        using var exchange = new HttpExchange("POST", document.ToJsonString(), "key-1");

        await exchange.ExecuteAsync(await VpcEndpointsApi.SubmitAsync(
            exchange.Request, new VpcEndpointsServices(hub.Client, hub.Intake, NullLogger<VpcEndpointsServices>.Instance), CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        Assert.Equal([("/callback_url", ValidationCodes.CallbackUrlNotHttps), ("/callback_url", ValidationCodes.CallbackUrlNotPublic)], Errors(exchange));
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task An_http_batch_with_one_item_whose_callback_resolves_to_a_private_address_is_400_and_starts_nothing()
    {
        hub.Resolver.Answer("hooks.internal.example", "10.20.30.40");
        JsonObject bad = RequestDocuments.Seed();
        bad["callback_url"] = "https://hooks.internal.example/one";
        var document = new JsonObject { ["batch_id"] = "rollout-9", ["requests"] = new JsonArray(RequestDocuments.Seed(), bad, RequestDocuments.Seed()) };
        IOptionsMonitor<QueueMessageOptions> limits = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        limits.CurrentValue.Returns(new QueueMessageOptions());
        using var exchange = new HttpExchange("POST", document.ToJsonString());
        exchange.Request.Path = BatchesApi.Route;
        exchange.Request.ContentType = "application/json";

        await exchange.ExecuteAsync(await BatchesApi.SubmitAsync(
            exchange.Request, new BatchesServices(hub.Client, hub.Intake, RequestDocuments.Parser(), limits, NullLogger<BatchesServices>.Instance), CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Equal([("/requests/1/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic)], Errors(exchange));
        await AssertNothingStartedAsync();
    }
}
