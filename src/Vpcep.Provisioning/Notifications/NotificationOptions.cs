namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// How outcomes are delivered: signing, the retry schedule and the channels, bound from the <c>Notifications</c>
/// configuration section and checked at start (<see cref="NotificationOptionsValidator"/>).
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Notifications";

    /// <summary>
    /// The webhook signing secrets in the Standard Webhooks form (<c>whsec_</c> + base64 of 24 to 64 random bytes).
    /// Every delivery is signed with each of them, so a receiver can move from an old secret to a new one while
    /// both are listed. Empty: webhooks go unsigned (a warning at start). On Azure, a Key Vault reference.
    /// </summary>
    public IList<string> SigningSecrets { get; } = [];

    /// <summary>
    /// The waits between delivery attempts after the first one failed: by default the schedule Svix publishes
    /// for Standard Webhooks senders (docs.svix.com, "Retries": 5 seconds, 5 minutes, 30 minutes, 2 hours,
    /// 5 hours, 10 hours, 10 hours; 27 hours 35 minutes in all). Each wait is a durable timer, so it survives restarts.
    /// </summary>
    public IList<TimeSpan> RetrySchedule { get; } = [];

    /// <summary>The longest wait a receiver's <c>Retry-After</c> may ask for; longer asks are cut to it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The channels an outcome goes to when the request names none (<c>webhook</c>, <c>queue</c>, <c>smn</c>).</summary>
    public IList<string> DefaultChannels { get; } = [];

    /// <summary>The Azure Storage queue the <c>queue</c> channel writes outcome messages to.</summary>
    public string QueueName { get; set; } = "vpcep-outcomes";

    /// <summary>
    /// How the <c>queue</c> channel writes a message's text (<see cref="QueueMessageEncodings"/>): <c>base64</c> (the
    /// default) is what an Azure Functions queue trigger expects unless its host.json says
    /// <c>"extensions": {"queues": {"messageEncoding": "none"}}</c>; <c>none</c> writes the JSON as it is.
    /// </summary>
    public string QueueMessageEncoding { get; set; } = QueueMessageEncodings.Base64;

    /// <summary>The SMN topic the <c>smn</c> channel publishes to when the request names none.</summary>
    public string? SmnTopicUrn { get; set; }

    /// <summary>
    /// Whether a request that ends <c>pending_acceptance</c> is followed until the service owner accepts or rejects
    /// the endpoint, with a second notification then; a request can ask for it itself.
    /// </summary>
    public bool FollowPendingAcceptance { get; set; }

    /// <summary>How often a followed endpoint is looked at.</summary>
    public TimeSpan PendingAcceptancePollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a followed endpoint is watched before the follow-up says it is still pending.</summary>
    public TimeSpan PendingAcceptanceTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The retry schedule in force: <see cref="RetrySchedule"/>, or the default when none is configured.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Count > 0 ? [.. RetrySchedule] : DefaultRetrySchedule;

    /// <summary>The channels in force when a request names none: <see cref="DefaultChannels"/>, or the webhook.</summary>
    public IReadOnlyList<string> EffectiveDefaultChannels => DefaultChannels.Count > 0 ? [.. DefaultChannels] : [NotificationChannels.Webhook];

    /// <summary>The default retry schedule (see <see cref="RetrySchedule"/>).</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];
}

/// <summary>
/// The encodings of <see cref="NotificationOptions.QueueMessageEncoding"/>, those of the Azure Functions storage queue
/// extension's <c>messageEncoding</c> setting (host.json <c>extensions.queues.messageEncoding</c>: <c>base64</c> by
/// default, or <c>none</c>; Microsoft.Azure.WebJobs.Extensions.Storage.Queues, <c>QueuesOptions.MessageEncoding</c>).
/// </summary>
public static class QueueMessageEncodings
{
    /// <summary>The message text is the base64 of the UTF-8 JSON.</summary>
    public const string Base64 = "base64";

    /// <summary>The message text is the JSON itself.</summary>
    public const string None = "none";

    /// <summary>Both, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> All = [Base64, None];
}
