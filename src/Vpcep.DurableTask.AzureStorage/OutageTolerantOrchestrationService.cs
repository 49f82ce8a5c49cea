using System.Runtime.CompilerServices;
using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// The worker's view of the Azure Storage orchestration service: every call goes to the provider, except where the
/// provider or DurableTask.Core's dispatchers turn a storage outage into minutes of idleness, or into an activity
/// that never runs again, after storage is back.
/// </summary>
/// <remarks>
/// <para>
/// What this works around, as DurableTask.Core 3.11 and DurableTask.AzureStorage 2.11 behave (seen in a storage
/// outage of 40 s with 100 requests in flight: the worker idled about 50 s after storage was back, and one request
/// stayed Running for good):
/// </para>
/// <list type="number">
/// <item><description>
/// <b>Dispatcher back-off.</b> After a work item fails, <c>WorkItemDispatcher</c> waits
/// <see cref="IOrchestrationService.GetDelayInSecondsAfterOnProcessException"/> seconds (the provider answers 10)
/// after <i>each</i> work item it starts until five in a row have succeeded: a worker coming out of an outage runs
/// one work item per 10 s for 50 s, and the messages it has already fetched outlive their lock meanwhile and are
/// delivered again. Here the pause is <see cref="AzureStorageDurableOptions.DispatcherFailureBackoff"/> (1 s).
/// </description></item>
/// <item><description>
/// <b>An activity the provider never lets go.</b> The provider keeps an in-memory session per activity message and
/// drops it only when completing or abandoning the work item succeeds. While storage is down both fail (the abandon
/// rethrows from <c>TaskHubQueue.HandleMessagingExceptions</c>), so the session stays; when the message's lock has
/// expired and it is delivered again, <c>LockNextTaskActivityWorkItem</c> refuses it as "being processed multiple
/// times concurrently", every time, for the life of the process: the orchestration waits for that activity forever.
/// Here a finished activity's result (and an abandon) is tried again every
/// <see cref="AzureStorageDurableOptions.StorageRetryInterval"/> until storage takes it, and while one is waiting
/// this worker fetches no activity messages, so it does not take the expired message itself before the retry goes
/// through with the message's original pop receipt. The result is sent before the message is deleted, so the
/// orchestration moves on even if another worker took the message meanwhile.
/// </description></item>
/// <item><description>
/// <b>Abandon back-off.</b> Abandoning makes each message invisible for 2^DequeueCount seconds (600 s, and a
/// poison-message warning, from the ninth delivery on; <c>TaskHubQueue.AbandonMessageAsync</c>). Deliveries pile up
/// during an outage (expired locks, messages fetched again), so an orchestration that failed only because storage
/// was unreachable would wait minutes after storage is back. Such a work item is released without the provider's
/// abandon: its messages run again when their lock expires, within
/// <see cref="AzureStorageDurableOptions.ControlQueueVisibilityTimeout"/>. A work item that fails for any other
/// reason is abandoned by the provider as before, so a message that really cannot be processed still backs off and
/// is reported as poison.
/// </description></item>
/// <item><description>
/// <b>Leftovers of a lost checkpoint.</b> The provider sends an episode's new messages (activities, timers) before it
/// writes the episode's history, so when storage fails in between, the episode runs again later while what it
/// already sent stays queued. The orchestration runs again with a later <c>CurrentUtcDateTime</c> and can take the
/// other branch of a time-dependent decision (the workflow re-arms a timer that fired early, else polls): event
/// id N is then an activity in the history, and the first run's "timer N fired" arrives for it, which
/// DurableTask.Core treats as a non-deterministic orchestration and fails it. Such an answer (a timer fired, an
/// activity or sub-orchestration completed or failed, whose id the history gives to something else) is marked as
/// belonging to another execution, which DurableTask.Core drops (<c>ReconcileMessagesWithState</c>); the provider
/// deletes its queue message with the rest of the batch.
/// </description></item>
/// </list>
/// </remarks>
internal sealed class OutageTolerantOrchestrationService : IEntityOrchestrationService, IDisposable
{
    private const string Completing = "saving the result of";
    private const string Abandoning = "releasing";
    private const string LostEpisode = "lost-checkpoint";

