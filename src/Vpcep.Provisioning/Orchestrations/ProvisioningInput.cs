using Microsoft.DurableTask;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>The orchestration's input: the request plus the settings in force when it was accepted.</summary>
/// <param name="Request">The validated request.</param>
/// <param name="CallbackUrl">Where the outcome goes: the request's own URL or the configured default; none when both are absent.</param>
/// <param name="Settings">Timing and retry settings.</param>
/// <param name="Caller">The caller that submitted it (an API key's name), when the host tells callers apart; its reads are scoped to it.</param>
/// <param name="Notify">
/// Where the outcome goes, channel by channel; absent in inputs written before channels existed, which notify the
/// webhook at <paramref name="CallbackUrl"/>.
/// </param>
/// <param name="FollowPendingAcceptance">Whether an endpoint left waiting for approval is followed to a second notification.</param>
public sealed record ProvisioningInput(
    ProvisioningRequest Request,
    string? CallbackUrl,
    WorkflowSettings Settings,
    string? Caller = null,
    IReadOnlyList<NotificationTarget>? Notify = null,
    bool FollowPendingAcceptance = false)
{
    /// <summary>The targets in force: <see cref="Notify"/>, or the webhook at <see cref="CallbackUrl"/>.</summary>
    public IReadOnlyList<NotificationTarget> Targets =>
        Notify ?? (CallbackUrl is null ? [] : [new NotificationTarget(NotificationChannels.Webhook, CallbackUrl)]);

    /// <inheritdoc/>
    public bool Equals(ProvisioningInput? other) =>
        other is not null
        && Request == other.Request
        && CallbackUrl == other.CallbackUrl
        && Settings == other.Settings
        && Caller == other.Caller
        && Targets.SequenceEqual(other.Targets)
        && FollowPendingAcceptance == other.FollowPendingAcceptance;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Request, CallbackUrl, Settings, Caller, FollowPendingAcceptance);
}

