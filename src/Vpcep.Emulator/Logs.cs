namespace Vpcep.Emulator;

/// <summary>The emulator's log messages, source-generated so logging costs nothing when a level is off.</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "{Method} {Path}{Query} -> {Status} in {ElapsedMs:F1} ms {ErrorCode}")]
    public static partial void RequestCompleted(this ILogger logger, string method, string path, string query, string status, double elapsedMs, string errorCode);

    [LoggerMessage(2, LogLevel.Error, "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledError(this ILogger logger, Exception error, string method, string path);

    [LoggerMessage(3, LogLevel.Warning, "Rejected {Method} {Path}: {Reason}")]
    public static partial void AuthenticationRejected(this ILogger logger, string method, string path, string reason);

    [LoggerMessage(4, LogLevel.Information, "Injected {ErrorCode} into {Operation}")]
    public static partial void FaultInjected(this ILogger logger, string errorCode, string operation);

    [LoggerMessage(5, LogLevel.Information, "Dropping the answer of {Operation} ({Mode})")]
    public static partial void AnswerDropped(this ILogger logger, string operation, string mode);

    [LoggerMessage(6, LogLevel.Warning, "No fixtures file at {Path}; starting with no services, VPCs or subnets")]
    public static partial void NoFixturesFile(this ILogger logger, string path);

    [LoggerMessage(7, LogLevel.Information, "Loaded fixtures from {Path}: {Services} services, {Vpcs} VPCs, {Subnets} subnets")]
    public static partial void FixturesLoaded(this ILogger logger, string path, int services, int vpcs, int subnets);
}
