using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning;

/// <summary>
/// Checks <see cref="ProvisioningOptions"/> when the host starts (<c>ValidateOnStart</c>), so a setting the
/// workflow cannot run with stops the host with a message naming it, instead of failing the first
/// orchestration. Every problem is reported, not just the first.
/// </summary>
internal sealed class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    /// <summary>The longest wait a cancellation timer accepts (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days).</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private const string Section = ProvisioningOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        if (options.DefaultCallbackUrl is { } callback
            && (!callback.IsAbsoluteUri || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:DefaultCallbackUrl must be an absolute http or https URL when it is set (it is '{callback}').");
        }

        if (options.InitialPollDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:InitialPollDelay must not be negative (it is {options.InitialPollDelay}).");
        }

        // Durable timers have whole-second resolution on Azure Storage: a shorter interval is no interval at all,
        // and every waiting endpoint would be polled back to back.
        if (options.PollInterval < MinPollInterval)
        {
            failures.Add($"{Section}:PollInterval must be at least {MinPollInterval} (it is {options.PollInterval}).");
        }

        if (options.CoalescedPollingFallback < options.PollInterval)
        {
            failures.Add($"{Section}:CoalescedPollingFallback must be at least PollInterval ({options.PollInterval}) (it is {options.CoalescedPollingFallback}).");
        }

        Positive(failures, nameof(ProvisioningOptions.CreationTimeout), options.CreationTimeout);
        AtLeastOne(failures, nameof(ProvisioningOptions.MaxActivityAttempts), options.MaxActivityAttempts);
        Positive(failures, nameof(ProvisioningOptions.FirstRetryInterval), options.FirstRetryInterval);
        Positive(failures, nameof(ProvisioningOptions.CloudBusyPatience), options.CloudBusyPatience);
        AtLeastOne(failures, nameof(ProvisioningOptions.MaxConcurrentCreatesPerProject), options.MaxConcurrentCreatesPerProject);

        // One delivery's timeout is a cancellation timer, which refuses anything longer than LongestWait.
        if (options.NotificationTimeout <= TimeSpan.Zero || options.NotificationTimeout > LongestWait)
        {
            failures.Add($"{Section}:NotificationTimeout must be greater than zero and at most {LongestWait} (it is {options.NotificationTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The shortest poll interval: the resolution of durable timers on Azure Storage.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{key} must be greater than zero (it is {value}).");
        }
    }

    private static void AtLeastOne(List<string> failures, string key, int value)
    {
        if (value < 1)
        {
            failures.Add($"{Section}:{key} must be at least 1 (it is {value.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}
