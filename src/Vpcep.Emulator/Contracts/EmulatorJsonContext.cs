using System.Text.Json;
using System.Text.Json.Serialization;
using Vpcep.Emulator.Faults;

namespace Vpcep.Emulator.Contracts;

/// <summary>
/// The one JSON context of the emulator: snake_case names as on the Huawei wire, nulls left out
/// (fields such as <c>ip</c> or <c>error</c> appear only when they have a value), comments and trailing
/// commas tolerated in fixtures.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CreateEndpointRequest))]
[JsonSerializable(typeof(EndpointBody))]
[JsonSerializable(typeof(EndpointListBody))]
[JsonSerializable(typeof(UpdateWhitelistRequest))]
[JsonSerializable(typeof(UpdatePolicyRequest))]
[JsonSerializable(typeof(UpdateRouteTablesRequest))]
[JsonSerializable(typeof(EndpointServiceBasicBody))]
[JsonSerializable(typeof(PublicEndpointServiceListBody))]
[JsonSerializable(typeof(ConnectionActionRequest))]
[JsonSerializable(typeof(ConnectionListBody))]
[JsonSerializable(typeof(QuotasBody))]
[JsonSerializable(typeof(VpcEnvelopeBody))]
[JsonSerializable(typeof(SubnetEnvelopeBody))]
[JsonSerializable(typeof(TagActionRequest))]
[JsonSerializable(typeof(ResourceInstancesRequest))]
[JsonSerializable(typeof(ResourceInstancesBody))]
[JsonSerializable(typeof(HuaweiErrorBody))]
[JsonSerializable(typeof(VpcErrorBody))]
[JsonSerializable(typeof(SmnPublishRequest))]
[JsonSerializable(typeof(SmnPublishResponse))]
[JsonSerializable(typeof(SmnErrorBody))]
[JsonSerializable(typeof(SmnMessageListBody))]
[JsonSerializable(typeof(FixtureSet))]
[JsonSerializable(typeof(FixtureCountsBody))]
[JsonSerializable(typeof(CallbackListBody))]
[JsonSerializable(typeof(CallbackSinksBody))]
[JsonSerializable(typeof(TimeScaleBody))]
[JsonSerializable(typeof(EndpointTimelineListBody))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(ThrottledBody))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext;
