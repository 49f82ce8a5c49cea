using System.Text.Json.Serialization;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// Source-generated JSON metadata for every type that crosses the wire to Huawei Cloud. Unknown fields in
/// answers are skipped (the default), so a service that adds fields never breaks the client.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
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
[JsonSerializable(typeof(HuaweiErrorBody))]
public sealed partial class HuaweiJsonContext : JsonSerializerContext;
