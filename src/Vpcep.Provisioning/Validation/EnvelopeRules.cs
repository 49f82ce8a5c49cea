using System.Text.RegularExpressions;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using static Vpcep.Provisioning.Validation.RuleText;

namespace Vpcep.Provisioning.Validation;

/// <summary>The rules of the envelope around the endpoint body: project_id, region and callback_url (also a batch's).</summary>
/// <param name="options">The limits.</param>
/// <param name="callbackTargets">Where callbacks may go (the rules that need no DNS; intake adds the DNS check).</param>
internal sealed partial class EnvelopeRules(ValidationOptions options, CallbackTargetPolicy callbackTargets)
{
    /// <summary>Checks the envelope's members of a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="errors">Where the request sits.</param>
    public void Check(ProvisioningRequest request, ErrorCollector errors)
    {
        // The envelope is this project's contract. project_id goes into Huawei's path: 32 hexadecimal characters
        // as in every example (seed page); Huawei's current reference documents only 1-64 characters, and other
        // Huawei API pages "32 lower-case letters and digits", so the hexadecimal reading is unverified.
        ErrorCollector projectId = errors.At("project_id");
        if (string.IsNullOrWhiteSpace(request.ProjectId))
        {
            projectId.Add(ValidationCodes.Required, "project_id is required.");
        }
        else if (!ProjectIdPattern().IsMatch(request.ProjectId))
        {
            projectId.Add(ValidationCodes.InvalidProjectId,
                $"project_id {Quote(request.ProjectId)} is not a Huawei project id (32 hexadecimal characters).");
        }

        // Region ids as the official SDKs list them (cn-north-4, eu-west-101, my-kualalumpur-1, ae-ad-1).
        if (request.Region is not null && !RegionPattern().IsMatch(request.Region))
        {
            errors.At("region").Add(ValidationCodes.InvalidRegion,
                $"region {Quote(request.Region)} is not a region id such as cn-north-4 or ap-southeast-1 (lower case letters, dashes, a number at the end).");
        }

        if (request.CallbackUrl is not null)
        {
            CallbackUrl(request.CallbackUrl, errors.At("callback_url"));
        }

        if (request.Notify is { } notify)
        {
            Notify(notify, errors.At("notify"));
        }
    }

    /// <summary>The notification choices: known channels, each once; an SMN topic URN of the documented form.</summary>
    private static void Notify(NotifyRequest notify, ErrorCollector at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string> channels = notify.Channels ?? [];
        for (int i = 0; i < channels.Count; i++)
        {
            if (!Notifications.NotificationChannels.All.Contains(channels[i]))
            {
                at.At("channels").At(i).Add(ValidationCodes.InvalidNotificationChannel,
                    $"{Quote(channels[i])} is not a notification channel; the channels are {string.Join(", ", Notifications.NotificationChannels.All)}.");
            }
            else if (!seen.Add(channels[i]))
            {
                at.At("channels").At(i).Add(ValidationCodes.InvalidNotificationChannel, $"The channel {Quote(channels[i])} is named twice.");
            }
        }

        if (notify.Channels is { Count: 0 })
        {
            at.At("channels").Add(ValidationCodes.InvalidNotificationChannel, "channels must name at least one channel (leave it out for the configured ones).");
        }

        if (notify.SmnTopicUrn is { } urn && !Notifications.SmnTopicUrn.TryParse(urn, out _))
        {
            at.At("smn_topic_urn").Add(ValidationCodes.InvalidSmnTopicUrn,
                $"smn_topic_urn {Quote(urn)} is not an SMN topic URN (urn:smn:{{region}}:{{project_id}}:{{topic_name}}).");
        }
    }

    /// <summary>
    /// The callback URL rules (a request's or a batch's): absolute http(s), within the length limit, then every rule of
    /// <see cref="CallbackTargetPolicy.Check"/> it breaks (https only, no credentials, not a non-public address).
    /// </summary>
    /// <param name="callbackUrl">The URL as given.</param>
    /// <param name="at">Where it sits.</param>
    public void CallbackUrl(string callbackUrl, ErrorCollector at)
    {
        if (callbackUrl.Length > options.MaxCallbackUrlLength)
        {
            at.Add(ValidationCodes.InvalidCallbackUrl,
                Invariant($"callback_url has {callbackUrl.Length} characters; at most {options.MaxCallbackUrlLength} are allowed."));
        }
        else if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            // A URL with an '@' may hold credentials: it is not repeated.
            string shown = callbackUrl.Contains('@', StringComparison.Ordinal) ? "(not shown: it holds an '@')" : Quote(callbackUrl);
            at.Add(ValidationCodes.InvalidCallbackUrl, $"callback_url {shown} is not an absolute http or https URL.");
        }
        else
        {
            foreach (CallbackTargetProblem problem in callbackTargets.Check(uri))
            {
                at.Add(problem.Code, problem.Message);
            }
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectIdPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
