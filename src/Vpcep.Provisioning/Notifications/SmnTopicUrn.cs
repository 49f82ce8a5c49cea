using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// An SMN topic URN, <c>urn:smn:{region}:{project_id}:{topic_name}</c> (Huawei Cloud SMN API reference, "Creating a
/// Topic": the response's <c>topic_urn</c>, and "Publishing a Message", its path). A topic name is 1 to 255
/// letters, digits, hyphens and underscores, starting with a letter or digit (same page, request <c>name</c>).
/// </summary>
/// <param name="Region">The region the topic lives in.</param>
/// <param name="ProjectId">The project that owns it.</param>
/// <param name="Name">The topic's name.</param>
public sealed partial record SmnTopicUrn(string Region, string ProjectId, string Name)
{
    /// <summary>Reads a URN; false when it is not of the documented form.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SmnTopicUrn? urn)
    {
        Match match = value is null ? Match.Empty : Pattern().Match(value);
        urn = match.Success ? new SmnTopicUrn(match.Groups["region"].Value, match.Groups["project"].Value, match.Groups["name"].Value) : null;
        return urn is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"urn:smn:{Region}:{ProjectId}:{Name}";

    [GeneratedRegex("^urn:smn:(?<region>[a-z]{2}(-[a-z]+)+-[0-9]{1,3}):(?<project>[0-9a-zA-Z]{1,64}):(?<name>[A-Za-z0-9][A-Za-z0-9_-]{0,254})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
