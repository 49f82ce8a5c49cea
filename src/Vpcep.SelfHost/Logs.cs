using Vpcep.Provisioning.Queues;

namespace Vpcep.SelfHost;

/// <summary>The self-host's log messages (event ids 4000-4099).</summary>
internal static partial class Logs
{
    [LoggerMessage(4001, LogLevel.Information, "Listening to queue {Queue}.")]
    public static partial void Listening(this ILogger logger, string queue);

    [LoggerMessage(4002, LogLevel.Information, "Queue message {MessageId}: {Kind} {InstanceId}.")]
    public static partial void Handled(this ILogger logger, string messageId, QueueMessageKind kind, string? instanceId);

    [LoggerMessage(4003, LogLevel.Warning, "Queue message {MessageId} moved to {PoisonQueue}: {Reason}")]
    public static partial void Poisoned(this ILogger logger, string messageId, string poisonQueue, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "Queue message {MessageId} failed on delivery {DequeueCount}; it will be retried.")]
    public static partial void Failed(this ILogger logger, Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(4005, LogLevel.Warning, "Queue {Queue} is unavailable; retrying.")]
    public static partial void QueueUnavailable(this ILogger logger, Exception exception, string queue);
}