/// <summary>The timing and retry settings one orchestration runs with.</summary>
/// <param name="InitialPollDelay">The wait before the first status poll.</param>
/// <param name="PollInterval">The wait between status polls.</param>
/// <param name="CreationTimeout">How long the endpoint may stay <c>creating</c>.</param>
/// <param name="MaxActivityAttempts">Attempts of an activity that fails for a reason other than a busy cloud.</param>
/// <param name="FirstRetryInterval">The first wait between such attempts; it doubles.</param>
/// <param name="CloudBusyPatience">
/// How long one call may keep meeting a busy cloud (<see cref="CloudBusyException"/>) before the request gives
/// up; absent in inputs written before the setting existed, which then get the default.
/// </param>
/// <param name="CoalescedPollingFallback">
/// Set when the endpoint is observed by the project's <see cref="EndpointWatchOrchestrator"/>: how long to wait
/// for its word before looking itself. Absent (inputs written before coalesced polling, or with it turned off):
/// the request polls its endpoint itself, as orchestrations already running expect on replay.
/// </param>
/// <param name="Delivery">How notifications are retried; absent in inputs written before it existed (the defaults).</param>
/// <param name="DeprovisionFailedEndpoints">
/// Whether a request ending <c>failed</c> or <c>timed_out</c> with an endpoint starts its own deprovisioning
/// (<see cref="ProvisioningOptions.DeprovisionFailedEndpoints"/>); false in inputs written before it existed.
/// </param>
public sealed record WorkflowSettings(
    TimeSpan InitialPollDelay,
    TimeSpan PollInterval,
    TimeSpan CreationTimeout,
    int MaxActivityAttempts,
    TimeSpan FirstRetryInterval,
    TimeSpan? CloudBusyPatience = null,
    TimeSpan? CoalescedPollingFallback = null,
    DeliverySettings? Delivery = null,
    bool DeprovisionFailedEndpoints = false)
{
    /// <summary>The delivery settings in force (the defaults for inputs written before they existed).</summary>
    public DeliverySettings EffectiveDelivery => Delivery ?? DeliverySettings.Default;

    /// <summary>The longest wait between activity retries (unless the first one is longer).</summary>
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest wait after a busy answer: Huawei's gateway limits count per minute ("limit:N, time:1 minute"),
    /// so a wait of up to a minute always reaches a fresh window.
    /// </summary>
    private static readonly TimeSpan MaxBusyWait = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the first busy answer; it doubles up to <see cref="MaxBusyWait"/>.</summary>
    private static readonly TimeSpan FirstBusyWait = TimeSpan.FromSeconds(5);

    /// <summary>The patience with a busy cloud when the input names none.</summary>
    public static readonly TimeSpan DefaultCloudBusyPatience = TimeSpan.FromHours(1);

    /// <summary>
    /// How every activity of a workflow is retried, with durable timers (a wait survives restarts and holds no
    /// worker). A busy cloud (<see cref="CloudBusyException"/>) is waited out with backoff from 5 s to 1 min and
    /// deterministic jitter, for as long as <see cref="CloudBusyPatience"/> allows, however many attempts that
    /// takes. Any other failure gets <see cref="MaxActivityAttempts"/> attempts with exponential backoff from
    /// <see cref="FirstRetryInterval"/>. Call once per activity call: the handler counts that call's attempts.
    /// </summary>
    public TaskOptions ActivityRetry()
    {
        TimeSpan patience = CloudBusyPatience ?? DefaultCloudBusyPatience;
        TimeSpan maxRetry = FirstRetryInterval > MaxRetryInterval ? FirstRetryInterval : MaxRetryInterval;
        int busy = 0;
        int other = 0;
        return TaskOptions.FromRetryHandler(async retry =>
        {
            TimeSpan wait;
            if (IsBusy(retry.LastFailure))
            {
                if (retry.TotalRetryTime >= patience)
                {
                    return false;
                }

                busy++;
                wait = Jitter(Backoff(FirstBusyWait, busy, MaxBusyWait), retry.OrchestrationContext.InstanceId, retry.LastAttemptNumber);
            }
            else
            {
                other++;
                if (other >= MaxActivityAttempts)
                {
                    return false;
                }

                wait = Backoff(FirstRetryInterval, other, maxRetry);
            }

            TaskOrchestrationContext context = retry.OrchestrationContext;
            await context.CreateTimer(context.CurrentUtcDateTime + wait, retry.CancellationToken);
            return true;
        });
    }

    /// <summary>Whether an activity failed because the cloud was busy (the failure's type, or its cause's).</summary>
    public static bool IsBusy(TaskFailureDetails? failure)
    {
        for (TaskFailureDetails? f = failure; f is not null; f = f.InnerFailure)
        {
            if (f.ErrorType == typeof(CloudBusyException).FullName)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan Backoff(TimeSpan first, int retry, TimeSpan max)
    {
        double ms = first.TotalMilliseconds * Math.Pow(2, Math.Min(30, retry - 1));
        return ms >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>
    /// Between half and all of <paramref name="wait"/>, the same on every replay (drawn from the instance id and
    /// attempt, not from a random source), so many throttled requests spread out instead of retrying in lock step.
    /// </summary>
    private static TimeSpan Jitter(TimeSpan wait, string instanceId, int attempt)
    {
        uint hash = 2166136261;
        foreach (char c in instanceId)
        {
            hash = (hash ^ c) * 16777619;
        }

        hash = (hash ^ (uint)attempt) * 16777619;
        double fraction = (hash % 1000) / 1000.0;
        return TimeSpan.FromMilliseconds(wait.TotalMilliseconds * (0.5 + (0.5 * fraction)));
    }

    /// <summary>Copies the current options.</summary>
    public static WorkflowSettings From(ProvisioningOptions options, NotificationOptions? notifications = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(
            options.InitialPollDelay,
            options.PollInterval,
            options.CreationTimeout,
            options.MaxActivityAttempts,
            options.FirstRetryInterval,
            options.CloudBusyPatience,
            options.CoalescedPolling ? options.CoalescedPollingFallback : null,
            DeliverySettings.From(notifications ?? new NotificationOptions()),
            options.DeprovisionFailedEndpoints);
    }
}
