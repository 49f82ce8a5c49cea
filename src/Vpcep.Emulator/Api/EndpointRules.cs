using System.Buffers;
using Microsoft.Extensions.Options;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>The field rules of the endpoint operations (tags, whitelist, description), with configurable limits.</summary>
internal sealed class EndpointRules(IOptions<EmulatorOptions> options)
{
    // The characters the seed page forbids in tag keys and values.
    private static readonly SearchValues<char> ForbiddenTagCharacters = SearchValues.Create("=*<>\\,|/");

    public IReadOnlyList<KeyValuePair<string, string>> Tags(IReadOnlyList<ResourceTagBody>? tags, int existingCount = 0)
    {
        if (tags is null)
        {
            return [];
        }

        EmulatorOptions o = options.Value;
        if (tags.Count + existingCount > o.MaxTags)
        {
            throw Errors.TooManyTags(o.MaxTags);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, string>>();
        foreach (ResourceTagBody tag in tags)
        {
            string key = tag.Key ?? "";
            string value = tag.Value ?? "";
            // A blank key is "tag empty" (EndPoint.3066), not a character error.
            if (key.Trim().Length == 0)
            {
                throw Errors.TagEmpty();
            }

            // Lengths in Unicode code points, as the intake counts them (seed page: "characters").
            if (CodePoints(key) > o.MaxTagKeyLength)
            {
                throw Errors.TagKeyTooLong(o.MaxTagKeyLength);
            }

            if (CodePoints(value) > o.MaxTagValueLength)
            {
                throw Errors.TagValueTooLong(o.MaxTagValueLength);
            }

            if (!IsValidTagText(key))
            {
                throw Errors.TagInvalidCharacters("key");
            }

            if (value.Length > 0 && !IsValidTagText(value))
            {
                throw Errors.TagInvalidCharacters("value");
            }

            if (!seen.Add(key))
            {
                throw Errors.TagDuplicate(key);
            }

            result.Add(new(key, value));
        }

        return result;
    }

    public IReadOnlyList<string> Whitelist(IReadOnlyList<string>? whitelist)
    {
        if (whitelist is null)
        {
            return [];
        }

        if (whitelist.Count > options.Value.MaxWhitelistEntries)
        {
            throw Errors.WhitelistFull(options.Value.MaxWhitelistEntries);
        }

        foreach (string entry in whitelist)
        {
            if (!Ipv4.TryParse(entry, out _) && !Cidr.TryParse(entry, out _))
            {
                throw Errors.InvalidWhitelist(entry);
            }
        }

        return whitelist;
    }

    public static string? Description(string? description)
    {
        if (description is not null && (CodePoints(description) > 128 || description.Contains('<', StringComparison.Ordinal) || description.Contains('>', StringComparison.Ordinal)))
        {
            throw Errors.ParameterError("description must be at most 128 characters without < or >.");
        }

        return description;
    }

    /// <summary>
    /// No forbidden character, no ASCII control character (the SDKs' tag models allow letters, digits, spaces
    /// and a few punctuation marks only), no leading or trailing white space.
    /// </summary>
    private static bool IsValidTagText(string text) =>
        text.IndexOfAny(ForbiddenTagCharacters) < 0 && !text.Any(char.IsControl) && text.Trim().Length == text.Length;

    private static int CodePoints(string text) => text.EnumerateRunes().Count();
}
