using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using NSubstitute;
using Vpcep.Functions.Functions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Functions.Tests.Functions;

public class VpcEndpointsHttpFunctionsTests
{
    private readonly FakeTaskHub hub = new();

    private VpcEndpointsHttpFunctions Functions() =>
        new(hub.Intake, hub.Options, Microsoft.Extensions.Logging.Abstractions.NullLogger<Vpcep.Api.VpcEndpointsServices>.Instance);

    private static async Task ExecuteAsync(IActionResult result, HttpExchange exchange)
    {
        var action = Assert.IsType<HttpResultAction>(result);
        await action.ExecuteResultAsync(new ActionContext(exchange.Context, new RouteData(), new ActionDescriptor()));
    }

    [Fact]
    public async Task An_invalid_body_answers_400_and_schedules_nothing()
    {
        using var exchange = new HttpExchange("POST", """{"endpoint":{},"colour":"blue"}""", "order-1234");

        IActionResult result = await Functions().SubmitAsync(exchange.Request, hub.Client);
        await ExecuteAsync(result, exchange);

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        using JsonDocument body = exchange.ResponseJson();
        Assert.True(body.RootElement.GetProperty("errors").GetArrayLength() >= 2);
        await hub.Client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default, default);
    }

    [Fact]
    public async Task A_valid_body_answers_202_with_location_and_schedules_exactly_once()
    {
        using var exchange = new HttpExchange("POST", RequestDocuments.SeedExample, "order-1234");

        IActionResult result = await Functions().SubmitAsync(exchange.Request, hub.Client);
        await ExecuteAsync(result, exchange);

        string id = InstanceIds.For("order-1234");
        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal($"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}", exchange.Location);
        await hub.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            ProvisionEndpointOrchestrator.Name, Arg.Any<object?>(), Arg.Is<Microsoft.DurableTask.StartOrchestrationOptions?>(o => o!.InstanceId == id), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_submission_is_cancelled_with_the_request()
    {
        using var exchange = new HttpExchange("POST", RequestDocuments.SeedExample);
        using var aborted = new CancellationTokenSource();
        exchange.Context.RequestAborted = aborted.Token;

        await Functions().SubmitAsync(exchange.Request, hub.Client);

        await hub.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            Arg.Any<Microsoft.DurableTask.TaskName>(), Arg.Any<object?>(), Arg.Any<Microsoft.DurableTask.StartOrchestrationOptions?>(), aborted.Token);
    }

    [Fact]
    public async Task A_get_of_an_unknown_id_answers_404()
    {
        using var exchange = new HttpExchange("GET");
        string id = InstanceIds.For("nobody");

        IActionResult result = await Functions().GetAsync(exchange.Request, id, hub.Client);
        await ExecuteAsync(result, exchange);

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        await hub.Client.Received(1).GetInstanceAsync(id, true, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_get_of_an_ill_formed_id_answers_404_without_asking_the_task_hub()
    {
        using var exchange = new HttpExchange("GET");

        IActionResult result = await Functions().GetAsync(exchange.Request, "../secrets", hub.Client);
        await ExecuteAsync(result, exchange);

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task A_get_of_a_running_request_answers_202_with_location_retry_after_and_its_state()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));
        using var exchange = new HttpExchange("GET");

        IActionResult result = await Functions().GetAsync(exchange.Request, id, hub.Client);
        await ExecuteAsync(result, exchange);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal($"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}", exchange.Location);
        Assert.Equal("4", exchange.Context.Response.Headers.RetryAfter.ToString());
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(id, body.RootElement.GetProperty("instance_id").GetString());
        Assert.Equal("Running", body.RootElement.GetProperty("runtime_status").GetString());
    }
}
