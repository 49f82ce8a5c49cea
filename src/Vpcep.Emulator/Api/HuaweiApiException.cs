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
}
