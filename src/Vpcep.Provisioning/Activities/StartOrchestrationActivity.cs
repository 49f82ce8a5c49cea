using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Activities;

/// <summary>The start activity's input: which orchestration to start, as which instance, with which input.</summary>
/// <param name="Name">The orchestration's name.</param>
/// <param name="InstanceId">Its instance id.</param>
/// <param name="Delivery">The input of a <see cref="DeliverNotificationOrchestrator"/>.</param>
/// <param name="FollowUp">The input of a <see cref="FollowPendingAcceptanceOrchestrator"/>.</param>
/// <param name="Deprovision">The input of a <see cref="DeprovisionEndpointOrchestrator"/>.</param>
public sealed record StartOrchestrationInput(
    string Name, string InstanceId, DeliveryInput? Delivery = null, FollowUpInput? FollowUp = null, DeprovisionInput? Deprovision = null);

/// <summary>
/// Starts an orchestration that outlives the one asking for it (a notification's further delivery, a
/// pending-acceptance follow-up, the deprovisioning of a failed request's endpoint). An orchestration cannot do this itself: the Durable Task Framework keeps an
/// orchestration running until every sub-orchestration it started has ended, so a request's outcome would wait a
/// day for its receiver. Starts at most once per instance id: when the instance exists (this activity ran before
/// and its result was lost), nothing is started again.
/// </summary>
public sealed class StartOrchestrationActivity(DurableTaskClient client) : TaskActivity<StartOrchestrationInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, StartOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await client.GetInstanceAsync(input.InstanceId, getInputsAndOutputs: false) is not null)
        {
            return false;
        }

        object payload = (object?)input.Delivery ?? (object?)input.FollowUp ?? input.Deprovision ?? throw new ArgumentException("Nothing to start: no input.", nameof(input));
        await client.ScheduleNewOrchestrationInstanceAsync(input.Name, payload, new StartOrchestrationOptions(input.InstanceId));
        return true;
    }
}
