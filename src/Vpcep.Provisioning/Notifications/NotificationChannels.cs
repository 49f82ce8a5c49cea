namespace Vpcep.Provisioning.Notifications;

/// <summary>The channels an outcome can be delivered through; a request names some, configuration gives the default.</summary>
public static class NotificationChannels
{
    /// <summary>A signed HTTP POST to the request's callback URL (Standard Webhooks).</summary>
    public const string Webhook = "webhook";

    /// <summary>A message on the configured Azure Storage queue (<see cref="NotificationOptions.QueueName"/>).</summary>
    public const string Queue = "queue";

    /// <summary>A message published to a Huawei SMN topic through the signed client.</summary>
    public const string Smn = "smn";

    /// <summary>Every channel, in the order they are tried.</summary>
    public static readonly IReadOnlyList<string> All = [Webhook, Queue, Smn];
}

/// <summary>
/// One notification to deliver: the event's stable id (the receiver's de-duplication key, the same on every
/// attempt and channel), its type, what it is about, and the exact JSON body (the bytes that are signed).
/// </summary>
/// <param name="EventId">The event's id, e.g. <c>outcome_vpcep-...</c>.</param>
/// <param name="EventType">The event's type, e.g. <c>provisioning.outcome</c>.</param>
/// <param name="Subject">The request instance or batch id the event is about.</param>
/// <param name="Body">The UTF-8 JSON document.</param>
public sealed record NotificationMessage(string EventId, string EventType, string Subject, ReadOnlyMemory<byte> Body);

/// <summary>What one delivery attempt on one channel came to.</summary>
public static class DeliveryVerdicts
{
    /// <summary>The receiver took the message.</summary>
    public const string Delivered = "delivered";

    /// <summary>It failed in a way worth trying again (network error, timeout, 5xx, 429, other non-2xx).</summary>
    public const string Retry = "retry";

    /// <summary>The receiver answered 410 Gone: it wants no more deliveries, so none are tried.</summary>
    public const string Gone = "gone";

    /// <summary>The target is refused by this service's policy (an unsafe callback URL, a missing topic): trying again cannot help.</summary>
    public const string Refused = "refused";
}

/// <summary>The result of one attempt on one channel.</summary>
/// <param name="Verdict">One of <see cref="DeliveryVerdicts"/>.</param>
/// <param name="StatusCode">The receiver's HTTP status code, when there was an answer.</param>
/// <param name="Error">Why it failed, without secrets or URL credentials.</param>
/// <param name="RetryAfter">How long the receiver asked to wait (<c>Retry-After</c> on 429 or 503).</param>
public sealed record DeliveryResult(string Verdict, int? StatusCode = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    /// <summary>A delivered message with the receiver's status code.</summary>
    public static DeliveryResult Delivered(int? statusCode = null) => new(DeliveryVerdicts.Delivered, statusCode);
}

/// <summary>
/// Delivers a <see cref="NotificationMessage"/> to a target of one channel (a URL, a queue, a topic). An
/// implementation answers every failure as a <see cref="DeliveryResult"/> (it throws only when cancelled), so the
/// orchestration records each attempt and decides when to try again.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel's name, one of <see cref="NotificationChannels"/>.</summary>
    string Name { get; }

    /// <summary>Delivers one message once.</summary>
    /// <param name="message">The event.</param>
    /// <param name="target">The channel's target: a callback URL, a queue name, an SMN topic URN.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task<DeliveryResult> DeliverAsync(NotificationMessage message, string target, CancellationToken cancellationToken);
}
