using Microsoft.DurableTask;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// How orchestrations deliver a notification: one attempt per channel at once; when one failed in a way worth
/// trying again, a <see cref="DeliverNotificationOrchestrator"/> of its own goes on with durable timers on the
/// retry schedule, so the request's outcome is final now while its delivery may take a day. A receiver that
/// cannot be reached never turns a provisioned endpoint into a failed request.
/// </summary>
internal static class NotificationDelivery
{
    /// <summary>
    /// Delivers <paramref name="document"/> to every target and reports what became of it; <paramref name="retry"/> is
    /// the policy of starting the further delivery (the attempts themselves are never retried by a policy).
    /// </summary>
    public static async Task<NotificationReport> DeliverAsync(
        TaskOrchestrationContext context,
        IReadOnlyList<NotificationTarget> targets,
        NotificationDocument document,
        DeliverySettings settings,
        string noTargetReason,
        TaskOptions? retry = null)
    {
        if (targets.Count == 0)
        {
            return new NotificationReport(null, Delivered: false, noTargetReason) { EventId = document.EventId, State = NotificationStates.None };
        }

        var channels = new List<ChannelDelivery>(targets.Count);
        foreach (NotificationTarget target in targets)
        {
            NotificationAttempt attempt = await AttemptAsync(context, target, document);
            channels.Add(new ChannelDelivery(target, [attempt]));
        }

        if (channels.All(c => c.State != NotificationStates.Retrying))
        {
            return Report(document.EventId, channels);
        }

        // The delivery goes on in an orchestration of its own, which outlives this one (see StartOrchestrationActivity).
        string deliveryId = InstanceIds.ForDelivery(document.EventId);
        var input = new DeliveryInput(document, channels, settings, Step: 0, AttemptNow: false);
        await context.CallActivityAsync<bool>(
            nameof(StartOrchestrationActivity), new StartOrchestrationInput(DeliverNotificationOrchestrator.Name, deliveryId, Delivery: input), retry);
        return Report(document.EventId, channels) with { DeliveryInstanceId = deliveryId };
    }

    /// <summary>One attempt on one channel; an activity that itself failed counts as an attempt to try again.</summary>
    internal static async Task<NotificationAttempt> AttemptAsync(TaskOrchestrationContext context, NotificationTarget target, NotificationDocument document)
    {
        try
        {
            return await context.CallActivityAsync<NotificationAttempt>(nameof(NotifyActivity), new NotificationInput(target.Channel, target.Target, document));
        }
        catch (TaskFailedException ex)
        {
            return new NotificationAttempt(context.CurrentUtcDateTime, target.Channel, DeliveryVerdicts.Retry, Error: ex.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>The report of a delivery's channels as they stand.</summary>
    internal static NotificationReport Report(string eventId, IReadOnlyList<ChannelDelivery> channels, DateTimeOffset? nextAttemptAt = null)
    {
        ChannelDelivery? webhook = channels.FirstOrDefault(c => c.Target.Channel == NotificationChannels.Webhook);
        ChannelDelivery? failing = channels.FirstOrDefault(c => c.State != NotificationStates.Delivered);
        string state = channels.All(c => c.State == NotificationStates.Delivered) ? NotificationStates.Delivered
            : channels.Any(c => c.State == NotificationStates.Retrying) ? NotificationStates.Retrying
            : failing!.State;
        return new NotificationReport(
            webhook is null ? null : CallbackUrls.Redacted(webhook.Target.Target),
            Delivered: state == NotificationStates.Delivered,
            failing?.Attempts[^1].Error)
        {
            EventId = eventId,
            State = state,
            Channels = [.. channels.Select(c => c.ToReport())],
            NextAttemptAt = state == NotificationStates.Retrying ? nextAttemptAt : null,
        };
    }
}

/// <summary>One channel's delivery so far: its target and every attempt.</summary>
/// <param name="Target">Where it goes.</param>
/// <param name="Attempts">The attempts, oldest first.</param>
/// <param name="GaveUp">Set when the retry schedule ran out while it still failed.</param>
/// <param name="Reopened">Set when an operator asked for it again: it is tried whatever its last attempt came to.</param>
public sealed record ChannelDelivery(NotificationTarget Target, IReadOnlyList<NotificationAttempt> Attempts, bool GaveUp = false, bool Reopened = false)
{
    /// <summary>Where it stands (<see cref="NotificationStates"/>).</summary>
    public string State => Reopened || Attempts.Count == 0 ? NotificationStates.Retrying : Attempts[^1].Verdict switch
    {
        DeliveryVerdicts.Delivered => NotificationStates.Delivered,
        DeliveryVerdicts.Gone => NotificationStates.Gone,
        DeliveryVerdicts.Refused => NotificationStates.Refused,
        _ => GaveUp ? NotificationStates.Failed : NotificationStates.Retrying,
    };

    /// <summary>The report shown to callers: the target without credentials.</summary>
    public ChannelReport ToReport() =>
        new(Target.Channel, Target.Channel == NotificationChannels.Webhook ? CallbackUrls.Redacted(Target.Target) : Target.Target, State, Attempts);
}

/// <summary>The input of <see cref="DeliverNotificationOrchestrator"/>.</summary>
/// <param name="Document">The event.</param>
/// <param name="Channels">Every channel with its attempts so far.</param>
/// <param name="Settings">The retry schedule.</param>
/// <param name="Step">The next wait of the schedule to use.</param>
/// <param name="AttemptNow">Whether to attempt the failing channels at once (an operator's redelivery) before waiting.</param>
public sealed record DeliveryInput(NotificationDocument Document, IReadOnlyList<ChannelDelivery> Channels, DeliverySettings Settings, int Step, bool AttemptNow);
