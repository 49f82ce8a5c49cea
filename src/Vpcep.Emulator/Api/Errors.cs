namespace Vpcep.Emulator.Api;

/// <summary>The Huawei errors the emulator answers, in one place so codes and messages stay consistent.</summary>
internal static class Errors
{
    public static HuaweiApiException SystemError(string detail = "System error, please try again later.") => new(500, "EndPoint.0001", detail);

    public static HuaweiApiException ParameterError(string detail) => new(400, "EndPoint.0002", "Parameter error: " + detail);

    public static HuaweiApiException ResourceNotFound(string detail) => new(404, "EndPoint.0005", detail);

    public static HuaweiApiException InvalidLimit() => new(400, "EndPoint.0006", "Invalid limit: an integer from 0 to 1000 is required.");

    public static HuaweiApiException InvalidOffset() => new(400, "EndPoint.0010", "Invalid offset: a non-negative integer is required.");

    public static HuaweiApiException InvalidProjectId() => new(400, "EndPoint.0014", "Invalid project ID.");

    public static HuaweiApiException InvalidSortKey() => new(400, "EndPoint.0017", "Invalid sort_key: use create_at or update_at.");

    public static HuaweiApiException InvalidSortDir() => new(400, "EndPoint.0018", "Invalid sort_dir: use asc or desc.");

    public static HuaweiApiException InvalidSubnet(string detail) => new(400, "EndPoint.0023", "Invalid subnet_id: " + detail);

    public static HuaweiApiException Throttled() => new(400, "EndPoint.0022", "Too many requests, please try again later.");

    public static HuaweiApiException GatewayThrottled() => new(429, "APIG.0308", "The request is throttled.");

    public static HuaweiApiException QuotaExceeded(int quota) => new(400, "Endpoint.1018", $"The VPC endpoint quota ({quota}) is exceeded.");

    public static HuaweiApiException VpcNotFound(string id) => new(400, "EndPoint.2001", $"The VPC {id} does not exist.");

    public static HuaweiApiException ServiceNotFound(string id) => new(400, "EndPoint.2003", $"The VPC endpoint service {id} does not exist.");

    public static HuaweiApiException ServiceUnavailable(string id) => new(400, "EndPoint.2004", $"The VPC endpoint service {id} is unavailable.");

    public static HuaweiApiException EndpointNotFound(string id) => new(404, "EndPoint.2006", $"The VPC endpoint {id} does not exist.");

    public static HuaweiApiException SubnetIdEmpty() => new(400, "EndPoint.2010", "The subnet ID is empty.");

    public static HuaweiApiException VpcIdEmpty() => new(400, "EndPoint.2011", "The VPC ID is empty.");

    public static HuaweiApiException EndpointDeleting(string id) => new(400, "EndPoint.2018", $"The VPC endpoint {id} is being deleted.");

    public static HuaweiApiException EndpointCreating(string id) => new(400, "EndPoint.2019", $"The VPC endpoint {id} is being created.");

    public static HuaweiApiException OnlyOneEndpoint() => new(400, "EndPoint.2031", "Only one VPC endpoint can be handled at a time.");

    public static HuaweiApiException InvalidPortIp(string? ip) => new(400, "EndPoint.2041", $"The port IP {ip} is invalid.");

    public static HuaweiApiException PortIpInUse(string ip) => new(400, "EndPoint.2042", $"The port IP {ip} is already in use.");

    public static HuaweiApiException PortIpNotInSubnet(string ip) => new(400, "EndPoint.2043", $"The port IP {ip} is not an available address of the subnet.");

    public static HuaweiApiException InvalidWhitelist(string? entry) => new(400, "EndPoint.2044", $"The whitelist entry {entry} is invalid.");

    public static HuaweiApiException WhitelistFull(int max) => new(400, "EndPoint.2045", $"The whitelist holds at most {max} entries.");

    public static HuaweiApiException TagEmpty() => new(400, "EndPoint.3066", "The tag key is empty.");

    public static HuaweiApiException TagDuplicate(string key) => new(400, "EndPoint.3067", $"The tag key {key} is duplicated.");

    public static HuaweiApiException TagInvalidCharacters(string what) => new(400, "EndPoint.3068", $"The tag {what} contains invalid characters.");

    public static HuaweiApiException TooManyTags(int max) => new(400, "EndPoint.3069", $"At most {max} tags are allowed.");

    public static HuaweiApiException TagKeyTooLong(int max) => new(400, "EndPoint.3072", $"The tag key is longer than {max} characters.");

    public static HuaweiApiException TagValueTooLong(int max) => new(400, "EndPoint.3073", $"The tag value is longer than {max} characters.");

    // The VPC service's own codes and shape (VPC API reference, error code appendix): a missing VPC is
    // VPC.0003 with 404, a subnet that cannot be queried VPC.0202 with 404 (or 500 for a fault).
    public static HuaweiApiException VpcServiceVpcNotFound() => new(404, "VPC.0003", "VPC does not exist.") { VpcServiceShape = true };

    public static HuaweiApiException VpcServiceSubnetNotFound() => new(404, "VPC.0202", "Query subnet fail.") { VpcServiceShape = true };

    // SMN's own codes and shape (SMN API reference, "Error Codes"; the same table in Open Telekom Cloud's SMN API
    // reference, public_parameters/error_codes.rst): the status codes are the table's, 403 for an invalid subject or message.
    public static HuaweiApiException SmnTopicUrnInvalid() => new(400, "SMN.0005", "Parameter: TopicUrn is invalid.") { SmnServiceShape = true };

    public static HuaweiApiException SmnTopicNotFound() => new(404, "SMN.0006", "Topic not found.") { SmnServiceShape = true };

    public static HuaweiApiException SmnSubjectInvalid() => new(403, "SMN.0008", "Parameter: Subject is invalid.") { SmnServiceShape = true };

    public static HuaweiApiException SmnMessageInvalid() => new(403, "SMN.0009", "Parameter: Message is invalid.") { SmnServiceShape = true };

    public static HuaweiApiException SmnMessageStructureInvalid() => new(400, "SMN.0021", "MessageStructure is invalid.") { SmnServiceShape = true };

    public static HuaweiApiException SmnTemplateNotFound() => new(404, "SMN.0027", "Template not found.") { SmnServiceShape = true };

    public static HuaweiApiException SignatureRejected() =>
        new(401, "APIG.0301", "Incorrect IAM authentication information: verify aksk signature fail");

    public static HuaweiApiException TokenRejected() =>
        new(401, "APIG.0301", "Incorrect IAM authentication information: verify token fail");
}
