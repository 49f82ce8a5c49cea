using System.Text.Json.Serialization;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud;

/// <summary>Source-generated JSON metadata for every type that crosses the wire to Huawei Cloud.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateEndpointRequest))]
[JsonSerializable(typeof(VpcEndpoint))]
[JsonSerializable(typeof(EndpointList))]
[JsonSerializable(typeof(EndpointServiceInfo))]
[JsonSerializable(typeof(VpcEnvelope))]
[JsonSerializable(typeof(SubnetEnvelope))]
[JsonSerializable(typeof(HuaweiErrorBody))]
public sealed partial class HuaweiJsonContext : JsonSerializerContext;
