using Microsoft.DurableTask.Client;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;

namespace Vpcep.Api;

/// <summary>
/// Reads where an event's delivery stands: the report its orchestration recorded when it ended, unless a
/// delivery orchestration took over (after a failed first attempt, or an operator's redelivery), whose report
/// (its custom status while it runs, its output when it ends) is the latest word.
/// </summary>
public static class DeliveryReports
{
    /// <summary>The latest report of event <paramref name="eventId"/>, or <paramref name="recorded"/>.</summary>
    public static async Task<NotificationReport?> LatestAsync(
        DurableTaskClient client, NotificationReport? recorded, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        string deliveryId = recorded?.DeliveryInstanceId ?? InstanceIds.ForDelivery(recorded?.EventId ?? eventId);
        OrchestrationMetadata? delivery = await client.GetInstanceAsync(deliveryId, getInputsAndOutputs: true, cancellationToken);
        return Of(delivery) ?? recorded;
    }

    /// <summary>The report a delivery orchestration holds, or null when it has none (yet).</summary>
    public static NotificationReport? Of(OrchestrationMetadata? delivery) => delivery switch
    {
        null => null,
        { RuntimeStatus: OrchestrationRuntimeStatus.Completed, SerializedOutput: not null } => delivery.ReadOutputAs<NotificationReport>(),
        { SerializedCustomStatus: not null } => delivery.ReadCustomStatusAs<NotificationReport>(),
        _ => null,
    };
}
