using Microsoft.DurableTask;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// The notify activity's input: where to send, and the one document to send, a request's outcome or a
/// batch's summary.
/// </summary>
/// <param name="CallbackUrl">The receiver.</param>
/// <param name="Outcome">A request's outcome.</param>
/// <param name="BatchOutcome">A batch's summary.</param>
public sealed record NotificationInput(string CallbackUrl, ProvisioningOutcome? Outcome = null, BatchOutcome? BatchOutcome = null);

/// <summary>What the receiver answered to a delivered notification.</summary>
/// <param name="StatusCode">The receiver's 2xx status code.</param>
public sealed record NotificationReceipt(int StatusCode);

/// <summary>
/// Delivers one notification, a request's outcome or a batch's summary; throws on failure so the
/// orchestration retries, and returns the receiver's answer when it took the document.
/// </summary>
public sealed class NotifyActivity(CallbackNotifier notifier) : TaskActivity<NotificationInput, NotificationReceipt>
{
    /// <inheritdoc/>
    public override async Task<NotificationReceipt> RunAsync(TaskActivityContext context, NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = new Uri(input.CallbackUrl);
        int status = (input.Outcome, input.BatchOutcome) switch
        {
            ({ } outcome, null) => await notifier.SendAsync(
                target, outcome, ProvisioningJsonContext.Default.ProvisioningOutcome, outcome.InstanceId, CallbackNotifier.OutcomeEventId(outcome.InstanceId), CancellationToken.None),
            (null, { } batch) => await notifier.SendAsync(
                target, batch, ProvisioningJsonContext.Default.BatchOutcome, batch.BatchId, CallbackNotifier.BatchSummaryEventId(batch.BatchId), CancellationToken.None),
            _ => throw new ArgumentException("A notification carries exactly one document: an outcome or a batch summary.", nameof(input)),
        };
        return new NotificationReceipt(status);
    }
}
