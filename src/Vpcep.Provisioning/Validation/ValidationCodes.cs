namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The stable, snake_case codes of <see cref="ValidationError.Code"/>. Callers may branch on them;
/// they never change meaning. Messages, by contrast, are for people and may be reworded.
/// </summary>
public static class ValidationCodes
{
    // Document shape (ProvisioningRequestParser).

    /// <summary>
    /// The body is not well-formed JSON or not UTF-8: reported once at pointer "" with the line and
    /// byte. A string holding an escaped unpaired surrogate (<c>"\ud800"</c>) is reported at its own pointer.
    /// </summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>A value has the wrong JSON type, for example a string where a boolean belongs.</summary>
    public const string WrongType = "wrong_type";

    /// <summary>
    /// A member the schema does not know: any unknown member of the envelope or of a tag; in <c>endpoint</c>,
    /// one that looks like a typo of a known field or that belongs to the envelope (every unknown member
    /// when <see cref="ValidationOptions.RejectUnknownEndpointFields"/> is set). Other unknown members of
    /// <c>endpoint</c> are passed to Huawei.
    /// </summary>
    public const string UnknownField = "unknown_field";

    /// <summary>
    /// A member appears twice in one object, or a request built in code names a field both as a property and
    /// in <c>AdditionalProperties</c>; which one wins would be ambiguous.
    /// </summary>
    public const string DuplicateField = "duplicate_field";

    /// <summary>A required value is missing or null; also a subnet_id missing for an interface service.</summary>
    public const string Required = "required";

    /// <summary>
    /// More problems than <see cref="ValidationOptions.MaxErrors"/>: the last error, at the request's
    /// pointer, says how many were left out.
    /// </summary>
    public const string TooManyErrors = "too_many_errors";

    // Envelope.

    /// <summary>project_id is not 32 hexadecimal characters.</summary>
    public const string InvalidProjectId = "invalid_project_id";

    /// <summary>region does not look like a Huawei region id (lower case, for example <c>cn-north-4</c>).</summary>
    public const string InvalidRegion = "invalid_region";

    /// <summary>callback_url is not an absolute http or https URL, or is too long.</summary>
    public const string InvalidCallbackUrl = "invalid_callback_url";

    /// <summary>notify.channels names a channel that does not exist, or one twice.</summary>
    public const string InvalidNotificationChannel = "invalid_notification_channel";

    /// <summary>notify.smn_topic_urn is not an SMN topic URN.</summary>
    public const string InvalidSmnTopicUrn = "invalid_smn_topic_urn";

    /// <summary>A channel the request names has no target (no callback URL for the webhook, no topic for SMN) here or in the configuration.</summary>
    public const string MissingNotificationTarget = "missing_notification_target";

    // Callback URL safety (Notifications/CallbackTargetPolicy; OWASP Server-Side Request Forgery Prevention Cheat Sheet).

    /// <summary>callback_url uses http while only https is taken (<c>Notifications:AllowHttp</c> is false, the default).</summary>
    public const string CallbackUrlNotHttps = "callback_url_not_https";

    /// <summary>callback_url carries user information (<c>https://user:password@host/</c>); the message does not repeat it.</summary>
    public const string CallbackUrlHasCredentials = "callback_url_has_credentials";

    /// <summary>
    /// callback_url's host is an IP address (in any spelling, IPv4-mapped and other embedding forms included) that is
    /// not public: loopback, link-local, private, shared, multicast, unspecified, broadcast or another special-purpose
    /// block (see <c>AddressClassifier</c>), and not in <c>Notifications:AllowedHosts</c>.
    /// </summary>
    public const string CallbackUrlNotPublic = "callback_url_not_public";

    /// <summary>callback_url's host name resolves (DNS at intake) to at least one address that is not public, and is not allow-listed.</summary>
    public const string CallbackUrlResolvesNotPublic = "callback_url_resolves_not_public";

    // Endpoint body.

    /// <summary>An id (endpoint_service_id, vpc_id, subnet_id, a route table) is not a UUID <c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>.</summary>
    public const string InvalidUuid = "invalid_uuid";

    /// <summary>More tags than <see cref="ValidationOptions.MaxTags"/>.</summary>
    public const string TooManyTags = "too_many_tags";

    /// <summary>A tag key is empty or only white space.</summary>
    public const string TagKeyBlank = "tag_key_blank";

    /// <summary>A tag key is longer than <see cref="ValidationOptions.MaxTagKeyLength"/> code points.</summary>
    public const string TagKeyTooLong = "tag_key_too_long";

    /// <summary>
    /// A tag key contains a character the tag rules do not allow: a control character, or one of
    /// <see cref="ValidationOptions.TagForbiddenCharacters"/> (seed rules) or anything but letters, digits,
    /// spaces and <see cref="ValidationOptions.TagKeyAllowedSymbols"/> (current rules).
    /// </summary>
    public const string TagKeyForbiddenCharacter = "tag_key_forbidden_character";

    /// <summary>A tag key starts or ends with white space.</summary>
    public const string TagKeySurroundingSpace = "tag_key_surrounding_space";

    /// <summary>A tag value is longer than <see cref="ValidationOptions.MaxTagValueLength"/> code points.</summary>
    public const string TagValueTooLong = "tag_value_too_long";

    /// <summary>A tag value contains a character the tag rules do not allow (as for <see cref="TagKeyForbiddenCharacter"/>).</summary>
    public const string TagValueForbiddenCharacter = "tag_value_forbidden_character";

    /// <summary>A tag value starts or ends with white space (seed rules only).</summary>
    public const string TagValueSurroundingSpace = "tag_value_surrounding_space";

