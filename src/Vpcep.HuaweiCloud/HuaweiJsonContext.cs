using System.Text.Json.Serialization;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Serialization;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// Source-generated JSON metadata for every type that crosses the wire to Huawei Cloud. The reader is
/// tolerant: unknown fields are skipped (the default), unknown enum values are plain strings, and the
/// converters below read every JSON form Huawei's sources document for a field (a lone string where the
/// SDKs send a list, <c>"true"</c> or <c>1</c> for a boolean, a numeric string for a number), so one field
/// in an unexpected form never fails an answer. The wire corpus (<c>tests/wire-corpus</c>) pins the forms.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters =
    [
        typeof(LenientStringConverter),
        typeof(StringOrStringListConverter),
        typeof(FlexibleBooleanConverter),
        typeof(FlexibleInt64Converter),
        typeof(FlexibleInt32Converter),
    ])]
[JsonSerializable(typeof(CreateEndpointRequest))]
[JsonSerializable(typeof(VpcEndpoint))]
[JsonSerializable(typeof(EndpointList))]
[JsonSerializable(typeof(UpdateWhitelistRequest))]
[JsonSerializable(typeof(UpdatePolicyRequest))]
[JsonSerializable(typeof(UpdateRouteTablesRequest))]
[JsonSerializable(typeof(TagActionRequest))]
[JsonSerializable(typeof(FindByTagsRequest))]
[JsonSerializable(typeof(TaggedResourceList))]
[JsonSerializable(typeof(EndpointServiceInfo))]
[JsonSerializable(typeof(PublicEndpointServiceList))]
[JsonSerializable(typeof(ConnectionActionRequest))]
[JsonSerializable(typeof(EndpointConnectionList))]
[JsonSerializable(typeof(QuotaEnvelope))]
[JsonSerializable(typeof(VpcEnvelope))]
[JsonSerializable(typeof(SubnetEnvelope))]
[JsonSerializable(typeof(SmnPublishRequestBody))]
[JsonSerializable(typeof(SmnPublishResult))]
[JsonSerializable(typeof(HuaweiErrorBody))]
public sealed partial class HuaweiJsonContext : JsonSerializerContext;
