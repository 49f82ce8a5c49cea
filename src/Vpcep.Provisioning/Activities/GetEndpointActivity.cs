using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Telemetry;

namespace Vpcep.Provisioning.Activities;

/// <summary>The poll activity's input.</summary>
public sealed record GetEndpointInput(string ProjectId, string? Region, string EndpointId);

/// <summary>Reads an endpoint's current status; <c>null</c> when the service's error code says it no longer exists.</summary>
public sealed class GetEndpointActivity(VpcepClient vpcep, ILogger<GetEndpointActivity>? logger = null) : TaskActivity<GetEndpointInput, EndpointSnapshot?>
{
    /// <inheritdoc/>
    public override async Task<EndpointSnapshot?> RunAsync(TaskActivityContext context, GetEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? logScope = logger.BeginActivityScope(context.InstanceId, input.ProjectId);
        try
        {
            var scope = new ProjectScope(input.ProjectId, input.Region);
            return EndpointSnapshot.From(await CloudBusyException.WhenBusyAsync(() => vpcep.GetEndpointAsync(scope, input.EndpointId)));
        }
        catch (HuaweiCloudException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }
}
