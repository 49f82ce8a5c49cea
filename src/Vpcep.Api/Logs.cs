using Microsoft.Extensions.Logging;

namespace Vpcep.Api;

/// <summary>The HTTP contract's log messages (event ids 3000-3099).</summary>
internal static partial class Logs
{
    [LoggerMessage(3001, LogLevel.Error, "Could not record a provisioning request: the task hub's storage failed.")]
    public static partial void CouldNotRecordRequest(this ILogger logger, Exception exception);

    [LoggerMessage(3002, LogLevel.Error, "Could not record batch {BatchId}: the task hub's storage failed.")]
    public static partial void CouldNotRecordBatch(this ILogger logger, Exception exception, string batchId);

    [LoggerMessage(3003, LogLevel.Information, "Deprovisioning of {InstanceId} started as {DeprovisionInstanceId} (endpoint {EndpointId}).")]
    public static partial void DeprovisioningStarted(this ILogger logger, string instanceId, string deprovisionInstanceId, string? endpointId);

    [LoggerMessage(3004, LogLevel.Warning, "Provisioning request {InstanceId} was terminated to deprovision its endpoint (cancel=true).")]
    public static partial void CancelledForDeprovisioning(this ILogger logger, string instanceId);

    [LoggerMessage(3005, LogLevel.Information, "Clean-up of failed requests' endpoints (dry run: {DryRun}): {Count} deprovisioning(s).")]
    public static partial void CleanupRan(this ILogger logger, bool dryRun, int count);
}
