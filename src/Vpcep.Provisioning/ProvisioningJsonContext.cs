using System.Text.Json.Serialization;
using Vpcep.Provisioning.Batches;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning;

/// <summary>Source-generated JSON metadata of the project's own HTTP contract (intake answers, outcomes).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProvisioningOutcome))]
[JsonSerializable(typeof(ProvisioningRequest))]
[JsonSerializable(typeof(AcceptedProvisioning))]
[JsonSerializable(typeof(ProvisioningState))]
[JsonSerializable(typeof(BatchOutcome))]
[JsonSerializable(typeof(BatchState))]
[JsonSerializable(typeof(PoisonMessage))]
public sealed partial class ProvisioningJsonContext : JsonSerializerContext;
