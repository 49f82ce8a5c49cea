using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// Checks <see cref="HuaweiCloudOptions"/> when the host starts (<c>ValidateOnStart</c>), so a wrong setting
/// stops the host with a message naming it, instead of failing every call later. Every problem is reported,
/// not just the first. Credentials are checked only for consistency: an AK and an SK may still come from the
/// environment or from a custom <see cref="Signing.ICredentialProvider"/>.
/// </summary>
internal sealed class HuaweiCloudOptionsValidator : IValidateOptions<HuaweiCloudOptions>
{
    /// <summary>The longest wait a timer accepts (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days).</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private const string Section = HuaweiCloudOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HuaweiCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        if (string.IsNullOrWhiteSpace(options.Region) || !IsRegionId(options.Region))
        {
            failures.Add($"{Section}:Region must be a region id of letters, digits and hyphens, for example cn-north-4 (it is '{options.Region}').");
        }

        if (options.BaseUrl is { } baseUrl)
        {
            if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{Section}:BaseUrl must be an absolute http or https URL, for example http://127.0.0.1:5080 (it is '{baseUrl}').");
            }
            else if (baseUrl.AbsolutePath != "/" || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
            {
                failures.Add($"{Section}:BaseUrl must be a scheme, host and port only: every call's path starts at the root, so a path, query or fragment would be ignored (it is '{baseUrl}').");
            }
        }

        if (string.IsNullOrWhiteSpace(options.AccessKey) != string.IsNullOrWhiteSpace(options.SecretKey))
        {
            failures.Add($"{Section}:AccessKey and {Section}:SecretKey must be set together (or both left out, to use the environment): only one of them is set.");
        }

        if (!double.IsFinite(options.MaxRequestsPerSecondPerProject) || options.MaxRequestsPerSecondPerProject < 0)
        {
            failures.Add($"{Section}:MaxRequestsPerSecondPerProject must be 0 (no pacing) or a positive number of calls per second (it is {options.MaxRequestsPerSecondPerProject.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.RequestTimeout != Timeout.InfiniteTimeSpan && (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > LongestWait))
        {
            failures.Add($"{Section}:RequestTimeout must be greater than zero and at most {LongestWait} (it is {options.RequestTimeout}).");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add($"{Section}:MaxAttempts must be at least 1 (1 turns retries off; it is {options.MaxAttempts.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > LongestWait)
        {
            failures.Add($"{Section}:BaseDelay must be between zero and {LongestWait} (it is {options.BaseDelay}).");
        }

        if (options.MaxDelay < TimeSpan.Zero || options.MaxDelay > LongestWait)
        {
            failures.Add($"{Section}:MaxDelay must be between zero and {LongestWait} (it is {options.MaxDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsRegionId(string region) =>
        region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !region.StartsWith('-') && !region.EndsWith('-');
}
