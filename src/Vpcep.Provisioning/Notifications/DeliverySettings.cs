namespace Vpcep.Provisioning.Notifications;

/// <summary>One place an event goes: a channel and its target (callback URL, queue name or SMN topic URN).</summary>
/// <param name="Channel">One of <see cref="NotificationChannels"/>.</param>
/// <param name="Target">The channel's target.</param>
public sealed record NotificationTarget(string Channel, string Target);

/// <summary>
/// How an orchestration delivers its notifications, copied into its input when the request is accepted (so a
/// running orchestration keeps the schedule it started with).
/// </summary>
/// <param name="RetrySchedule">The waits between attempts after the first one failed.</param>
/// <param name="MaxRetryAfter">The longest wait a receiver's <c>Retry-After</c> may ask for.</param>
/// <param name="PendingAcceptancePollInterval">How often an endpoint waiting for approval is looked at when it is followed.</param>
/// <param name="PendingAcceptanceTimeout">How long it is followed.</param>
public sealed record DeliverySettings(
    IReadOnlyList<TimeSpan> RetrySchedule, TimeSpan MaxRetryAfter, TimeSpan PendingAcceptancePollInterval, TimeSpan PendingAcceptanceTimeout)
{
    /// <summary>The settings of inputs written before they existed: the defaults.</summary>
    public static DeliverySettings Default { get; } = From(new NotificationOptions());

    /// <summary>Copies the current options.</summary>
    public static DeliverySettings From(NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new([.. options.EffectiveRetrySchedule], options.MaxRetryAfter, options.PendingAcceptancePollInterval, options.PendingAcceptanceTimeout);
    }

    /// <inheritdoc/>
    public bool Equals(DeliverySettings? other) =>
        other is not null
        && RetrySchedule.SequenceEqual(other.RetrySchedule)
        && MaxRetryAfter == other.MaxRetryAfter
        && PendingAcceptancePollInterval == other.PendingAcceptancePollInterval
        && PendingAcceptanceTimeout == other.PendingAcceptanceTimeout;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RetrySchedule.Count, MaxRetryAfter, PendingAcceptancePollInterval, PendingAcceptanceTimeout);
}
