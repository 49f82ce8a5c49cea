using Microsoft.DurableTask;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>
/// Goes on delivering one event after a first attempt failed (or again, when an operator asks): waits on the
/// retry schedule with durable timers (so restarts lose nothing), never sooner than a receiver's
/// <c>Retry-After</c> asks (up to a limit), and stops a channel at 410 Gone or a refused target. Its custom status
/// and output are the <see cref="NotificationReport"/> that <c>GET</c> of the request shows. At most one step per
/// wait and channel, so its history stays small.
/// </summary>
public sealed class DeliverNotificationOrchestrator : TaskOrchestrator<DeliveryInput, NotificationReport>
{
    /// <summary>The orchestration's name in the task hub.</summary>
    public const string Name = nameof(DeliverNotificationOrchestrator);

    /// <inheritdoc/>
    public override async Task<NotificationReport> RunAsync(TaskOrchestrationContext context, DeliveryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        List<ChannelDelivery> channels = [.. input.Channels.Select(c => c with { GaveUp = false })];
        IReadOnlyList<TimeSpan> schedule = input.Settings.RetrySchedule;
        if (input.AttemptNow)
        {
            await AttemptFailingAsync(context, input.Document, channels);
        }

        for (int step = input.Step; step < schedule.Count && channels.Any(c => c.State == NotificationStates.Retrying); step++)
        {
            DateTime due = context.CurrentUtcDateTime + WaitBefore(schedule[step], channels, input.Settings.MaxRetryAfter);
            context.SetCustomStatus(NotificationDelivery.Report(input.Document.EventId, channels, new DateTimeOffset(due, TimeSpan.Zero)));

            // Azure Storage rounds a timer's delay down to whole seconds, so it may fire early: wait again until due.
            while (context.CurrentUtcDateTime < due)
            {
                await context.CreateTimer(due, CancellationToken.None);
            }

            await AttemptFailingAsync(context, input.Document, channels);
        }

        for (int i = 0; i < channels.Count; i++)
        {
            if (channels[i].State == NotificationStates.Retrying)
            {
                channels[i] = channels[i] with { GaveUp = true };
            }
        }

        NotificationReport report = NotificationDelivery.Report(input.Document.EventId, channels) with { DeliveryInstanceId = context.InstanceId };
        context.SetCustomStatus(report);
        return report;
    }

    /// <summary>The wait of this step: the schedule's, or longer when a receiver asked for it, up to the limit.</summary>
    internal static TimeSpan WaitBefore(TimeSpan scheduled, IEnumerable<ChannelDelivery> channels, TimeSpan maxRetryAfter)
    {
        double asked = channels
            .Where(c => c.State == NotificationStates.Retrying && c.Attempts.Count > 0)
            .Select(c => c.Attempts[^1].RetryAfterSeconds ?? 0)
            .DefaultIfEmpty(0)
            .Max();
        TimeSpan retryAfter = TimeSpan.FromSeconds(asked);
        if (retryAfter > maxRetryAfter)
        {
            retryAfter = maxRetryAfter;
        }

        return retryAfter > scheduled ? retryAfter : scheduled;
    }

    private static async Task AttemptFailingAsync(TaskOrchestrationContext context, Activities.NotificationDocument document, List<ChannelDelivery> channels)
    {
        for (int i = 0; i < channels.Count; i++)
        {
            if (channels[i].State != NotificationStates.Retrying)
            {
                continue;
            }

            NotificationAttempt attempt = await NotificationDelivery.AttemptAsync(context, channels[i].Target, document);
            channels[i] = channels[i] with { Attempts = [.. channels[i].Attempts, attempt], Reopened = false };
        }
    }
}
