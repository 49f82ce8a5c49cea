using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// Checks <see cref="CallbackTargetOptions"/> when the host starts (<c>ValidateOnStart</c>): every allow-list entry
/// must be a host or host:port (<see cref="CallbackAllowedHost.TryParse"/>), and the intake's DNS timeout must be
/// positive and at most <see cref="CallbackTargetOptions.MaxResolveTimeout"/>. Every problem is reported, each naming
/// its configuration key.
/// </summary>
internal sealed class CallbackTargetOptionsValidator : IValidateOptions<CallbackTargetOptions>
{
    private const string Section = CallbackTargetOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, CallbackTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        for (int i = 0; i < options.AllowedHosts.Count; i++)
        {
            string? entry = options.AllowedHosts[i];
            if (!CallbackAllowedHost.TryParse(entry, out _, out string? problem))
            {
                // An entry with an '@' may hold credentials: it is not repeated.
                string shown = entry?.Contains('@', StringComparison.Ordinal) == true ? "not shown: it holds an '@'" : $"it is '{entry}'";
                failures.Add($"{Section}:AllowedHosts:{i.ToString(CultureInfo.InvariantCulture)} {problem} ({shown}).");
            }
        }

        if (options.ResolveTimeout <= TimeSpan.Zero || options.ResolveTimeout > CallbackTargetOptions.MaxResolveTimeout)
        {
            failures.Add($"{Section}:ResolveTimeout must be greater than zero and at most {CallbackTargetOptions.MaxResolveTimeout} (it is {options.ResolveTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
