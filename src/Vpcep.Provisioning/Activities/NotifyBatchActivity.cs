using Microsoft.DurableTask;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Activities;

/// <summary>The batch summary notification's input.</summary>
public sealed record BatchNotificationInput(string CallbackUrl, BatchOutcome Outcome);

/// <summary>Delivers a batch's summary; throws on failure so the orchestrator retries.</summary>
public sealed class NotifyBatchActivity(CallbackNotifier notifier) : TaskActivity<BatchNotificationInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, BatchNotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifier.SendAsync(new Uri(input.CallbackUrl), input.Outcome, ProvisioningJsonContext.Default.BatchOutcome, input.Outcome.BatchId, CancellationToken.None)
            .ConfigureAwait(false);
        return true;
    }
}
