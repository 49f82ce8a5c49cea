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
}
