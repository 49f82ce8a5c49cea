namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The unknown-member policy of <c>endpoint</c>: which unknown names are probable typos of a known field
/// (refused, with a suggestion) and which are passed through to Huawei unchanged.
/// </summary>
/// <remarks>
/// The create-endpoint body has grown over the years (description, policy_statement, policy_document,
/// ip_version, ipv6_address, specification_name), so a member this project does not know yet may be one
/// Huawei accepts. A name is a probable typo when, ignoring case and the separators <c>_</c>, <c>-</c> and
/// space, it equals a known name (<c>enableDns</c>, <c>VPC_ID</c>, <c>vpcid</c>), or when it is within
/// Levenshtein distance 2 of one (1 for known names of up to 4 characters, so <c>tag</c> and <c>tagz</c>
/// are caught but a short new field is not taken for <c>tags</c>). A member of the request envelope put
/// inside <c>endpoint</c> is refused too: it is never meant for Huawei.
/// </remarks>
internal static class FieldNames
{
    /// <summary>Members of the envelope (as a queue request has them, with its key), which never belong inside <c>endpoint</c>.</summary>
    private static readonly string[] EnvelopeNames = [.. RequestShape.QueueRequest.Members.Keys];

    /// <summary>Returns the known member <paramref name="name"/> probably meant, or null when it resembles none.</summary>
    public static string? ProbablyMeant(string name, IEnumerable<string> known)
    {
        string squashed = Squash(name);
        string lower = name.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            if (Squash(candidate) == squashed)
            {
                return candidate;
            }

            // The distance is at least the difference in length; skipping early also bounds the work on huge names.
            int allowed = candidate.Length <= 4 ? 1 : 2;
            if (Math.Abs(lower.Length - candidate.Length) > allowed)
            {
                continue;
            }

            int distance = EditDistance(lower, candidate);
            if (distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>Gets a value indicating whether <paramref name="name"/> is a member of the request envelope.</summary>
    public static bool IsEnvelopeMember(string name) => EnvelopeNames.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// Why an unknown member of <c>endpoint</c> is refused under the lenient policy, or null when it is to be
    /// passed through.
    /// </summary>
    public static string? RefusalOfUnknownEndpointMember(string name)
    {
        if (IsEnvelopeMember(name))
        {
            return $"'{name}' belongs to the provisioning request itself, next to endpoint, not inside endpoint.";
        }

        string? meant = ProbablyMeant(name, RequestShape.Endpoint.Members.Keys);
        return meant is null ? null : $"The endpoint has no field '{name}'. Did you mean '{meant}'?";
    }

    /// <summary>Lower case without <c>_</c>, <c>-</c> and spaces.</summary>
    private static string Squash(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant));

    /// <summary>Levenshtein distance.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
