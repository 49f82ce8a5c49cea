using Microsoft.Extensions.Logging;

namespace Vpcep.SharedPacing;

/// <summary>The shared pacer's log messages (event ids 7000-7099).</summary>
internal static partial class Logs
{
    [LoggerMessage(7001, LogLevel.Warning, "Shared pacing of project {ProjectId} cannot reach its schedule ({Error}); this worker paces the project on its own at {Rate} calls/s and tries the shared schedule again in {RetryIn}.")]
    public static partial void PacingAlone(this ILogger logger, string projectId, string error, double rate, TimeSpan retryIn);

    [LoggerMessage(7002, LogLevel.Information, "Shared pacing of project {ProjectId} reached its schedule again; this worker is back on the shared rate.")]
    public static partial void PacingSharedAgain(this ILogger logger, string projectId);

    [LoggerMessage(7003, LogLevel.Debug, "Shared pacing of project {ProjectId}: reserved {Count} turns from {FirstTurn:O} ({Races} races lost to other workers).")]
    public static partial void TurnsReserved(this ILogger logger, string projectId, int count, DateTimeOffset firstTurn, int races);

    [LoggerMessage(7004, LogLevel.Debug, "Shared pacing of project {ProjectId}: {Count} reserved turns expired unused.")]
    public static partial void TurnsExpired(this ILogger logger, string projectId, int count);
}
