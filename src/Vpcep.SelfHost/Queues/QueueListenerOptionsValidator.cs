using System.Globalization;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Queues;
using Vpcep.StorageAccounts;

namespace Vpcep.SelfHost.Queues;

/// <summary>
/// Checks <see cref="QueueListenerOptions"/> when the host starts (<c>ValidateOnStart</c>), so a setting the
/// listener cannot run with stops the host with a message naming it, instead of failing every poll. Every
/// problem is reported, not just the first.
/// </summary>
internal sealed class QueueListenerOptionsValidator : IValidateOptions<QueueListenerOptions>
{
    /// <summary>The longest wait a timer accepts (<c>uint.MaxValue - 1</c> milliseconds, about 49.7 days).</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>The longest queue name whose poison queue (<c>-poison</c> added) is still a valid queue name (63).</summary>
    internal const int MaxQueueNameLength = 63 - 7;

    /// <summary>The storage service's longest visibility timeout.</summary>
    internal static readonly TimeSpan LongestVisibilityTimeout = TimeSpan.FromDays(7);

    private const string Section = ProvisioningQueueNames.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, QueueListenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        // A connection string or an account name reached with an identity, not both; neither is the task hub's account.
        failures.AddRange(StorageConnection.Problems(Section, options));

        if (!IsQueueName(options.QueueName))
        {
            failures.Add($"{Section}:QueueName must be a storage queue name of 3 to {MaxQueueNameLength.ToString(CultureInfo.InvariantCulture)} lowercase letters, digits and single hyphens, starting and ending with a letter or digit, so that it and its poison queue (-poison added) are valid (it is '{options.QueueName}').");
        }

        if (options.BatchSize is < 1 or > 32)
        {
            failures.Add($"{Section}:BatchSize must be 1 to 32 (it is {options.BatchSize.ToString(CultureInfo.InvariantCulture)}).");
        }

        // The service takes whole seconds: a timeout under one second would be sent as zero and refused.
        if (options.VisibilityTimeout < TimeSpan.FromSeconds(1) || options.VisibilityTimeout > LongestVisibilityTimeout)
        {
            failures.Add($"{Section}:VisibilityTimeout must be between 1 second and {LongestVisibilityTimeout} (it is {options.VisibilityTimeout}).");
        }

        if (options.MaxDequeueCount < 1)
        {
            failures.Add($"{Section}:MaxDequeueCount must be at least 1 (it is {options.MaxDequeueCount.ToString(CultureInfo.InvariantCulture)}).");
        }

        bool minValid = IsWait(options.MinPollingInterval);
        bool maxValid = IsWait(options.MaxPollingInterval);
        if (!minValid)
        {
            failures.Add($"{Section}:MinPollingInterval must be greater than zero and at most {LongestWait} (it is {options.MinPollingInterval}).");
        }

        if (!maxValid)
        {
            failures.Add($"{Section}:MaxPollingInterval must be greater than zero and at most {LongestWait} (it is {options.MaxPollingInterval}).");
        }

        if (minValid && maxValid && options.MinPollingInterval > options.MaxPollingInterval)
        {
            failures.Add($"{Section}:MinPollingInterval must not be above {Section}:MaxPollingInterval (they are {options.MinPollingInterval} and {options.MaxPollingInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWait(TimeSpan wait) => wait > TimeSpan.Zero && wait <= LongestWait;

    // Azure Storage's rule for queue names: lowercase letters, digits and hyphens, 3-63 characters, a letter or digit
    // first and last, no two hyphens in a row.
    private static bool IsQueueName(string? queueName) =>
        queueName is { Length: >= 3 and <= MaxQueueNameLength }
        && queueName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && queueName[0] != '-'
        && queueName[^1] != '-'
        && !queueName.Contains("--", StringComparison.Ordinal);
}
