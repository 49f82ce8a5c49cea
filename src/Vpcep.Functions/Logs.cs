using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Functions;

/// <summary>The Functions app's log messages (event ids 5000-5099).</summary>
internal static partial class Logs
{
    [LoggerMessage(5001, LogLevel.Information, "Queue message: {Kind} {InstanceId}.")]
    public static partial void Handled(this ILogger logger, QueueMessageKind kind, string? instanceId);

    [LoggerMessage(5002, LogLevel.Warning, "Queue message moved to the poison queue: {Reason}")]
    public static partial void Poisoned(this ILogger logger, string? reason);
}
