using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.SelfHost;

/// <summary>
/// Checks <see cref="SelfHostOptions"/> when the host starts (<c>ValidateOnStart</c>): an empty or blank API
/// key would let in any caller who sends an empty key (<c>?code=</c>), so each one is refused, named by its
/// configuration key (<c>SelfHost:ApiKeys:0</c>, ...). Every problem is reported, not just the first.
/// </summary>
internal sealed class SelfHostOptionsValidator : IValidateOptions<SelfHostOptions>
{
    private const string Section = SelfHostOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SelfHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        for (int i = 0; i < options.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKeys[i]))
            {
                failures.Add($"{Section}:ApiKeys:{i.ToString(CultureInfo.InvariantCulture)} must not be empty or white space (leave {Section}:ApiKeys out to ask for no key).");
            }
        }

        var keys = new HashSet<string>(options.ApiKeys, StringComparer.Ordinal);
        foreach ((string caller, CallerOptions settings) in options.Callers)
        {
            if (string.IsNullOrWhiteSpace(settings.Key))
            {
                failures.Add($"{Section}:Callers:{caller}:Key must not be empty or white space.");
            }
            else if (!keys.Add(settings.Key))
            {
                failures.Add($"{Section}:Callers:{caller}:Key is also another caller's key (or a shared API key); every caller needs its own.");
            }

            if (settings.Projects.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{Section}:Callers:{caller}:Projects must not hold an empty project id.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
