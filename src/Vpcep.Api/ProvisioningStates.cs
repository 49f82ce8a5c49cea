using Microsoft.DurableTask.Client;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api;

/// <summary>Reads what <c>GET /api/vpc-endpoints/{id}</c> answers from the task hub.</summary>
public static class ProvisioningStates
{
    /// <summary>The state of one request, or <c>null</c> when there is no such instance.</summary>
    public static async Task<ProvisioningState?> ReadAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken) =>
        (await ReadWithOwnerAsync(client, instanceId, cancellationToken))?.State;

    /// <summary>The state of one request and the caller that submitted it (none on a host that does not tell callers apart).</summary>
    public static async Task<(ProvisioningState State, string? Owner)?> ReadWithOwnerAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        ProvisioningStatus? status = metadata.SerializedCustomStatus is null ? null : metadata.ReadCustomStatusAs<ProvisioningStatus>();
        string? owner = metadata.SerializedInput is null ? null : metadata.ReadInputAs<ProvisioningInput>()?.Caller;
        var state = new ProvisioningState
        {
            InstanceId = instanceId,
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Phase = status?.Phase,
            EndpointId = status?.EndpointId,
            EndpointStatus = status?.EndpointStatus,
            Polls = status?.Polls ?? 0,
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            Outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<ProvisioningOutcome>() : null,
            Failure = metadata.FailureDetails?.ErrorMessage,
        };
        if (state.Outcome is { } outcome)
        {
            state = state with
            {
                Outcome = outcome with { Notification = await DeliveryReports.LatestAsync(client, outcome.Notification, CallbackNotifier.OutcomeEventId(instanceId), cancellationToken) },
                FollowUp = outcome.FollowUpInstanceId is { } followUp ? await FollowUpAsync(client, followUp, cancellationToken) : null,
            };
        }

        return (state, owner);
    }

    private static async Task<FollowUpState?> FollowUpAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return null;
        }

        ProvisioningOutcome? outcome = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<ProvisioningOutcome>() : null;
        if (outcome is not null)
        {
            outcome = outcome with
            {
                Notification = await DeliveryReports.LatestAsync(client, outcome.Notification, CallbackNotifier.FollowUpEventId(outcome.InstanceId), cancellationToken),
            };
        }

        return new FollowUpState { InstanceId = instanceId, RuntimeStatus = metadata.RuntimeStatus.ToString(), Outcome = outcome };
    }
}
