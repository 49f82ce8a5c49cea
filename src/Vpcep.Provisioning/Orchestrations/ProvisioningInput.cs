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
    /// <summary>Copies the current options.</summary>
    public static WorkflowSettings From(ProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.InitialPollDelay, options.PollInterval, options.CreationTimeout, options.MaxActivityAttempts, options.FirstRetryInterval);
    }
}
