using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// Checks the request against the cloud before anything is created (service, VPC, subnet). Problems
/// come back as data; a busy cloud (throttling, 5xx) throws <see cref="CloudBusyException"/>, which the orchestration waits out.
/// </summary>
public sealed class ValidateInCloudActivity(CloudValidator validator, ILogger<ValidateInCloudActivity>? logger = null)
    : TaskActivity<ProvisioningRequest, IReadOnlyList<ValidationError>>
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyList<ValidationError>> RunAsync(TaskActivityContext context, ProvisioningRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? logScope = logger.BeginActivityScope(context.InstanceId, input.ProjectId);
        return await CloudBusyException.WhenBusyAsync(() => validator.ValidateAsync(input, CancellationToken.None));
    }
}
