using Microsoft.Extensions.Logging;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>The Azure Storage durable worker's log messages (event ids 6000-6099).</summary>
internal static partial class Logs
{
    [LoggerMessage(6001, LogLevel.Warning, "Task hub {TaskHub} storage is unavailable; retrying in {Wait}.")]
    public static partial void StorageUnavailable(this ILogger logger, Exception exception, string taskHub, TimeSpan wait);

    [LoggerMessage(6002, LogLevel.Information, "Durable worker started on task hub {TaskHub}.")]
    public static partial void Started(this ILogger logger, string taskHub);

    [LoggerMessage(6003, LogLevel.Warning, "Durable worker on task hub {TaskHub} did not stop within {Timeout}; leaving in-flight work to be redelivered.")]
    public static partial void StopTimedOut(this ILogger logger, string taskHub, TimeSpan timeout);

    [LoggerMessage(6004, LogLevel.Information, "Durable worker stopped on task hub {TaskHub}.")]
    public static partial void Stopped(this ILogger logger, string taskHub);

    [LoggerMessage(6005, LogLevel.Warning, "Storage is unreachable while {Operation} activity work item {WorkItemId} of {InstanceId} (try {Attempt}); trying again in {Wait}.")]
    public static partial void ActivityWaitingForStorage(this ILogger logger, Exception exception, string operation, string workItemId, string instanceId, int attempt, TimeSpan wait);

    [LoggerMessage(6006, LogLevel.Information, "Storage is back: {Operation} activity work item {WorkItemId} of {InstanceId} went through at try {Attempt}.")]
    public static partial void ActivityStorageRecovered(this ILogger logger, string operation, string workItemId, string instanceId, int attempt);

    [LoggerMessage(6007, LogLevel.Warning, "The worker is stopping while storage is unreachable: {Operation} activity work item {WorkItemId} of {InstanceId} is left undone; its message runs again when its lock expires.")]
    public static partial void ActivityLeftToNextWorker(this ILogger logger, string operation, string workItemId, string instanceId);

    [LoggerMessage(6008, LogLevel.Information, "Orchestration work item {InstanceId} failed because storage is unreachable; its messages are not abandoned with the provider's exponential delay and run again when their lock expires (at most {VisibilityTimeout}).")]
    public static partial void OrchestrationLeftToLockExpiry(this ILogger logger, string instanceId, TimeSpan visibilityTimeout);

    [LoggerMessage(6009, LogLevel.Information, "Activity fetching paused on task hub {TaskHub} until the results waiting for storage are saved.")]
    public static partial void ActivityFetchingPaused(this ILogger logger, string taskHub);

    [LoggerMessage(6010, LogLevel.Information, "Activity fetching resumed on task hub {TaskHub}.")]
    public static partial void ActivityFetchingResumed(this ILogger logger, string taskHub);

    [LoggerMessage(6011, LogLevel.Warning, "Orchestration {InstanceId}: dropping {EventType} for task {TaskId}, which the history records as {RecordedAs}; it was sent by an earlier run of the same step whose checkpoint storage lost.")]
    public static partial void LeftoverOfLostCheckpointDropped(this ILogger logger, string instanceId, string eventType, int taskId, string recordedAs);
}
