using System.Net;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// The one error type of the Huawei Cloud client: an error answer from the service (or its gateway).
/// </summary>
public class HuaweiCloudException : Exception
{
    public HuaweiCloudException()
    {
    }

    public HuaweiCloudException(string message)
        : base(message)
    {
    }

    public HuaweiCloudException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HuaweiCloudException(HttpStatusCode status, string? errorCode, string message, string? requestId)
        : base(FormatMessage(status, errorCode, message, requestId))
    {
        Status = status;
        ErrorCode = errorCode;
        ErrorMessage = message;
        RequestId = requestId;
    }

    public HuaweiCloudException(HttpStatusCode status, string? errorCode, string message, string? requestId, Exception? innerException)
        : base(FormatMessage(status, errorCode, message, requestId), innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ErrorMessage = message;
        RequestId = requestId;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Huawei's error code, for example <c>EndPoint.0002</c> or <c>APIG.0301</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Huawei's error message.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id (<c>X-Request-Id</c>), for support tickets.</summary>
    public string? RequestId { get; }

    /// <summary>Gets a value indicating whether the service said the resource does not exist.</summary>
    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    /// <summary>Gets a value indicating whether the answer is throttling (<c>EndPoint.0022</c>, <c>APIG.0308</c>, 429).</summary>
    public bool IsThrottling =>
        Status == HttpStatusCode.TooManyRequests || ErrorCode is "EndPoint.0022" or "APIG.0308";

    /// <summary>Gets a value indicating whether the service failed (5xx).</summary>
    public bool IsServerError => (int)Status >= 500;

    private static string FormatMessage(HttpStatusCode status, string? errorCode, string message, string? requestId) =>
        $"Huawei Cloud answered {(int)status} {errorCode ?? "(no code)"}: {message}" + (requestId is null ? "" : $" (request id {requestId})");
}
