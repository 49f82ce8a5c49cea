using Microsoft.DurableTask;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Activities;

/// <summary>The notify activity's input.</summary>
public sealed record NotificationInput(string CallbackUrl, ProvisioningOutcome Outcome);

/// <summary>Delivers the outcome to the callback URL; throws on failure so the orchestrator retries.</summary>
public sealed class NotifyActivity(CallbackNotifier notifier) : TaskActivity<NotificationInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await notifier.SendAsync(new Uri(input.CallbackUrl), input.Outcome, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
