using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>One item of a batch as the batch orchestration receives it: valid (with its own orchestration) or not.</summary>
/// <param name="Index">The item's position in the message's <c>requests</c> array.</param>
/// <param name="InstanceId">The item's own orchestration instance; none for invalid items.</param>
/// <param name="Input">The item's workflow input; none for invalid items.</param>
/// <param name="Errors">Why the item is invalid; none for valid items.</param>
public sealed record BatchItem(int Index, string? InstanceId, ProvisioningInput? Input, IReadOnlyList<ValidationError>? Errors);

/// <summary>The batch orchestration's input.</summary>
/// <param name="BatchId">The batch's id from the message.</param>
/// <param name="Items">Every item, valid or not, in message order.</param>
/// <param name="CallbackUrl">Where the summary goes; none when neither the batch nor the configuration names one.</param>
/// <param name="Settings">The retry settings in force when the batch was accepted (for the summary notification).</param>
public sealed record BatchInput(string BatchId, IReadOnlyList<BatchItem> Items, string? CallbackUrl, WorkflowSettings Settings);
