using Microsoft.Extensions.Logging;

namespace Vpcep.Provisioning;

/// <summary>The workflow's log messages (event ids 2000-2099). Orchestrations log through a replay-safe logger.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Provisioning {InstanceId} ended as {Result}.")]
    public static partial void ProvisioningEnded(this ILogger logger, string instanceId, string? result);

    [LoggerMessage(2002, LogLevel.Warning, "Watching the endpoints of project {ProjectId} in region {Region}: a look failed and is skipped until the next interval: {Reason}")]
    public static partial void WatchLookFailed(this ILogger logger, string projectId, string? region, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "The endpoint watcher {InstanceId} could not be started; its requests look at their endpoints themselves until it runs.")]
    public static partial void WatcherNotStarted(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(2004, LogLevel.Information, "Deprovisioning the endpoint of {InstanceId} ended as {Result}.")]
    public static partial void DeprovisioningEnded(this ILogger logger, string instanceId, string? result);

    // Callback targets (Notifications/): 2050-2059. Hosts only, never a URL's credentials.
    [LoggerMessage(2050, LogLevel.Warning, "A callback to {Host}:{Port} was refused when connecting: {Reason}")]
    public static partial void CallbackRefusedAtConnect(this ILogger logger, string host, int port, string reason);

    [LoggerMessage(2051, LogLevel.Information, "The callback host {Host} could not be resolved at intake ({Reason}); it is checked again when the callback is delivered.")]
    public static partial void CallbackHostNotResolvedAtIntake(this ILogger logger, string host, string reason);
}
