using Microsoft.Extensions.Logging;

namespace Vpcep.Api;

/// <summary>The HTTP contract's log messages (event ids 3000-3099).</summary>
internal static partial class Logs
{
    [LoggerMessage(3001, LogLevel.Error, "Could not record a provisioning request: the task hub's storage failed.")]
    public static partial void CouldNotRecordRequest(this ILogger logger, Exception exception);

    [LoggerMessage(3002, LogLevel.Error, "Could not record batch {BatchId}: the task hub's storage failed.")]
    public static partial void CouldNotRecordBatch(this ILogger logger, Exception exception, string batchId);
}
