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

    /// <summary>
    /// The body of a success answer that could not be read (a truncated or unexpected document), kept so a
    /// caller can still recover what matters, such as the id of an endpoint a create made. Null otherwise.
    /// </summary>
    public string? ResponseBody { get; init; }

    /// <summary>
    /// Gets a value indicating whether the service said the addressed resource does not exist. Decided from
    /// the error code (<see cref="HuaweiErrorCodes.NotFound"/>), not from a bare 404: the API gateway answers
    /// 404 <c>APIG.0101</c> for a wrong host or region, which says nothing about the resource.
    /// </summary>
    public bool IsNotFound =>
        ErrorCode is not null
        && (HuaweiErrorCodes.NotFound.Contains(ErrorCode) || (Status == HttpStatusCode.NotFound && HuaweiErrorCodes.NotFoundWhen404.Contains(ErrorCode)));

    /// <summary>Gets a value indicating whether a resource the request refers to (a VPC, an endpoint service) does not exist.</summary>
    public bool IsMissingReference => ErrorCode is not null && HuaweiErrorCodes.MissingReference.Contains(ErrorCode);

    /// <summary>Gets a value indicating whether the call reached no API at all (wrong region, host or base URL).</summary>
    public bool IsWrongEndpoint => HuaweiErrorCodes.IsGatewayCode(ErrorCode, HuaweiErrorCodes.GatewayApiNotFound);

    /// <summary>Gets a value indicating whether the answer is throttling (<c>EndPoint.0022</c> with 400, <c>APIG.0308</c>, or 429).</summary>
    public bool IsThrottling =>
        Status == HttpStatusCode.TooManyRequests || (ErrorCode is not null && HuaweiErrorCodes.Throttling.Contains(ErrorCode));

    /// <summary>Gets a value indicating whether the service failed (5xx).</summary>
    public bool IsServerError => (int)Status >= 500;

    /// <summary>
    /// Gets a value indicating whether the same call may succeed later: throttling, a 5xx, or a code the
    /// reference documents as "try again later" (<see cref="HuaweiErrorCodes.Transient"/>). Never a verdict on the request.
    /// </summary>
    public bool IsTransient => IsThrottling || IsServerError || (ErrorCode is not null && HuaweiErrorCodes.Transient.Contains(ErrorCode));

    /// <summary>Gets a value indicating whether this is a 2xx answer whose body could not be read.</summary>
    public bool IsUnreadableSuccess => (int)Status is >= 200 and < 300;

    private static string FormatMessage(HttpStatusCode status, string? errorCode, string message, string? requestId) =>
        $"Huawei Cloud answered {(int)status} {errorCode ?? "(no code)"}: {message}" + (requestId is null ? "" : $" (request id {requestId})");
}