    /// <summary>A tag key repeats an earlier key (ordinal, case-sensitive comparison); reported on the later one.</summary>
    public const string DuplicateTagKey = "duplicate_tag_key";

    /// <summary>A tag key starts with <see cref="ValidationOptions.TagReservedKeyPrefix"/> (current rules only).</summary>
    public const string TagKeyReservedPrefix = "tag_key_reserved_prefix";

    /// <summary>port_ip, or a whitelist entry without a prefix, is not a dotted-quad IPv4 address (IPv6 included).</summary>
    public const string InvalidIpv4 = "invalid_ipv4";

    /// <summary>A whitelist entry with a <c>/</c> is not an IPv4 CIDR block with a prefix of 0-32.</summary>
    public const string InvalidCidr = "invalid_cidr";

    /// <summary>
    /// A CIDR block has host bits set, for example <c>192.168.0.1/24</c> (meant: <c>192.168.0.0/24</c>); only
    /// when <see cref="ValidationOptions.RefuseLikelyMistakes"/> is set.
    /// </summary>
    public const string NonCanonicalCidr = "non_canonical_cidr";

    /// <summary>More whitelist entries than <see cref="ValidationOptions.MaxWhitelistEntries"/>.</summary>
    public const string TooManyWhitelistEntries = "too_many_whitelist_entries";

    /// <summary>
    /// A whitelist entry names the same addresses as an earlier one (<c>10.0.0.1</c> equals <c>10.0.0.1/32</c>);
    /// only when <see cref="ValidationOptions.RefuseLikelyMistakes"/> is set.
    /// </summary>
    public const string DuplicateWhitelistEntry = "duplicate_whitelist_entry";

    /// <summary>
    /// enable_whitelist is true but the whitelist is missing or empty; only when
    /// <see cref="ValidationOptions.RefuseLikelyMistakes"/> is set (the service accepts it).
    /// </summary>
    public const string WhitelistRequired = "whitelist_required";

    /// <summary>More route tables than <see cref="ValidationOptions.MaxRouteTables"/>.</summary>
    public const string TooManyRouteTables = "too_many_route_tables";

    /// <summary>A route table id repeats an earlier one; only when <see cref="ValidationOptions.RefuseLikelyMistakes"/> is set.</summary>
    public const string DuplicateRouteTable = "duplicate_route_table";

    /// <summary>description is longer than <see cref="ValidationOptions.MaxDescriptionLength"/> code points.</summary>
    public const string DescriptionTooLong = "description_too_long";

    /// <summary>description contains <c>&lt;</c> or <c>&gt;</c>.</summary>
    public const string DescriptionForbiddenCharacter = "description_forbidden_character";

    /// <summary>ip_version is neither <c>ipv4</c> nor <c>dualstack</c>.</summary>
    public const string InvalidIpVersion = "invalid_ip_version";

    /// <summary>ipv6_address is not an IPv6 address.</summary>
    public const string InvalidIpv6 = "invalid_ipv6";

    /// <summary>ipv6_address is given with ip_version <c>ipv4</c> (without ip_version it is passed on).</summary>
    public const string Ipv6RequiresDualstack = "ipv6_requires_dualstack";

    // Against the cloud (CloudValidator).

    /// <summary>The project's VPC endpoint quota is used up (the create would fail with <c>Endpoint.1018</c>).</summary>
    public const string EndpointQuotaExhausted = "endpoint_quota_exhausted";

    /// <summary>The endpoint service does not exist or is not visible to the project (404 or <c>EndPoint.2003</c>).</summary>
    public const string EndpointServiceNotFound = "endpoint_service_not_found";

    /// <summary>A field the endpoint service's type does not take (for example routetables for an interface service).</summary>
    public const string NotAllowedForServiceType = "not_allowed_for_service_type";

    /// <summary>policy_document is given but the endpoint service does not enable policies.</summary>
    public const string PolicyNotSupported = "policy_not_supported";

    /// <summary>The VPC does not exist in the project and region.</summary>
    public const string VpcNotFound = "vpc_not_found";

    /// <summary>The subnet does not exist in the project and region.</summary>
    public const string SubnetNotFound = "subnet_not_found";

    /// <summary>The subnet exists but belongs to another VPC than vpc_id.</summary>
    public const string SubnetNotInVpc = "subnet_not_in_vpc";

    /// <summary>The subnet's CIDR overlaps 198.19.128.0/17, which Huawei reserves for VPC endpoints.</summary>
    public const string SubnetReservedOverlap = "subnet_reserved_overlap";

    /// <summary>port_ip lies outside the subnet's CIDR.</summary>
    public const string PortIpNotInSubnet = "port_ip_not_in_subnet";

    /// <summary>port_ip is the subnet's gateway, network or broadcast address.</summary>
    public const string PortIpReserved = "port_ip_reserved";

    /// <summary>An Idempotency-Key header or idempotency_key member that is empty, too long, not a string or given twice.</summary>
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";

    /// <summary>Two items of one batch carry the same idempotency_key.</summary>
    public const string DuplicateIdempotencyKey = "duplicate_idempotency_key";

    /// <summary>A batch_id that is empty, longer than 128 characters or holds control characters.</summary>
    public const string InvalidBatchId = "invalid_batch_id";

    /// <summary>
    /// The <c>container</c> of a queue message's <c>batch_ref</c> is missing or not a storage container name
    /// (3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit).
    /// </summary>
    public const string InvalidContainerName = "invalid_container_name";

    /// <summary>The <c>blob</c> of a queue message's <c>batch_ref</c> is missing, empty, longer than 1,024 characters or holds control characters.</summary>
    public const string InvalidBlobName = "invalid_blob_name";
}
