using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Notifications;

/// <summary>Where a request's outcome goes, from what it names and what is configured.</summary>
/// <param name="Targets">The channels with their targets.</param>
/// <param name="FollowPendingAcceptance">Whether a <c>pending_acceptance</c> outcome is followed to a second notification.</param>
/// <param name="Errors">A channel the request names explicitly but which has no target here or in the configuration.</param>
public sealed record NotificationPlan(IReadOnlyList<NotificationTarget> Targets, bool FollowPendingAcceptance, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>
    /// The plan of a request: its channels (or the configured ones), the webhook at its callback URL (or
    /// <paramref name="defaultCallbackUrl"/>), the configured queue, its SMN topic (or the configured one). A channel
    /// the request names without a target anywhere is an error; a configured channel without one is left out.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="defaultCallbackUrl">The callback URL when the request has none (none for a batch's items).</param>
    /// <param name="options">The notification settings.</param>
    /// <param name="pointer">Where the request sits in its document (a batch item's pointer), for the errors.</param>
    public static NotificationPlan For(ProvisioningRequest request, string? defaultCallbackUrl, NotificationOptions options, string pointer = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        bool named = request.Notify?.Channels is not null;
        IReadOnlyList<string> channels = request.Notify?.Channels ?? options.EffectiveDefaultChannels;
        var targets = new List<NotificationTarget>(channels.Count);
        var errors = new List<ValidationError>();
        foreach (string channel in channels)
        {
            string? target = channel switch
            {
                NotificationChannels.Webhook => request.CallbackUrl ?? defaultCallbackUrl,
                NotificationChannels.Queue => options.QueueName,
                NotificationChannels.Smn => request.Notify?.SmnTopicUrn ?? options.SmnTopicUrn,
                _ => null,
            };
            if (target is not null)
            {
                targets.Add(new NotificationTarget(channel, target));
            }
            else if (named)
            {
                string needs = channel == NotificationChannels.Webhook ? "a callback_url" : "notify.smn_topic_urn";
                errors.Add(new ValidationError(
                    JsonPointer.Append(JsonPointer.Append(pointer, "notify"), "channels"),
                    ValidationCodes.MissingNotificationTarget,
                    $"The {channel} channel needs {needs}, and none is given or configured."));
            }
        }

        return new NotificationPlan(targets, request.Notify?.FollowPendingAcceptance ?? options.FollowPendingAcceptance, errors);
    }
}
