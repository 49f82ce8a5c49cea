using Microsoft.DurableTask;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// Checks the request against the cloud before anything is created (service, VPC, subnet). Problems
/// come back as data; a busy cloud (throttling, 5xx) throws <see cref="CloudBusyException"/>, which the orchestration waits out.
/// </summary>
public sealed class ValidateInCloudActivity(CloudValidator validator) : TaskActivity<ProvisioningRequest, IReadOnlyList<ValidationError>>
{
    /// <inheritdoc/>
    public override Task<IReadOnlyList<ValidationError>> RunAsync(TaskActivityContext context, ProvisioningRequest input) =>
        CloudBusyException.WhenBusyAsync(() => validator.ValidateAsync(input, CancellationToken.None));
}