    private readonly IOrchestrationService inner;
    private readonly int backoffSeconds;
    private readonly TimeSpan retryInterval;
    private readonly TimeSpan controlQueueVisibilityTimeout;
    private readonly string taskHub;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();

    // Orchestration work items whose checkpoint failed because storage was unreachable.
    private readonly ConditionalWeakTable<TaskOrchestrationWorkItem, Exception> checkpointsLost = new();

    // Activity fetching is paused while any activity work item waits for storage.
    private readonly Lock fetchGate = new();
    private int activitiesWaiting;
    private CancellationTokenSource fetchPause = new();
    private TaskCompletionSource fetchResumed = Resumed();

    public OutageTolerantOrchestrationService(
        IOrchestrationService inner, AzureStorageDurableOptions options, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        this.inner = inner;
        backoffSeconds = (int)Math.Ceiling(options.DispatcherFailureBackoff.TotalSeconds);
        retryInterval = options.StorageRetryInterval;
        controlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout;
        taskHub = options.TaskHubName;
        this.logger = logger;
        this.timeProvider = timeProvider;
    }

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public EntityBackendProperties? EntityBackendProperties => (inner as IEntityOrchestrationService)?.EntityBackendProperties;

    public EntityBackendQueries? EntityBackendQueries => (inner as IEntityOrchestrationService)?.EntityBackendQueries;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => StopAsync(isForced: false);

    public Task StopAsync(bool isForced)
    {
        stopping.Cancel();
        return inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => backoffSeconds;

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => backoffSeconds;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        DropLeftoversOfLostCheckpoints(await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false));

