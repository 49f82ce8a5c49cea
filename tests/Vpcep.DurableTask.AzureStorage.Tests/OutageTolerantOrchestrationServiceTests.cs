using Azure;
using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Vpcep.DurableTask.AzureStorage.Tests;

/// <summary>
/// The worker's orchestration service gets going within seconds of storage coming back: dispatchers pause 1 s (not
/// 10 s) after a failure, a finished activity's result is saved once storage takes it (the provider would otherwise
/// drop the activity for good), and an orchestration that failed only because storage was unreachable is not held
/// back by the provider's exponential abandon; other failures are abandoned by the provider as before.
/// </summary>
public sealed class OutageTolerantOrchestrationServiceTests : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(30);

    private readonly IEntityOrchestrationService inner = Substitute.For<IEntityOrchestrationService>();
    private readonly FakeTimeProvider time = new();
    private readonly OutageTolerantOrchestrationService service;

    public OutageTolerantOrchestrationServiceTests()
    {
        inner.GetDelayInSecondsAfterOnProcessException(Arg.Any<Exception>()).Returns(10);
        inner.GetDelayInSecondsAfterOnFetchException(Arg.Any<Exception>()).Returns(10);
        service = new OutageTolerantOrchestrationService(
            inner,
            new AzureStorageDurableOptions { TaskHubName = "hub", StorageRetryInterval = RetryInterval },
            NullLogger.Instance,
            time);
    }

    public void Dispose() => service.Dispose();

    [Fact]
    public void After_a_failure_the_dispatchers_pause_one_second_instead_of_the_providers_ten()
    {
        Assert.Equal(1, service.GetDelayInSecondsAfterOnProcessException(Unreachable()));
        Assert.Equal(1, service.GetDelayInSecondsAfterOnFetchException(Unreachable()));
    }

    [Fact]
    public void The_pause_after_a_failure_is_the_configured_one()
    {
        using var configured = new OutageTolerantOrchestrationService(
            inner, new AzureStorageDurableOptions { DispatcherFailureBackoff = TimeSpan.FromSeconds(3) }, NullLogger.Instance, time);

        Assert.Equal(3, configured.GetDelayInSecondsAfterOnProcessException(new InvalidOperationException()));
    }

    [Fact]
    public async Task An_activity_result_storage_cannot_take_is_saved_again_until_it_goes_through()
    {
        TaskActivityWorkItem workItem = ActivityWorkItem();
        var response = new TaskMessage();
        inner.CompleteTaskActivityWorkItemAsync(workItem, response)
            .Returns(Task.FromException(Unreachable()), Task.FromException(Unreachable()), Task.CompletedTask);

        Task completing = service.CompleteTaskActivityWorkItemAsync(workItem, response);
        await AdvanceUntilAsync(() => completing.IsCompleted);

        await completing;
        await inner.Received(3).CompleteTaskActivityWorkItemAsync(workItem, response);
        await inner.DidNotReceive().AbandonTaskActivityWorkItemAsync(Arg.Any<TaskActivityWorkItem>());
    }

    [Fact]
    public async Task An_activity_release_storage_cannot_take_is_tried_again_until_it_goes_through()
    {
        TaskActivityWorkItem workItem = ActivityWorkItem();
        inner.AbandonTaskActivityWorkItemAsync(workItem).Returns(Task.FromException(Unreachable()), Task.CompletedTask);

        Task abandoning = service.AbandonTaskActivityWorkItemAsync(workItem);
        await AdvanceUntilAsync(() => abandoning.IsCompleted);

        await abandoning;
        await inner.Received(2).AbandonTaskActivityWorkItemAsync(workItem);
    }

    [Fact]
    public async Task An_activity_result_refused_for_another_reason_is_not_tried_again()
    {
        TaskActivityWorkItem workItem = ActivityWorkItem();
        var response = new TaskMessage();
        var refused = new RequestFailedException(400, "The specified pop receipt did not match the pop receipt for a dequeued message.", "PopReceiptMismatch", null);
        inner.CompleteTaskActivityWorkItemAsync(workItem, response).Returns(Task.FromException(refused));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => service.CompleteTaskActivityWorkItemAsync(workItem, response));

        Assert.Same(refused, error);
        await inner.Received(1).CompleteTaskActivityWorkItemAsync(workItem, response);
    }

    [Fact]
    public async Task While_a_result_waits_for_storage_no_activity_is_fetched_and_the_fetch_in_flight_is_called_off()
    {
        TaskActivityWorkItem workItem = ActivityWorkItem();
        var response = new TaskMessage();
        CancellationToken fetchToken = default;
        var fetched = new TaskCompletionSource<TaskActivityWorkItem>();
        inner.LockNextTaskActivityWorkItem(Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            fetchToken = call.Arg<CancellationToken>();
            fetchToken.Register(() => fetched.TrySetResult(null!));
            return fetched.Task;
        });
        inner.CompleteTaskActivityWorkItemAsync(workItem, response).Returns(Task.FromException(Unreachable()), Task.CompletedTask);
        Task<TaskActivityWorkItem> inFlight = service.LockNextTaskActivityWorkItem(ReceiveTimeout, CancellationToken.None);

        Task completing = service.CompleteTaskActivityWorkItemAsync(workItem, response);

        // The provider, its fetch cancelled, answers nothing (it would otherwise take the message whose lock expired).
        Assert.True(fetchToken.IsCancellationRequested);
        Assert.Null(await inFlight);

        // A new fetch while the result waits does not reach the provider.
        Task<TaskActivityWorkItem> paused = service.LockNextTaskActivityWorkItem(ReceiveTimeout, CancellationToken.None);
        Assert.False(paused.IsCompleted);
        inner.ClearReceivedCalls();

        await AdvanceUntilAsync(() => completing.IsCompleted);
        await completing;
        Assert.Null(await paused);
        _ = inner.DidNotReceive().LockNextTaskActivityWorkItem(Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>());

        // Once it is saved, fetching goes on.
        var next = ActivityWorkItem();
        inner.LockNextTaskActivityWorkItem(Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns(next);
        Assert.Same(next, await service.LockNextTaskActivityWorkItem(ReceiveTimeout, CancellationToken.None));
    }

    [Fact]
    public async Task A_paused_fetch_gives_up_after_its_receive_timeout()
    {
        TaskActivityWorkItem workItem = ActivityWorkItem();
        var response = new TaskMessage();
        inner.CompleteTaskActivityWorkItemAsync(workItem, response).Returns(Task.FromException(Unreachable()));
        Task completing = service.CompleteTaskActivityWorkItemAsync(workItem, response);

        Task<TaskActivityWorkItem> paused = service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(5), CancellationToken.None);
        await AdvanceUntilAsync(() => paused.IsCompleted);

        Assert.Null(await paused);
        Assert.False(completing.IsCompleted);
        await service.StopAsync();
        await Assert.ThrowsAsync<AggregateException>(() => completing);
    }

    [Fact]
    public async Task A_worker_that_stops_while_storage_is_unreachable_leaves_the_result_and_fetches_again()
    {
        TaskActivityWorkItem workItem = ActivityWorkItem();
        var response = new TaskMessage();
        inner.CompleteTaskActivityWorkItemAsync(workItem, response).Returns(Task.FromException(Unreachable()));
        Task completing = service.CompleteTaskActivityWorkItemAsync(workItem, response);

        await service.StopAsync(isForced: false);

        // The storage failure is what the dispatcher sees, and it then abandons the work item as before.
        await Assert.ThrowsAsync<AggregateException>(() => completing);
        await inner.Received(1).CompleteTaskActivityWorkItemAsync(workItem, response);
        await inner.Received(1).StopAsync(false);
        var next = ActivityWorkItem();
        inner.LockNextTaskActivityWorkItem(Arg.Any<TimeSpan>(), Arg.Any<CancellationToken>()).Returns(next);
        Assert.Same(next, await service.LockNextTaskActivityWorkItem(ReceiveTimeout, CancellationToken.None));
    }

    [Fact]
    public async Task An_orchestration_whose_checkpoint_failed_because_storage_is_unreachable_is_not_abandoned_with_exponential_delay()
    {
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "vpcep-1" };
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, null!, null!, null!, null!, null!).ReturnsForAnyArgs(Task.FromException(Unreachable()));

        await Assert.ThrowsAsync<AggregateException>(() => service.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, [], [], [], null!, null!));
        await service.AbandonTaskOrchestrationWorkItemAsync(workItem);
        await service.ReleaseTaskOrchestrationWorkItemAsync(workItem);

        await inner.DidNotReceive().AbandonTaskOrchestrationWorkItemAsync(Arg.Any<TaskOrchestrationWorkItem>());
        await inner.Received(1).ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    [Fact]
    public async Task An_orchestration_that_failed_for_another_reason_is_abandoned_by_the_provider_so_poison_still_backs_off()
    {
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "vpcep-2" };
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, null!, null!, null!, null!, null!)
            .ReturnsForAnyArgs(Task.FromException(new RequestFailedException(412, "Precondition failed", "ConditionNotMet", null)));

        await Assert.ThrowsAsync<RequestFailedException>(() => service.CompleteTaskOrchestrationWorkItemAsync(workItem, null!, [], [], [], null!, null!));
        await service.AbandonTaskOrchestrationWorkItemAsync(workItem);

        await inner.Received(1).AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    [Fact]
    public async Task An_orchestration_abandoned_without_a_failed_checkpoint_is_abandoned_by_the_provider()
    {
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "vpcep-3" };

        await service.AbandonTaskOrchestrationWorkItemAsync(workItem);

        await inner.Received(1).AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    [Fact]
    public async Task A_timer_fired_for_a_task_the_history_records_as_an_activity_is_dropped_and_the_rest_is_kept()
    {
        // The lost run re-armed timer 10; the run that was saved polled instead, as activity 10.
        var history = new OrchestrationRuntimeState(
        [
            new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Instance(), Name = "ProvisionEndpointOrchestrator" },
            new TimerCreatedEvent(9),
            new TimerFiredEvent(-1) { TimerId = 9 },
            new TaskScheduledEvent(10),
        ]);
        TaskMessage leftover = Message(new TimerFiredEvent(-1) { TimerId = 10 });
        TaskMessage answer = Message(new TaskCompletedEvent(-1, 10, "null"));
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "vpcep-5", OrchestrationRuntimeState = history, NewMessages = [leftover, answer] };
        inner.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, CancellationToken.None).Returns(workItem);

        TaskOrchestrationWorkItem locked = await service.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, CancellationToken.None);

        // DurableTask.Core drops a message of another execution; the answer to activity 10 goes through.
        Assert.Equal(2, locked.NewMessages.Count);
        Assert.NotEqual("exec-1", leftover.OrchestrationInstance.ExecutionId);
        Assert.Equal("vpcep-5", leftover.OrchestrationInstance.InstanceId);
        Assert.Equal("exec-1", answer.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task An_activity_answer_for_a_task_the_history_records_as_a_timer_is_dropped()
    {
        var history = new OrchestrationRuntimeState(
        [
            new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = Instance(), Name = "ProvisionEndpointOrchestrator" },
            new TimerCreatedEvent(4),
        ]);
        TaskMessage leftover = Message(new TaskCompletedEvent(-1, 4, "null"));
        TaskMessage fired = Message(new TimerFiredEvent(-1) { TimerId = 4 });
        TaskMessage unknown = Message(new TimerFiredEvent(-1) { TimerId = 5 });
        var workItem = new TaskOrchestrationWorkItem { InstanceId = "vpcep-5", OrchestrationRuntimeState = history, NewMessages = [leftover, fired, unknown] };
        inner.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, CancellationToken.None).Returns(workItem);

        await service.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, CancellationToken.None);

        Assert.NotEqual("exec-1", leftover.OrchestrationInstance.ExecutionId);
        Assert.Equal("exec-1", fired.OrchestrationInstance.ExecutionId);

        // An answer for a task not in the history yet is the provider's to order (it returns it to the queue).
        Assert.Equal("exec-1", unknown.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task Everything_else_is_the_providers()
    {
        var orchestration = new TaskOrchestrationWorkItem { InstanceId = "vpcep-4" };
        inner.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, CancellationToken.None).Returns(orchestration);
        inner.MaxConcurrentTaskActivityWorkItems.Returns(32);
        inner.EntityBackendProperties.Returns(new EntityBackendProperties { MaxConcurrentTaskEntityWorkItems = 7 });

        Assert.Same(orchestration, await service.LockNextTaskOrchestrationWorkItemAsync(ReceiveTimeout, CancellationToken.None));
        Assert.Equal(32, service.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(7, service.EntityBackendProperties?.MaxConcurrentTaskEntityWorkItems);
        await service.CreateIfNotExistsAsync();
        await inner.Received(1).CreateIfNotExistsAsync();
    }

    /// <summary>What the storage client throws when storage does not answer: its retries exhausted on a refused connection.</summary>
    private static AggregateException Unreachable() => new(
        "Retry failed after 6 tries.",
        new RequestFailedException("Connection refused", new HttpRequestException("Connection refused (127.0.0.1:10001)")));

    private static OrchestrationInstance Instance() => new() { InstanceId = "vpcep-5", ExecutionId = "exec-1" };

    private static TaskMessage Message(HistoryEvent e) => new() { Event = e, OrchestrationInstance = Instance() };

    private static TaskActivityWorkItem ActivityWorkItem() => new()
    {
        Id = Guid.NewGuid().ToString(),
        TaskMessage = new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = "vpcep-a" } },
    };

    /// <summary>Moves the clock a retry interval at a time until <paramref name="done"/>; the work continues on the thread pool.</summary>
    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        for (int i = 0; i < 200 && !done(); i++)
        {
            time.Advance(RetryInterval);
            await Task.Delay(10);
        }

        Assert.True(done(), "it did not finish");
    }
}
