using System.Net;
using Microsoft.Extensions.Logging;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// The pipeline's log messages. They carry method, path, status, error code and request id; never
/// headers, bodies or credentials.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Debug, "Huawei Cloud {Method} {Path} answered {Status} (request id {RequestId})")]
    public static partial void Answered(this ILogger logger, string method, string path, int status, string? requestId);

    [LoggerMessage(6, LogLevel.Information, "Huawei Cloud {Method} {Path} answered {Status} (request id {RequestId})")]
    public static partial void Changed(this ILogger logger, string method, string path, int status, string? requestId);

    [LoggerMessage(2, LogLevel.Warning, "Huawei Cloud {Method} {Path} answered {Status} {ErrorCode} (request id {RequestId}); attempt {Attempt} is retried in {Delay}")]
    public static partial void RetryingAfterError(this ILogger logger, string method, string path, HttpStatusCode status, string? errorCode, string? requestId, int attempt, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "Huawei Cloud {Method} {Path} failed without an answer ({Error}); attempt {Attempt} is retried in {Delay}")]
    public static partial void RetryingAfterTransportError(this ILogger logger, string method, string path, string error, int attempt, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "Huawei Cloud {Method} {Path} failed with {Status} {ErrorCode}: {ErrorMessage} (request id {RequestId}, attempt {Attempt})")]
    public static partial void Failed(this ILogger logger, string method, string path, HttpStatusCode status, string? errorCode, string? errorMessage, string? requestId, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Huawei Cloud {Method} {Path} answered {Status} with a body that cannot be read ({Problem}) (request id {RequestId})")]
    public static partial void UnreadableAnswer(this ILogger logger, string method, string path, int status, string? requestId, string problem);
}
