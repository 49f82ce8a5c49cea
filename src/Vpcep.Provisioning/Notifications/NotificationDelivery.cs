using Microsoft.DurableTask;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// How orchestrations deliver a notification: through <see cref="NotifyActivity"/> with retries, the result
/// recorded in the outcome instead of failing the orchestration (an unreachable receiver must not
/// turn a provisioned endpoint into a failed request).
/// </summary>
internal static class NotificationDelivery
{
    /// <summary>Runs the notify activity with the input made for the callback URL, unless there is none.</summary>
    public static async Task<NotificationReport> DeliverAsync(
        TaskOrchestrationContext context, string? callbackUrl, Func<string, NotificationInput> inputFor, TaskOptions retry, string noTargetReason)
    {
        if (callbackUrl is null)
        {
            return new NotificationReport(null, Delivered: false, noTargetReason);
        }

        try
        {
            await context.CallActivityAsync<NotificationReceipt>(nameof(NotifyActivity), inputFor(callbackUrl), retry);
            return new NotificationReport(CallbackUrls.Redacted(callbackUrl), Delivered: true);
        }
        catch (TaskFailedException ex)
        {
            return new NotificationReport(CallbackUrls.Redacted(callbackUrl), Delivered: false, ex.FailureDetails.ErrorMessage);
        }
    }
}
