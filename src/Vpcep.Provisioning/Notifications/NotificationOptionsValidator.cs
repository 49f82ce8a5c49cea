using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/> at start and names every problem; a secret is never echoed.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    private const string Section = NotificationOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        for (int i = 0; i < options.SigningSecrets.Count; i++)
        {
            if (WebhookSignatures.KeyOf(options.SigningSecrets[i]) is null)
            {
                failures.Add(Invariant($"{Section}:SigningSecrets:{i} is not a Standard Webhooks secret: '{WebhookSignatures.SecretPrefix}' followed by the base64 of {WebhookSignatures.MinSecretBytes} to {WebhookSignatures.MaxSecretBytes} random bytes (its value is not shown)."));
            }
        }

        for (int i = 0; i < options.RetrySchedule.Count; i++)
        {
            if (options.RetrySchedule[i] <= TimeSpan.Zero)
            {
                failures.Add(Invariant($"{Section}:RetrySchedule:{i} must be a positive wait (it is {options.RetrySchedule[i]})."));
            }
        }

        if (options.MaxRetryAfter <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Section}:MaxRetryAfter must be positive (it is {options.MaxRetryAfter})."));
        }

        foreach (string channel in options.DefaultChannels.Where(c => !NotificationChannels.All.Contains(c)))
        {
            failures.Add($"{Section}:DefaultChannels names '{channel}'; the channels are {string.Join(", ", NotificationChannels.All)}.");
        }

        if (options.DefaultChannels.Contains(NotificationChannels.Smn) && string.IsNullOrWhiteSpace(options.SmnTopicUrn))
        {
            failures.Add($"{Section}:SmnTopicUrn must be set when {Section}:DefaultChannels includes smn.");
        }

        if (!string.IsNullOrWhiteSpace(options.SmnTopicUrn) && !SmnTopicUrn.TryParse(options.SmnTopicUrn, out _))
        {
            failures.Add($"{Section}:SmnTopicUrn is not an SMN topic URN, urn:smn:{{region}}:{{project_id}}:{{topic_name}} (it is '{options.SmnTopicUrn}').");
        }

        if (!QueueMessageEncodings.All.Contains(options.QueueMessageEncoding))
        {
            failures.Add($"{Section}:QueueMessageEncoding must be {string.Join(" or ", QueueMessageEncodings.All)} (it is '{options.QueueMessageEncoding}').");
        }

        if (string.IsNullOrWhiteSpace(options.QueueName) || options.QueueName.Length is < 3 or > 63
            || !options.QueueName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            // Azure Storage queue names: 3-63 lower-case letters, digits and single dashes ("Naming Queues and Metadata").
            failures.Add($"{Section}:QueueName must be 3 to 63 lower-case letters, digits and dashes (it is '{options.QueueName}').");
        }

        if (options.PendingAcceptancePollInterval <= TimeSpan.Zero)
        {
            failures.Add(Invariant($"{Section}:PendingAcceptancePollInterval must be positive (it is {options.PendingAcceptancePollInterval})."));
        }

        if (options.PendingAcceptanceTimeout < options.PendingAcceptancePollInterval)
        {
            failures.Add(Invariant($"{Section}:PendingAcceptanceTimeout must be at least {Section}:PendingAcceptancePollInterval (it is {options.PendingAcceptanceTimeout})."));
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
