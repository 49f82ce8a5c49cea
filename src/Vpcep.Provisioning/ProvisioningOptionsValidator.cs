using System.Globalization;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning;

/// <summary>
/// Checks <see cref="ProvisioningOptions"/> when the host starts (<c>ValidateOnStart</c>), so a setting the
/// workflow cannot run with stops the host with a message naming it, instead of failing the first
/// orchestration. Every problem is reported, not just the first.
/// </summary>
/// <param name="callbackTargets">
/// The <c>Notifications</c> settings the default callback URL must also pass (https, no credentials, not a non-public
/// address unless allow-listed); none: the production rules (<see cref="CallbackTargetPolicy.Strict"/>). A host name's
/// addresses are not looked up at start: every delivery checks them when it connects.
/// </param>
internal sealed class ProvisioningOptionsValidator(IOptions<CallbackTargetOptions>? callbackTargets = null) : IValidateOptions<ProvisioningOptions>
{
    /// <summary>The longest wait a cancellation timer accepts (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days).</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private const string Section = ProvisioningOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        if (options.DefaultCallbackUrl is { } callback)
        {
            DefaultCallbackUrl(failures, callback);
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

    private void DefaultCallbackUrl(List<string> failures, Uri callback)
    {
        // Shown without credentials or query, like every callback URL.
        if (!callback.IsAbsoluteUri || (callback.Scheme != Uri.UriSchemeHttp && callback.Scheme != Uri.UriSchemeHttps))
        {
            string shown = callback.IsAbsoluteUri ? CallbackUrls.Redacted(callback.OriginalString) : callback.OriginalString.Contains('@', StringComparison.Ordinal) ? "not shown" : callback.OriginalString;
            failures.Add($"{Section}:DefaultCallbackUrl must be an absolute http or https URL when it is set (it is '{shown}').");
            return;
        }

        CallbackTargetPolicy policy;
        try
        {
            policy = callbackTargets is null ? CallbackTargetPolicy.Strict : new CallbackTargetPolicy(callbackTargets.Value);
        }
        catch (OptionsValidationException)
        {
            return; // The Notifications settings are wrong themselves; their own check reports them.
        }

        foreach (CallbackTargetProblem problem in policy.Check(callback))
        {
            failures.Add($"{Section}:DefaultCallbackUrl '{CallbackUrls.Redacted(callback.OriginalString)}' is refused ({problem.Code}): {problem.Message}");
        }
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
