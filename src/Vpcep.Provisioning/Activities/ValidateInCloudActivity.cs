using Microsoft.DurableTask;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// Checks the request against the cloud before anything is created (service, VPC, subnet). Problems
/// come back as data; cloud errors that are not verdicts (throttling, 5xx) throw, so the orchestrator retries.
/// </summary>
public sealed class ValidateInCloudActivity(CloudValidator validator) : TaskActivity<ProvisioningRequest, IReadOnlyList<ValidationError>>
{
    /// <inheritdoc/>
    public override Task<IReadOnlyList<ValidationError>> RunAsync(TaskActivityContext context, ProvisioningRequest input) =>
        validator.ValidateAsync(input, CancellationToken.None);
}
