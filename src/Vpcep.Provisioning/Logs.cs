using Microsoft.Extensions.Logging;

namespace Vpcep.Provisioning;

/// <summary>The workflow's log messages (event ids 2000-2099). Orchestrations log through a replay-safe logger.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Provisioning {InstanceId} ended as {Result}.")]
    public static partial void ProvisioningEnded(this ILogger logger, string instanceId, string? result);
}
