using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.Emulator;

/// <summary>
/// Checks <see cref="EmulatorOptions"/> when the emulator starts (<c>ValidateOnStart</c>; <see cref="EmulatorApp"/>
/// reads the options while building, so even earlier), so a wrong setting stops it with a message naming it
/// instead of surfacing as odd answers later. Every problem is reported, not just the first.
/// </summary>
/// <remarks>
/// Zero stays a valid limit where it means something (no tags, no whitelist entries, no endpoints per project),
/// as in the intake's <c>Validation</c> settings; <see cref="EmulatorOptions.TimeScale"/> may be 0 (every
/// lifecycle step at once), as <c>PUT /_emulator/time-scale</c> and the lifecycle clock accept.
/// </remarks>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    private const string Section = EmulatorOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        var accessKeys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Credentials.Count; i++)
        {
            EmulatorCredential? credential = options.Credentials[i];
            string key = $"{Section}:Credentials:{i.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrWhiteSpace(credential?.AccessKey))
            {
                failures.Add($"{key}:AccessKey must be set: every configured pair needs an access key and a secret key.");
            }
            else if (!accessKeys.Add(credential.AccessKey))
            {
                failures.Add($"{key}:AccessKey repeats an earlier pair's access key '{credential.AccessKey}': only the first pair would ever be used.");
            }

            if (string.IsNullOrWhiteSpace(credential?.SecretKey))
            {
                failures.Add($"{key}:SecretKey must be set: every configured pair needs an access key and a secret key.");
            }
        }

        for (int i = 0; i < options.AuthTokens.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.AuthTokens[i]))
            {
                failures.Add($"{Section}:AuthTokens:{i.ToString(CultureInfo.InvariantCulture)} must not be empty or white space (no request can send such a token).");
            }
        }

        NotNegative(failures, nameof(EmulatorOptions.MaxClockSkew), options.MaxClockSkew);
        NotNegative(failures, nameof(EmulatorOptions.CreationDelay), options.CreationDelay);
        NotNegative(failures, nameof(EmulatorOptions.DeletionDelay), options.DeletionDelay);

        if (!double.IsFinite(options.TimeScale) || options.TimeScale < 0)
        {
            failures.Add($"{Section}:TimeScale must be a finite number, 0 or more (it is {options.TimeScale.ToString(CultureInfo.InvariantCulture)}).");
        }

        AtLeast(failures, nameof(EmulatorOptions.QuotaPerProject), options.QuotaPerProject, 0);
        AtLeast(failures, nameof(EmulatorOptions.MaxTags), options.MaxTags, 0);
        AtLeast(failures, nameof(EmulatorOptions.MaxTagKeyLength), options.MaxTagKeyLength, 1);
        AtLeast(failures, nameof(EmulatorOptions.MaxTagValueLength), options.MaxTagValueLength, 0);
        AtLeast(failures, nameof(EmulatorOptions.MaxWhitelistEntries), options.MaxWhitelistEntries, 0);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void NotNegative(List<string> failures, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{Section}:{key} must not be negative (it is {value}).");
        }
    }

    private static void AtLeast(List<string> failures, string key, int value, int least)
    {
        if (value < least)
        {
            string rule = least == 0 ? "must not be negative" : $"must be at least {least.ToString(CultureInfo.InvariantCulture)}";
            failures.Add($"{Section}:{key} {rule} (it is {value.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}
