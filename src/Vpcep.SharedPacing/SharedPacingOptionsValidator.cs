using System.Globalization;
using Microsoft.Extensions.Options;
using Vpcep.StorageAccounts;

namespace Vpcep.SharedPacing;

/// <summary>
/// Checks <see cref="SharedPacingOptions"/> when the host starts (<c>ValidateOnStart</c>), so a setting shared pacing
/// cannot run with stops the host with a message naming it, instead of every worker quietly pacing on its own.
/// Every problem is reported, not just the first.
/// </summary>
internal sealed class SharedPacingOptionsValidator : IValidateOptions<SharedPacingOptions>
{
    /// <summary>The largest burst: more than this is no longer pacing.</summary>
    internal const int MaxBurst = 100;

    /// <summary>The largest slice a worker may reserve in one round trip.</summary>
    internal const int MaxMaxSlice = 1000;

    internal static readonly TimeSpan MinStorageTimeout = TimeSpan.FromMilliseconds(100);
    internal static readonly TimeSpan MaxStorageTimeout = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan MinStorageRetryInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxStorageRetryInterval = TimeSpan.FromMinutes(10);

    private const string Section = SharedPacingOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SharedPacingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        if (options.Enabled)
        {
            if (!StorageConnection.IsSet(options))
            {
                failures.Add($"{Section}:ConnectionString (or {Section}:AccountName) must be set to the storage account the workers share, or {Section}:Enabled=false to pace each worker on its own.");
            }
            else
            {
                failures.AddRange(StorageConnection.Problems(Section, options));
            }
        }

        // Azure Tables: 3 to 63 letters and digits, starting with a letter; "tables" is reserved.
        if (options.TableName is not { Length: >= 3 and <= 63 } table || !char.IsAsciiLetter(table[0]) || !table.All(char.IsAsciiLetterOrDigit)
            || string.Equals(table, "tables", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Section}:TableName must be 3 to 63 letters and digits, starting with a letter (it is '{options.TableName}').");
        }

        if (options.Burst is < 1 or > MaxBurst)
        {
            failures.Add($"{Section}:Burst must be 1 to {MaxBurst.ToString(CultureInfo.InvariantCulture)} calls (it is {options.Burst.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.MaxSlice is < 1 or > MaxMaxSlice)
        {
            failures.Add($"{Section}:MaxSlice must be 1 to {MaxMaxSlice.ToString(CultureInfo.InvariantCulture)} turns (it is {options.MaxSlice.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (!double.IsFinite(options.FallbackShare) || options.FallbackShare <= 0 || options.FallbackShare > 1)
        {
            failures.Add($"{Section}:FallbackShare must be greater than 0 and at most 1: calls never stop, and alone a worker never exceeds the rate (it is {options.FallbackShare.ToString(CultureInfo.InvariantCulture)}).");
        }

        Between(failures, "StorageTimeout", options.StorageTimeout, MinStorageTimeout, MaxStorageTimeout);
        Between(failures, "StorageRetryInterval", options.StorageRetryInterval, MinStorageRetryInterval, MaxStorageRetryInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between(List<string> failures, string key, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add($"{Section}:{key} must be {minimum} to {maximum} (it is {value}).");
        }
    }
}
