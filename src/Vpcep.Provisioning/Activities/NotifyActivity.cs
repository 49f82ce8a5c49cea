using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Telemetry;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// One event to notify: its stable id, type and subject, and the one document it carries (a request's outcome,
/// a batch's summary, or the outcome of deprovisioning a request's endpoint). The body every channel sends is the document's JSON, without its own notification report.
/// </summary>
public sealed record NotificationDocument(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("outcome")] ProvisioningOutcome? Outcome = null,
    [property: JsonPropertyName("batch_outcome")] BatchOutcome? BatchOutcome = null,
    [property: JsonPropertyName("deprovision_outcome")] DeprovisionOutcome? DeprovisionOutcome = null)
{
    /// <summary>The type of a request's outcome.</summary>
    public const string OutcomeType = "provisioning.outcome";

    /// <summary>The type of a batch's summary.</summary>
    public const string BatchSummaryType = "provisioning.batch_summary";

    /// <summary>The type of the second word on a request that ended <c>pending_acceptance</c>.</summary>
    public const string FollowUpType = "provisioning.outcome_followup";

    /// <summary>The type of the outcome of deprovisioning a request's endpoint.</summary>
    public const string DeprovisionType = "provisioning.deprovision";

    /// <summary>A request's outcome.</summary>
    public static NotificationDocument For(ProvisioningOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(CallbackNotifier.OutcomeEventId(outcome.InstanceId), OutcomeType, outcome.InstanceId, Outcome: outcome with { Notification = null, FollowUpInstanceId = null });
    }

    /// <summary>A batch's summary.</summary>
    public static NotificationDocument For(BatchOutcome batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(CallbackNotifier.BatchSummaryEventId(batch.BatchId), BatchSummaryType, batch.BatchId, BatchOutcome: batch with { Notification = null });
    }

    /// <summary>The follow-up of a request that ended <c>pending_acceptance</c>: its outcome as it is now.</summary>
    public static NotificationDocument FollowUp(ProvisioningOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(CallbackNotifier.FollowUpEventId(outcome.InstanceId), FollowUpType, outcome.InstanceId, Outcome: outcome with { Notification = null, FollowUpInstanceId = null });
    }

    /// <summary>The outcome of deprovisioning a request's endpoint; <paramref name="run"/> numbers a deprovisioning started again.</summary>
    public static NotificationDocument For(DeprovisionOutcome outcome, int run = 1)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(CallbackNotifier.DeprovisionEventId(outcome.InstanceId, run), DeprovisionType, outcome.InstanceId, DeprovisionOutcome: outcome with { Notification = null });
    }

    /// <summary>The JSON body the channels send.</summary>
    public byte[] Body() => (Outcome, BatchOutcome, DeprovisionOutcome) switch
    {
        ({ } outcome, null, null) => JsonSerializer.SerializeToUtf8Bytes(outcome, ProvisioningJsonContext.Default.ProvisioningOutcome),
        (null, { } batch, null) => JsonSerializer.SerializeToUtf8Bytes(batch, ProvisioningJsonContext.Default.BatchOutcome),
        (null, null, { } deprovision) => JsonSerializer.SerializeToUtf8Bytes(deprovision, ProvisioningJsonContext.Default.DeprovisionOutcome),
        _ => throw new InvalidOperationException("A notification carries exactly one document: an outcome, a batch summary or a deprovisioning outcome."),
    };
}

/// <summary>The notify activity's input: which channel, which target of it, and the event.</summary>
/// <param name="Channel">One of <see cref="NotificationChannels"/>.</param>
/// <param name="Target">The callback URL, queue name or SMN topic URN.</param>
/// <param name="Document">The event.</param>
public sealed record NotificationInput(string Channel, string Target, NotificationDocument Document);

/// <summary>
/// Makes one delivery attempt on one channel and records it; never fails for the receiver's sake (the
/// orchestration reads the verdict and decides whether and when to try again, with durable timers).
/// </summary>
public sealed class NotifyActivity(IEnumerable<INotificationChannel> channels, TimeProvider time, ILogger<NotifyActivity>? logger = null)
    : TaskActivity<NotificationInput, NotificationAttempt>
{
    /// <inheritdoc/>
    public override async Task<NotificationAttempt> RunAsync(TaskActivityContext context, NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using IDisposable? logScope = logger.BeginActivityScope(context.InstanceId, projectId: null);
        DateTimeOffset at = time.GetUtcNow();
        INotificationChannel? channel = channels.FirstOrDefault(c => c.Name == input.Channel);
        if (channel is null)
        {
            return new NotificationAttempt(at, input.Channel, DeliveryVerdicts.Refused,
                Error: $"The {input.Channel} channel is not available on this host (the queue channel needs the host's storage connection string).");
        }

        NotificationDocument document = input.Document;
        var message = new NotificationMessage(document.EventId, document.EventType, document.Subject, document.Body());
        DeliveryResult result;
        using (Activity? span = ProvisioningTelemetry.Source.StartActivity($"vpcep notify {input.Channel}", ActivityKind.Producer))
        {
            span?.SetTag(ProvisioningTelemetry.ChannelAttribute, input.Channel);
            span?.SetTag("vpcep.notification.event_id", document.EventId);
            result = await channel.DeliverAsync(message, input.Target, CancellationToken.None);
            span?.SetTag(ProvisioningTelemetry.VerdictAttribute, result.Verdict);
            span?.SetTag("http.response.status_code", result.StatusCode);
            if (result.Verdict != DeliveryVerdicts.Delivered)
            {
                span?.SetStatus(ActivityStatusCode.Error, result.Error);
            }
        }

        ProvisioningTelemetry.NotificationAttempts.Add(
            1,
            new KeyValuePair<string, object?>(ProvisioningTelemetry.ChannelAttribute, input.Channel),
            new KeyValuePair<string, object?>(ProvisioningTelemetry.VerdictAttribute, result.Verdict));
        return new NotificationAttempt(at, input.Channel, result.Verdict, result.StatusCode, result.Error, result.RetryAfter?.TotalSeconds);
    }
}
