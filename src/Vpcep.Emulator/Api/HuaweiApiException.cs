namespace Vpcep.Emulator.Api;

/// <summary>
/// A Huawei error to answer. Handlers and the state layer throw it; <see cref="Hosting.RequestContextMiddleware"/>
/// turns it into the error body, so every error has the same shape and carries the request id.
/// </summary>
public sealed class HuaweiApiException : Exception
{
    public HuaweiApiException(int status, string errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public HuaweiApiException()
        : this(500, "EndPoint.0001", "System error.")
    {
    }

    public HuaweiApiException(string message)
        : this(500, "EndPoint.0001", message)
    {
    }

    public HuaweiApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        ErrorCode = "EndPoint.0001";
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The Huawei error code, for example <c>EndPoint.0002</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>
    /// Whether the body takes the VPC service's own shape, <c>{"code", "message"}</c> without a request id
    /// (VPC API reference, error code appendix; <c>tests/wire-corpus/error/vpc-*.json</c>), instead of
    /// VPCEP's <c>{"error_code", "error_msg", "request_id"}</c>.
    /// </summary>
    public bool VpcServiceShape { get; init; }

    /// <summary>
    /// Whether the body takes SMN's shape, <c>{"request_id", "code", "message"}</c> (SMN API reference, "Exception
    /// Response").
    /// </summary>
    public bool SmnServiceShape { get; init; }
}