    public async Task<TaskOrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        DropLeftoversOfLostCheckpoints(inner is IEntityOrchestrationService entities
            ? await entities.LockNextOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false)
            : await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false));

    public Task<TaskOrchestrationWorkItem> LockNextEntityWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner is IEntityOrchestrationService entities
            ? entities.LockNextEntityWorkItemAsync(receiveTimeout, cancellationToken)
            : throw new NotSupportedException("The orchestration service does not support entities.");

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        try
        {
            await inner.CompleteTaskOrchestrationWorkItemAsync(
                workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            checkpointsLost.AddOrUpdate(workItem, ex);
            throw;
        }
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (checkpointsLost.TryGetValue(workItem, out _))
        {
            checkpointsLost.Remove(workItem);
            logger.OrchestrationLeftToLockExpiry(workItem.InstanceId, controlQueueVisibilityTimeout);
            return Task.CompletedTask;
        }

        return inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        CancellationTokenSource? fetch = null;
        Task resumed;
        lock (fetchGate)
        {
            resumed = fetchResumed.Task;
            if (resumed.IsCompleted)
            {
                fetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, fetchPause.Token);
            }
        }

        if (fetch is null)
        {
            // Paused: wait for the results waiting for storage, then report nothing fetched; the dispatcher asks again.
            try
            {
                await resumed.WaitAsync(receiveTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Still paused.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down.
            }

            return null!;
        }

        using (fetch)
        {
            try
            {
                // Cancelled when fetching pauses: the provider then answers null, as when it shuts down.
                return await inner.LockNextTaskActivityWorkItem(receiveTimeout, fetch.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (fetch.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return null!;
            }
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        ThroughStorageOutageAsync(workItem, Completing, () => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage));

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        ThroughStorageOutageAsync(workItem, Abandoning, () => inner.AbandonTaskActivityWorkItemAsync(workItem));

    public void Dispose()
    {
        stopping.Dispose();
        lock (fetchGate)
        {
            fetchPause.Dispose();
        }
    }

    /// <summary>
    /// Calls <paramref name="call"/> until it goes through, while it fails only because storage is unreachable and
    /// the worker is not stopping; activity fetching is paused from the first such failure until then.
    /// </summary>
    private async Task ThroughStorageOutageAsync(TaskActivityWorkItem workItem, string operation, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        bool paused = false;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await call().ConfigureAwait(false);
                    if (attempt > 1)
                    {
                        logger.ActivityStorageRecovered(operation, workItem.Id, InstanceId(workItem), attempt);
                    }

                    return;
                }
                catch (Exception ex) when (StorageFailures.IsTransient(ex))
                {
                    if (!paused)
                    {
                        paused = true;
                        PauseActivityFetching();
                    }

                    logger.ActivityWaitingForStorage(ex, operation, workItem.Id, InstanceId(workItem), attempt, retryInterval);
                    if (!await WaitBeforeRetryAsync().ConfigureAwait(false))
                    {
                        logger.ActivityLeftToNextWorker(operation, workItem.Id, InstanceId(workItem));
                        throw;
                    }
                }
            }
        }
        finally
        {
            if (paused)
            {
                ResumeActivityFetching();
            }
        }
    }

    private async Task<bool> WaitBeforeRetryAsync()
    {
        try
        {
            await Task.Delay(retryInterval, timeProvider, stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void PauseActivityFetching()
    {
        lock (fetchGate)
        {
            if (activitiesWaiting++ == 0)
            {
                fetchResumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                fetchPause.Cancel();
                logger.ActivityFetchingPaused(taskHub);
            }
        }
    }

    private void ResumeActivityFetching()
    {
        lock (fetchGate)
        {
            if (--activitiesWaiting == 0)
            {
                fetchPause.Dispose();
                fetchPause = new CancellationTokenSource();
                fetchResumed.TrySetResult();
                logger.ActivityFetchingResumed(taskHub);
            }
        }
    }

    /// <summary>
    /// Marks the new messages of <paramref name="workItem"/> that answer an id the history gives to another kind of
    /// task (see the remarks) as belonging to another execution, so DurableTask.Core drops them.
    /// </summary>
    private TaskOrchestrationWorkItem DropLeftoversOfLostCheckpoints(TaskOrchestrationWorkItem workItem)
    {
        if (workItem?.NewMessages is not { Count: > 0 } messages || workItem.OrchestrationRuntimeState?.Events is not { Count: > 0 } history)
        {
            return workItem!;
        }

        Dictionary<int, EventType>? scheduled = null;
        foreach (TaskMessage message in messages)
        {
            (int Id, EventType Kind)? answers = message.Event switch
            {
                TimerFiredEvent fired => (fired.TimerId, EventType.TimerCreated),
                TaskCompletedEvent completed => (completed.TaskScheduledId, EventType.TaskScheduled),
                TaskFailedEvent failed => (failed.TaskScheduledId, EventType.TaskScheduled),
                SubOrchestrationInstanceCompletedEvent completed => (completed.TaskScheduledId, EventType.SubOrchestrationInstanceCreated),
                SubOrchestrationInstanceFailedEvent failed => (failed.TaskScheduledId, EventType.SubOrchestrationInstanceCreated),
                _ => null,
            };
            if (answers is not { } answer)
            {
                continue;
            }

            scheduled ??= ScheduledTasks(history);
            if (scheduled.TryGetValue(answer.Id, out EventType kind) && kind != answer.Kind)
            {
                logger.LeftoverOfLostCheckpointDropped(workItem.InstanceId, message.Event.EventType.ToString(), answer.Id, kind.ToString());
                message.OrchestrationInstance = new OrchestrationInstance { InstanceId = message.OrchestrationInstance?.InstanceId ?? workItem.InstanceId, ExecutionId = LostEpisode };
            }
        }

        return workItem;
    }

    private static Dictionary<int, EventType> ScheduledTasks(IList<HistoryEvent> history)
    {
        var scheduled = new Dictionary<int, EventType>();
        foreach (HistoryEvent e in history)
        {
            if (e.EventType is EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated or EventType.EventSent)
            {
                scheduled.TryAdd(e.EventId, e.EventType);
            }
        }

        return scheduled;
    }

    private static string InstanceId(TaskActivityWorkItem workItem) => workItem.TaskMessage?.OrchestrationInstance?.InstanceId ?? "";

    private static TaskCompletionSource Resumed()
    {
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        resumed.SetResult();
        return resumed;
    }
}
