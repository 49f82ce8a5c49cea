namespace Vpcep.HuaweiCloud;

/// <summary>
/// The error codes whose meaning the client acts on, in one place. Sources: Huawei Cloud's VPCEP API
/// reference (error code table), Open Telekom Cloud's VPCEP reference (the same service), Huawei's API
/// gateway error codes (<c>APIG.*</c>), the VPC API reference (<c>VPC.*</c>) and the SMN API reference (<c>SMN.*</c>); the wire corpus
/// (<c>tests/wire-corpus</c>) holds a sample of each shape.
/// </summary>
public static class HuaweiErrorCodes
{
    /// <summary>System error; the reference says to try again.</summary>
    public const string SystemError = "EndPoint.0001";

    /// <summary>Parameter error.</summary>
    public const string ParameterError = "EndPoint.0002";

    /// <summary>The addressed resource does not exist (HTTP 404).</summary>
    public const string ResourceNotFound = "EndPoint.0005";

    /// <summary>Too many requests; sent with HTTP 400, not 429.</summary>
    public const string Throttled = "EndPoint.0022";

    /// <summary>The VPC does not exist (HTTP 400).</summary>
    public const string VpcNotFound = "EndPoint.2001";

    /// <summary>The endpoint service does not exist (HTTP 400).</summary>
    public const string EndpointServiceNotFound = "EndPoint.2003";

    /// <summary>The endpoint service is unavailable; the reference says to try again later.</summary>
    public const string EndpointServiceUnavailable = "EndPoint.2004";

    /// <summary>The endpoint does not exist (HTTP 404).</summary>
    public const string EndpointNotFound = "EndPoint.2006";

    /// <summary>The endpoint was already deleted (HTTP 404).</summary>
    public const string EndpointAlreadyDeleted = "EndPoint.2008";

    /// <summary>The endpoint is being deleted (HTTP 400): a delete of it has been accepted already.</summary>
    public const string EndpointDeleting = "EndPoint.2018";

    /// <summary>The endpoint is being created (HTTP 400): it cannot be changed or deleted until it settles.</summary>
    public const string EndpointCreating = "EndPoint.2019";

    /// <summary>The subnet does not exist (HTTP 404).</summary>
    public const string SubnetNotFound = "EndPoint.4004";

    /// <summary>
    /// The API gateway found no API at this host and path: a wrong region, host or base URL, not a missing
    /// resource. Service hosts spell the prefix <c>APIGW</c>, the API Gateway reference <c>APIG</c>: both are read
    /// (<see cref="IsGatewayCode"/>).
    /// </summary>
    public const string GatewayApiNotFound = "APIG.0101";

    /// <summary>The API gateway rejected the credentials or the signature.</summary>
    public const string GatewayAuthenticationFailed = "APIG.0301";

    /// <summary>The API gateway throttled the call (usually HTTP 429; the message names the window, e.g. "limit:N, time:1 minute").</summary>
    public const string GatewayThrottled = "APIG.0308";

    /// <summary><see cref="GatewayThrottled"/> as service hosts spell it.</summary>
    public const string GatewayThrottledOnServiceHosts = "APIGW.0308";

    /// <summary>The prefix of the API gateway's codes in the API Gateway reference.</summary>
    private const string GatewayPrefix = "APIG";

    /// <summary>The prefix of the same codes as VPCEP and VPC hosts send them.</summary>
    private const string ServiceHostGatewayPrefix = "APIGW";

    /// <summary>The VPC service: the VPC does not exist (404; VPC API error code appendix).</summary>
    public const string VpcServiceVpcNotFound = "VPC.0003";

    /// <summary>The VPC service: querying the VPC failed (404 when it does not exist, 500 otherwise).</summary>
    public const string VpcServiceVpcQueryFailed = "VPC.0105";

    /// <summary>The VPC service: querying the subnet failed (404 when it does not exist, 500 otherwise).</summary>
    public const string VpcServiceSubnetQueryFailed = "VPC.0202";

    // SMN's own codes, sent in SMN's body {"request_id", "code", "message"}: Huawei Cloud SMN API reference, "Error
    // Codes" and "Exception Response" (the same table in Open Telekom Cloud's SMN API reference, public_parameters/error_codes).

    /// <summary>SMN: no permission to request the resource (HTTP 403), e.g. no <c>smn:topic:publish</c> on the topic.</summary>
    public const string SmnNoPermission = "SMN.0001";

    /// <summary>SMN: the topic URN is not a valid URN (HTTP 400).</summary>
    public const string SmnTopicUrnInvalid = "SMN.0005";

    /// <summary>SMN: the topic does not exist (HTTP 404).</summary>
    public const string SmnTopicNotFound = "SMN.0006";

    /// <summary>SMN: the subject is invalid, e.g. too long (HTTP 403).</summary>
    public const string SmnSubjectInvalid = "SMN.0008";

    /// <summary>SMN: the message is invalid, e.g. empty or too long (HTTP 403).</summary>
    public const string SmnMessageInvalid = "SMN.0009";

    /// <summary>SMN: internal service error (HTTP 500).</summary>
    public const string SmnInternalError = "SMN.0018";

    /// <summary>Codes meaning "the resource you addressed does not exist" whatever the HTTP status (never a gateway code).</summary>
    public static readonly IReadOnlySet<string> NotFound = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ResourceNotFound, EndpointNotFound, EndpointAlreadyDeleted, SubnetNotFound, VpcServiceVpcNotFound, SmnTopicNotFound,
    };

    /// <summary>
    /// Codes meaning "a resource the request refers to does not exist" (HTTP 400): the VPC or endpoint service
    /// named in a create, not the resource the call addresses.
    /// </summary>
    public static readonly IReadOnlySet<string> MissingReference = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        VpcNotFound, EndpointServiceNotFound,
    };

    /// <summary>Codes the VPC reference documents with 404 or 500: "does not exist" only when sent with 404.</summary>
    public static readonly IReadOnlySet<string> NotFoundWhen404 = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        VpcServiceVpcQueryFailed, VpcServiceSubnetQueryFailed,
    };

    /// <summary>Codes meaning "too many requests, wait".</summary>
    public static readonly IReadOnlySet<string> Throttling = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Throttled, GatewayThrottled, GatewayThrottledOnServiceHosts,
    };

    /// <summary>The gateway's code with either prefix spelling, for comparisons.</summary>
    public static bool IsGatewayCode(string? code, string gatewayCode) =>
        code is not null && (string.Equals(code, gatewayCode, StringComparison.OrdinalIgnoreCase)
            || string.Equals(code, ServiceHostGatewayPrefix + gatewayCode[GatewayPrefix.Length..], StringComparison.OrdinalIgnoreCase));

    /// <summary>Codes the references document as transient ("try again later") besides throttling and 5xx.</summary>
    public static readonly IReadOnlySet<string> Transient = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        SystemError, EndpointServiceUnavailable,
    };
}
