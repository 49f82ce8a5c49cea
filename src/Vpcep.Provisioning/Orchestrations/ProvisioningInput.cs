using Microsoft.DurableTask;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>The orchestration's input: the request plus the settings in force when it was accepted.</summary>
/// <param name="Request">The validated request.</param>
/// <param name="CallbackUrl">Where the outcome goes: the request's own URL or the configured default; none when both are absent.</param>
/// <param name="Settings">Timing and retry settings.</param>
public sealed record ProvisioningInput(ProvisioningRequest Request, string? CallbackUrl, WorkflowSettings Settings);

/// <summary>The timing and retry settings one orchestration runs with.</summary>
public sealed record WorkflowSettings(
    TimeSpan InitialPollDelay,
    TimeSpan PollInterval,
    TimeSpan CreationTimeout,
    int MaxActivityAttempts,
    TimeSpan FirstRetryInterval)
{
    /// <summary>The longest wait between activity retries (unless the first one is longer).</summary>
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(1);

    /// <summary>How every activity of a workflow is retried: exponential backoff from <see cref="FirstRetryInterval"/>.</summary>
    public TaskOptions ActivityRetry() => TaskOptions.FromRetryPolicy(new RetryPolicy(
        MaxActivityAttempts,
        FirstRetryInterval,
        backoffCoefficient: 2,
        maxRetryInterval: FirstRetryInterval > MaxRetryInterval ? FirstRetryInterval : MaxRetryInterval));

    /// <summary>Copies the current options.</summary>
    public static WorkflowSettings From(ProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.InitialPollDelay, options.PollInterval, options.CreationTimeout, options.MaxActivityAttempts, options.FirstRetryInterval);
    }
}
