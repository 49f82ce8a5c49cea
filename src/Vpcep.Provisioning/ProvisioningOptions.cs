namespace Vpcep.Provisioning;

/// <summary>
/// Settings of the provisioning workflow, bound from the <c>Provisioning</c> configuration section.
/// They are copied into each orchestration's input when it starts, so a running orchestration keeps
/// the settings it started with (orchestrator code must not read configuration during replay).
/// They are checked when the host starts (<see cref="ProvisioningOptionsValidator"/>).
/// </summary>
public sealed class ProvisioningOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Provisioning";

    /// <summary>Where outcomes are POSTed when a request names no <c>callback_url</c>.</summary>
    public Uri? DefaultCallbackUrl { get; set; }

    /// <summary>The wait before the first status poll (Huawei's Terraform provider waits 5 s).</summary>
    public TimeSpan InitialPollDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait between status polls (Terraform: 3 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long an endpoint may stay <c>creating</c> before the request ends as timed out (Terraform: 10 min).</summary>
    public TimeSpan CreationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether endpoints being created are observed together, one list call per interval per project and region
    /// (<see cref="Orchestrations.EndpointWatchOrchestrator"/>), instead of one status call per endpoint per
    /// interval. Default on.
    /// </summary>
    public bool CoalescedPolling { get; set; } = true;

    /// <summary>
    /// With <see cref="CoalescedPolling"/>: how long a request waits to hear from the watcher before it looks at its
    /// endpoint itself (and registers again). It bounds the damage of a lost watcher; each fallback costs one call.
    /// Default 2 minutes; at least <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan CoalescedPollingFallback { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts of a failing activity (transient cloud errors, notification delivery), the first included.</summary>
    public int MaxActivityAttempts { get; set; } = 5;

    /// <summary>The wait before the first activity retry; it doubles each time.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one cloud call may keep meeting throttling, 5xx or "try again later" before the request ends
    /// as failed (<c>cloud_busy</c>). The waits are durable timers in the orchestration, not sleeping workers.
    /// </summary>
    public TimeSpan CloudBusyPatience { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Create calls in flight at once per project on one worker.</summary>
    public int MaxConcurrentCreatesPerProject { get; set; } = 4;

    /// <summary>
    /// Whether a request that ends <c>failed</c> or <c>timed_out</c> with an endpoint deletes that endpoint itself
    /// (a <see cref="Orchestrations.DeprovisionEndpointOrchestrator"/> of its own), so it does not stay in the cloud and
    /// in the quota unnoticed. Default off: the endpoint is kept for an operator to look at.
    /// </summary>
    public bool DeprovisionFailedEndpoints { get; set; }

    /// <summary>Timeout of one notification delivery.</summary>
    public TimeSpan NotificationTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
