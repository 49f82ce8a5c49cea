using Microsoft.DurableTask;
using NSubstitute;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Testing;

/// <summary>
/// A substitute <see cref="TaskOrchestrationContext"/> for the batch orchestration: each sub-orchestration
/// is a task the test completes (in any order), the batch notification activity answers by script,
/// and every custom status and call is recorded.
/// </summary>
public sealed class FakeBatchOrchestration
{
    public const string BatchId = "nightly-2026-03-01";
    public const string CallbackUrl = "https://hooks.example.test/batches";

    public static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, TaskCompletionSource<ProvisioningOutcome>> items = new(StringComparer.Ordinal);

    public FakeBatchOrchestration()
    {
        Context.InstanceId.Returns("vpcep-batch-0123456789abcdef0123456789abcdef");
        Context.CurrentUtcDateTime.Returns(_ => Now);
        Context.When(c => c.SetCustomStatus(Arg.Any<object?>())).Do(call => Statuses.Add((BatchProgress)call.ArgAt<object?>(0)!));
        Context.CallSubOrchestratorAsync<ProvisioningOutcome>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call =>
            {
                var options = call.ArgAt<TaskOptions?>(2) as SubOrchestrationOptions;
                string instanceId = options?.InstanceId ?? throw new InvalidOperationException("A sub-orchestration was called without an instance id.");
                SubOrchestrations.Add(new SubOrchestrationCall(call.ArgAt<TaskName>(0).Name, call.ArgAt<object?>(1), instanceId));
                return Item(instanceId).Task;
            });
        Context.CallActivityAsync<NotificationAttempt>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call =>
            {
                Notifications.Add(new NotificationCall(call.ArgAt<TaskName>(0).Name, call.ArgAt<object?>(1), call.ArgAt<TaskOptions?>(2)));
                return Task.FromResult(NotificationFailure is null
                    ? new NotificationAttempt(Now, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200)
                    : new NotificationAttempt(Now, NotificationChannels.Webhook, DeliveryVerdicts.Retry, 503, NotificationFailure));
            });
        Context.CallActivityAsync<bool>(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<TaskOptions?>())
            .Returns(call =>
            {
                var start = (StartOrchestrationInput)call.ArgAt<object?>(1)!;
                Deliveries.Add(new SubOrchestrationCall(start.Name, start.Delivery, start.InstanceId));
                return Task.FromResult(true);
            });
    }

    public TaskOrchestrationContext Context { get; } = Substitute.For<TaskOrchestrationContext>();

    public DateTime Now { get; set; } = Start;

    public List<BatchProgress> Statuses { get; } = [];

    public List<SubOrchestrationCall> SubOrchestrations { get; } = [];

    public List<NotificationCall> Notifications { get; } = [];

    /// <summary>When set, the batch notification's attempt fails with this error (a 503).</summary>
    public string? NotificationFailure { get; set; }

    /// <summary>The delivery orchestrations started (through the start activity) after a failed first attempt.</summary>
    public List<SubOrchestrationCall> Deliveries { get; } = [];

    public static BatchItem Valid(int index, string? callbackUrl = null) =>
        new(index, ItemInstanceId(index), FakeOrchestration.Input(callbackUrl), null);

    public static BatchItem Invalid(int index) =>
        new(index, null, null, [new ValidationError($"/requests/{index}/project_id", ValidationCodes.Required, "project_id is required.")]);

    public static string ItemInstanceId(int index) => Vpcep.Provisioning.Intake.InstanceIds.ForBatchItem(BatchId, null, index);

    public static BatchInput Batch(string? callbackUrl, params BatchItem[] items) => new(BatchId, items, callbackUrl, FakeOrchestration.Settings());

    public static ProvisioningOutcome Outcome(int index, string result, string? endpointId = null, ProvisioningError? error = null) => new()
    {
        InstanceId = ItemInstanceId(index),
        Result = result,
        ProjectId = FakeOrchestration.Request().ProjectId,
        Endpoint = endpointId is null ? null : FakeOrchestration.Endpoint("accepted") with { Id = endpointId },
        Error = error,
    };

    public Task<BatchOutcome> RunAsync(BatchInput input) => new ProvisionBatchOrchestrator().RunAsync(Context, input);

    /// <summary>Ends item <paramref name="index"/>'s sub-orchestration with an outcome.</summary>
    public void Complete(int index, ProvisioningOutcome outcome) => Item(ItemInstanceId(index)).SetResult(outcome);

    /// <summary>Ends item <paramref name="index"/>'s sub-orchestration with an exception.</summary>
    public void Fail(int index, Exception exception) => Item(ItemInstanceId(index)).SetException(exception);

    private TaskCompletionSource<ProvisioningOutcome> Item(string instanceId)
    {
        if (!items.TryGetValue(instanceId, out TaskCompletionSource<ProvisioningOutcome>? source))
        {
            source = new TaskCompletionSource<ProvisioningOutcome>();
            items[instanceId] = source;
        }

        return source;
    }
}

public sealed record SubOrchestrationCall(string Name, object? Input, string InstanceId);

public sealed record NotificationCall(string Name, object? Input, TaskOptions? Options)
{
    public NotificationInput Body => Assert.IsType<NotificationInput>(Input);
}
