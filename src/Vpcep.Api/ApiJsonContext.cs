using System.Text.Json.Serialization;
using Vpcep.Api.Contracts;

namespace Vpcep.Api;

/// <summary>
/// Source-generated JSON of the HTTP contract's answers. Answers are written with this context, not a host's
/// JSON settings, so both hosts answer byte for byte the same documents.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcceptedProvisioning))]
[JsonSerializable(typeof(AcceptedBatch))]
[JsonSerializable(typeof(ProvisioningState))]
[JsonSerializable(typeof(BatchState))]
[JsonSerializable(typeof(AcceptedRedelivery))]
[JsonSerializable(typeof(DeliveryList))]
[JsonSerializable(typeof(BatchList))]
[JsonSerializable(typeof(BatchItemList))]
[JsonSerializable(typeof(RequestList))]
[JsonSerializable(typeof(AcceptedTermination))]
[JsonSerializable(typeof(TerminateRequestDocument))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(AcceptedDeprovision))]
[JsonSerializable(typeof(DeprovisionState))]
[JsonSerializable(typeof(AcceptedBatchDeprovision))]
[JsonSerializable(typeof(CleanupRequestDocument))]
[JsonSerializable(typeof(CleanupAnswer))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
