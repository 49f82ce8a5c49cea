using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Functions.Functions;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Functions.Tests.Functions;

public sealed class QueueFunctionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 0, TimeSpan.Zero);

    private readonly FakeTaskHub hub = new();
    private readonly Dictionary<string, object?> bindingData = new(StringComparer.Ordinal);
    private readonly FunctionContext context = Substitute.For<FunctionContext>();
    private readonly QueueFunctions functions;

    public QueueFunctionsTests()
    {
        BindingContext binding = Substitute.For<BindingContext>();
        binding.BindingData.Returns(bindingData);
        context.BindingContext.Returns(binding);
        context.CancellationToken.Returns(CancellationToken.None);
        IOptionsMonitor<QueueMessageOptions> queueOptions = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        queueOptions.CurrentValue.Returns(new QueueMessageOptions());
        var intake = new QueueMessageIntake(hub.Intake, RequestDocuments.Parser(), queueOptions, new NoBatchDocumentReader());
        functions = new QueueFunctions(intake, new FixedTime(Now), NullLogger<QueueFunctions>.Instance);
    }

    private Task<QueueTriggerOutput> RunAsync(string message) => functions.RunAsync(message, hub.Client, context);

    [Fact]
    public async Task A_message_that_starts_a_request_writes_nothing_to_the_poison_queue()
    {
        QueueTriggerOutput output = await RunAsync(RequestDocuments.SeedExample);

        Assert.Null(output.Poison);
        Scheduled scheduled = Assert.Single(hub.Schedules);
        Assert.Equal(ProvisionEndpointOrchestrator.Name, scheduled.Name);
    }

    [Fact]
    public async Task A_base64_message_is_handled_like_its_json()
    {
        QueueTriggerOutput output = await RunAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(RequestDocuments.SeedExample)));

        Assert.Null(output.Poison);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_redelivered_message_is_a_duplicate_that_writes_nothing_and_starts_nothing_new()
    {
        await RunAsync(RequestDocuments.SeedExample);
        Scheduled first = Assert.Single(hub.Schedules);
        hub.GivenInstances(FakeTaskHub.Instance(first.InstanceId!, (ProvisioningInput)first.Input!));

        QueueTriggerOutput output = await RunAsync(RequestDocuments.SeedExample);

        Assert.Null(output.Poison);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_rejected_message_becomes_a_poison_entry_with_reason_errors_original_text_and_delivery_details()
    {
        bindingData["DequeueCount"] = 2L;
        bindingData["Id"] = "message-7";
        JsonObject request = RequestDocuments.Seed();
        request.Endpoint().Remove("vpc_id");
        string message = request.ToJsonString();

        QueueTriggerOutput output = await RunAsync(message);

        Assert.NotNull(output.Poison);
        using JsonDocument poison = JsonDocument.Parse(output.Poison);
        JsonElement root = poison.RootElement;
        Assert.Contains("invalid", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(
            root.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("pointer").GetString() == "/endpoint/vpc_id" && e.GetProperty("code").GetString() == "required");
        Assert.Equal(message, root.GetProperty("original_message").GetString());
        Assert.Equal(2, root.GetProperty("dequeue_count").GetInt64());
        Assert.Equal("message-7", root.GetProperty("message_id").GetString());
        Assert.Equal(Now, root.GetProperty("poisoned_at").GetDateTimeOffset());
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_poison_entry_reads_back_as_a_poison_message_that_can_be_redriven()
    {
        bindingData["DequeueCount"] = 1;
        const string message = "[1,2,3]";

        QueueTriggerOutput output = await RunAsync(message);

        PoisonMessage? entry = JsonSerializer.Deserialize(output.Poison!, Provisioning.ProvisioningJsonContext.Default.PoisonMessage);
        Assert.NotNull(entry);
        Assert.Equal(message, entry.OriginalMessage);
        Assert.Contains("JSON object", entry.Reason, StringComparison.Ordinal);
        Assert.Null(entry.Errors);
    }

    [Theory]
    [InlineData("4", 4)]
    [InlineData(3, 3)]
    [InlineData(null, 1)]
    public async Task The_dequeue_count_comes_from_the_binding_data_whatever_its_type_and_defaults_to_one(object? dequeueCount, long expected)
    {
        if (dequeueCount is not null)
        {
            bindingData["DequeueCount"] = dequeueCount;
        }

        QueueTriggerOutput output = await RunAsync("not json at all");

        using JsonDocument poison = JsonDocument.Parse(output.Poison!);
        Assert.Equal(expected, poison.RootElement.GetProperty("dequeue_count").GetInt64());
        Assert.False(poison.RootElement.TryGetProperty("message_id", out _));
    }

    [Fact]
    public async Task A_failure_that_may_pass_is_thrown_so_the_runtime_retries_the_message()
    {
        hub.Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(RequestDocuments.SeedExample));

        Assert.Equal("task hub unavailable", thrown.Message);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
