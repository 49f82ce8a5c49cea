using System.Globalization;
using Microsoft.Extensions.Options;
using Vpcep.StorageAccounts;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// Checks <see cref="AzureStorageDurableOptions"/> when the host starts (<c>ValidateOnStart</c>), so a setting
/// the Azure Storage backend cannot run with stops the host with a message naming it, instead of failing when
/// the orchestration service is first created. Every problem is reported, not just the first.
/// </summary>
/// <remarks>
/// <c>AzureStorageOrchestrationService</c> itself demands a task hub name and 1 to 16 partitions. The name
/// also prefixes the hub's tables (<c>{name}History</c>, <c>{name}Instances</c>, <c>{name}Partitions</c>:
/// letters and digits, starting with a letter), queues and blob containers (<c>{name}-control-00</c>,
/// <c>{name}-largemessages</c>, lower-cased); Durable Functions' rule, kept here, is 3 to 45 letters and
/// digits starting with a letter, which leaves room for every suffix and lets both hosts share a hub name.
/// </remarks>
internal sealed class AzureStorageDurableOptionsValidator : IValidateOptions<AzureStorageDurableOptions>
{
    /// <summary>The shortest task hub name.</summary>
    internal const int MinTaskHubNameLength = 3;

    /// <summary>The longest task hub name.</summary>
    internal const int MaxTaskHubNameLength = 45;

    /// <summary>The most control queue partitions the backend supports.</summary>
    internal const int MaxPartitionCount = 16;

    private const string Section = AzureStorageDurableOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AzureStorageDurableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        // A connection string or an account name reached with an identity, not both; neither is Azurite.
        failures.AddRange(StorageConnection.Problems(Section, options));

        if (!IsTaskHubName(options.TaskHubName))
        {
            failures.Add($"{Section}:TaskHubName must be {MinTaskHubNameLength.ToString(CultureInfo.InvariantCulture)} to {MaxTaskHubNameLength.ToString(CultureInfo.InvariantCulture)} letters and digits, starting with a letter (it is '{options.TaskHubName}').");
        }

        if (options.PartitionCount is < 1 or > MaxPartitionCount)
        {
            failures.Add($"{Section}:PartitionCount must be 1 to {MaxPartitionCount.ToString(CultureInfo.InvariantCulture)} (it is {options.PartitionCount.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.MaxQueuePollingInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:MaxQueuePollingInterval must be greater than zero (it is {options.MaxQueuePollingInterval}).");
        }

        if (options.ExtendedSessionsEnabled && options.ExtendedSessionIdleTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:ExtendedSessionIdleTimeout must be at least one second when extended sessions are enabled (it is {options.ExtendedSessionIdleTimeout}).");
        }

        if (options.MaxConcurrentActivities < 1)
        {
            failures.Add($"{Section}:MaxConcurrentActivities must be at least 1 (it is {options.MaxConcurrentActivities.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.MaxConcurrentOrchestrations < 1)
        {
            failures.Add($"{Section}:MaxConcurrentOrchestrations must be at least 1 (it is {options.MaxConcurrentOrchestrations.ToString(CultureInfo.InvariantCulture)}).");
        }

        AtLeast(failures, "ControlQueueVisibilityTimeout", options.ControlQueueVisibilityTimeout, MinVisibilityTimeout);
        AtLeast(failures, "WorkItemQueueVisibilityTimeout", options.WorkItemQueueVisibilityTimeout, MinVisibilityTimeout);
        AtLeast(failures, "LeaseInterval", options.LeaseInterval, MinLeaseInterval);
        AtLeast(failures, "LeaseRenewInterval", options.LeaseRenewInterval, TimeSpan.FromSeconds(1));
        AtLeast(failures, "LeaseAcquireInterval", options.LeaseAcquireInterval, TimeSpan.FromSeconds(1));
        bool backoffInRange = Between(failures, "DispatcherFailureBackoff", options.DispatcherFailureBackoff, TimeSpan.FromSeconds(1), MaxDispatcherFailureBackoff);
        if (backoffInRange && options.DispatcherFailureBackoff.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"{Section}:DispatcherFailureBackoff must be whole seconds, as the dispatchers count it (it is {options.DispatcherFailureBackoff}).");
        }

        _ = Between(failures, "StorageRetryInterval", options.StorageRetryInterval, TimeSpan.FromMilliseconds(100), MaxStorageRetryInterval);
        if (options.LeaseRenewInterval >= options.LeaseInterval)
        {
            failures.Add($"{Section}:LeaseRenewInterval ({options.LeaseRenewInterval}) must be shorter than {Section}:LeaseInterval ({options.LeaseInterval}), or a live worker loses its partitions.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Queue messages are made invisible in whole seconds; below this a message reappears while its work is
    /// still being checkpointed, and runs twice for nothing.
    /// </summary>
    internal static readonly TimeSpan MinVisibilityTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The shortest lease: leases are renewed over storage round trips that take a second or two when storage is slow.</summary>
    internal static readonly TimeSpan MinLeaseInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest dispatcher pause after a failure: it is taken before each of the next five work items, so a
    /// longer one holds a recovering worker back for minutes.
    /// </summary>
    internal static readonly TimeSpan MaxDispatcherFailureBackoff = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between tries of an activity's result while storage is unreachable.</summary>
    internal static readonly TimeSpan MaxStorageRetryInterval = TimeSpan.FromSeconds(30);

    private static bool Between(List<string> failures, string key, TimeSpan value, TimeSpan minimum, TimeSpan maximum)
    {
        if (value >= minimum && value <= maximum)
        {
            return true;
        }

        failures.Add($"{Section}:{key} must be {minimum} to {maximum} (it is {value}).");
        return false;
    }

    private static void AtLeast(List<string> failures, string key, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum)
        {
            failures.Add($"{Section}:{key} must be at least {minimum} (it is {value}).");
        }
    }

    private static bool IsTaskHubName(string? taskHubName) =>
        taskHubName is { Length: >= MinTaskHubNameLength and <= MaxTaskHubNameLength }
        && char.IsAsciiLetter(taskHubName[0])
        && taskHubName.All(char.IsAsciiLetterOrDigit);
}
