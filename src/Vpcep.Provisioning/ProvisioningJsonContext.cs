using System.Text.Json.Serialization;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Provisioning;

/// <summary>Source-generated JSON metadata of the workflow's documents: requests, outcomes, batch outcomes, deprovisioning outcomes, poison entries.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisioningOutcome))]
[JsonSerializable(typeof(ProvisioningRequest))]
[JsonSerializable(typeof(BatchOutcome))]
[JsonSerializable(typeof(DeprovisionOutcome))]
[JsonSerializable(typeof(PoisonMessage))]
public sealed partial class ProvisioningJsonContext : JsonSerializerContext;
