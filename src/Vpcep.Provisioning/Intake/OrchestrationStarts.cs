using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Vpcep.Provisioning.Intake;

/// <summary>Starting an orchestration under a chosen instance id at most once, for every intake.</summary>
internal static class OrchestrationStarts
{
    /// <summary>
    /// Starts <paramref name="name"/> as <paramref name="instanceId"/> unless that instance exists, whether
    /// it existed before or a concurrent caller (a redelivered message, a repeated request) started it
    /// meanwhile. Returns the existing instance, read with <paramref name="getInputsAndOutputs"/>, or
    /// <c>null</c> when this call started it. A failure to start with no instance afterwards is rethrown.
    /// </summary>
    public static async Task<OrchestrationMetadata?> StartOnceAsync(
        DurableTaskClient client, TaskName name, string instanceId, object input, bool getInputsAndOutputs, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cancellationToken);
            return null;
        }
        catch (Exception)
        {
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }
}
