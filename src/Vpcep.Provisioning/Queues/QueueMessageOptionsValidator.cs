using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Queues;

/// <summary>
/// Checks <see cref="QueueMessageOptions"/> when the host starts (<c>ValidateOnStart</c>): every problem is
/// reported, each naming its configuration key.
/// </summary>
internal sealed class QueueMessageOptionsValidator : IValidateOptions<QueueMessageOptions>
{
    private const string Section = ProvisioningQueueNames.SectionName;

    /// <summary>A batch document must be allowed at least what one queue message could carry inline.</summary>
    private const int MinBatchBytes = 64 * 1024;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, QueueMessageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        if (options.MaxBatchItems < 1)
        {
            failures.Add($"{Section}:MaxBatchItems must be at least 1 (it is {options.MaxBatchItems.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.MaxBatchBytes < MinBatchBytes)
        {
            failures.Add($"{Section}:MaxBatchBytes must be at least {MinBatchBytes.ToString(CultureInfo.InvariantCulture)} (64 KiB, what one queue message holds; it is {options.MaxBatchBytes.ToString(CultureInfo.InvariantCulture)}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
