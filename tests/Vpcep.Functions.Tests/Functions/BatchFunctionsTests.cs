using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.Api;
using Vpcep.Functions.Functions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Functions.Tests.Functions;

public sealed class BatchFunctionsTests
{
    private const string BatchId = "nightly-2026-03-01";
    private const string CallbackUrl = "https://hooks.example.test/batches";

    private readonly TaskOrchestrationContext orchestration = Substitute.For<TaskOrchestrationContext>();
    private readonly FakeTaskHub hub = new();

    private BatchFunctions Functions()
    {
        IOptionsMonitor<QueueMessageOptions> limits = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        limits.CurrentValue.Returns(new QueueMessageOptions());
        return new BatchFunctions(hub.Intake, RequestDocuments.Parser(), limits, hub.Options, NullLogger<BatchesServices>.Instance);
    }

    private static string ItemId(int index) => InstanceIds.ForBatchItem(BatchId, null, index);

    private static BatchInput Input(string? callbackUrl = null) => new(
        BatchId,
        [
            new BatchItem(0, ItemId(0), FakeOrchestration.Input(), null),
            new BatchItem(1, null, null, [new ValidationError("/requests/1", ValidationCodes.WrongType, "Not a request.")]),
        ],
        callbackUrl,
        FakeOrchestration.Settings());

    private static async Task ExecuteAsync(IActionResult result, HttpExchange exchange)
    {
        var action = Assert.IsType<HttpResultAction>(result);
        await action.ExecuteResultAsync(new ActionContext(exchange.Context, new RouteData(), new ActionDescriptor()));
    }

    [Fact]
    public async Task The_batch_orchestrator_function_runs_the_batch_on_the_contexts_input()
    {
        BatchInput input = Input();
        orchestration.GetInput<BatchInput>().Returns(input);
        orchestration.CallSubOrchestratorAsync<ProvisioningOutcome>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(new ProvisioningOutcome { InstanceId = ItemId(0), Result = ProvisioningResult.Accepted });

        BatchOutcome outcome = await BatchFunctions.ProvisionBatchAsync(orchestration);

        Assert.Equal(BatchId, outcome.BatchId);
        Assert.Equal([ProvisioningResult.Accepted, ProvisioningResult.Invalid], outcome.Items.Select(i => i.Result));
        await orchestration.Received(1).CallSubOrchestratorAsync<ProvisioningOutcome>(
            Arg.Is<TaskName>(n => n.Name == ProvisionEndpointOrchestrator.Name),
            input.Items[0].Input,
            Arg.Is<TaskOptions?>(o => o is SubOrchestrationOptions && ((SubOrchestrationOptions)o).InstanceId == ItemId(0)));
    }

    [Fact]
    public async Task The_batch_orchestrator_function_without_input_fails_clearly_and_starts_nothing()
    {
        orchestration.GetInput<BatchInput>().Returns((BatchInput?)null);

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => BatchFunctions.ProvisionBatchAsync(orchestration));

        Assert.Contains("without input", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(orchestration.ReceivedCalls(), c => c.GetMethodInfo().Name is "CallSubOrchestratorAsync" or "CallActivityAsync" or "SetCustomStatus");
    }

    [Fact]
    public async Task Get_batch_answers_404_for_an_unknown_batch()
    {
        using var exchange = new HttpExchange("GET");

        IActionResult result = await Functions().GetAsync(exchange.Request, "no-such-batch", hub.Client);
        await ExecuteAsync(result, exchange);

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
    }

    [Fact]
    public async Task Get_batch_answers_the_shared_handlers_state_of_a_known_batch()
    {
        hub.GivenInstances(new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(BatchId))
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedInput = JsonDataConverter.Default.Serialize(Input(CallbackUrl)),
            DataConverter = JsonDataConverter.Default,
        });
        using var exchange = new HttpExchange("GET");

        IActionResult result = await Functions().GetAsync(exchange.Request, BatchId, hub.Client);
        await ExecuteAsync(result, exchange);

        // Running: 202, the same document.
        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(BatchId, body.RootElement.GetProperty("batch_id").GetString());
        Assert.Equal(
            $"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{ItemId(0)}",
            body.RootElement.GetProperty("items")[0].GetProperty("status_url").GetString());
    }

    [Fact]
    public async Task Get_batch_looks_the_batch_up_with_the_requests_cancellation()
    {
        using var exchange = new HttpExchange("GET");
        using var aborted = new CancellationTokenSource();
        exchange.Context.RequestAborted = aborted.Token;

        await Functions().GetAsync(exchange.Request, BatchId, hub.Client);

        await hub.Client.Received(1).GetInstanceAsync(InstanceIds.ForBatch(BatchId), true, aborted.Token);
    }

    [Fact]
    public async Task Submit_batch_answers_the_shared_handlers_202_and_starts_the_batch()
    {
        IOptionsMonitor<QueueMessageOptions> limits = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        limits.CurrentValue.Returns(new QueueMessageOptions());
        var functions = new BatchFunctions(hub.Intake, RequestDocuments.Parser(), limits, hub.Options, NullLogger<BatchesServices>.Instance);
        string document = $$"""{"batch_id": "{{BatchId}}", "requests": [{{RequestDocuments.SeedExample}}, {{RequestDocuments.SeedExample}}]}""";
        using var exchange = new HttpExchange("POST", document);

        IActionResult result = await functions.SubmitAsync(exchange.Request, hub.Client);
        await ExecuteAsync(result, exchange);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal($"https://provisioning.example.test/tenant-a/api/batches/{BatchId}", exchange.Location);
        var input = Assert.IsType<BatchInput>(Assert.Single(hub.Schedules).Input);
        Assert.Equal(2, input.Items.Count);
    }
}
