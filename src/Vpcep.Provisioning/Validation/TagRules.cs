using System.Buffers;
using System.Globalization;
using System.Text;
using Vpcep.HuaweiCloud.Models;
using static Vpcep.Provisioning.Validation.RuleText;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The rules of an endpoint's tags: how many, and the length, characters and white space of each key and
/// value under <see cref="ValidationOptions.TagCharacterRules"/>; keys must be unique.
/// </summary>
internal sealed class TagRules
{
    private readonly ValidationOptions options;
    private readonly SearchValues<char> tagForbidden;
    private readonly SearchValues<char> tagKeySymbols;
    private readonly SearchValues<char> tagValueSymbols;

    public TagRules(ValidationOptions options)
    {
        this.options = options;
        tagForbidden = SearchValues.Create(options.TagForbiddenCharacters);
        tagKeySymbols = SearchValues.Create(options.TagKeyAllowedSymbols);
        tagValueSymbols = SearchValues.Create(options.TagValueAllowedSymbols);
    }

    /// <summary>Checks the tags of an endpoint, if it has any.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public void Check(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        if (endpoint.Tags is not { } tags)
        {
            return;
        }

        // Seed page Table 2: at most 10 tags (Open Telekom Cloud's reference: 20); EndPoint.3069.
        ErrorCollector at = errors.At("tags");
        if (tags.Count > options.MaxTags)
        {
            at.Add(ValidationCodes.TooManyTags, Invariant($"tags has {tags.Count} entries; at most {options.MaxTags} are allowed."));
        }

        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < tags.Count; i++)
        {
            ErrorCollector tagAt = at.At(i);
            ResourceTag? tag = tags[i];
            if (tag is null)
            {
                tagAt.Add(ValidationCodes.Required, "A tag must be an object with a key.");
                continue;
            }

            // Seed page Table 3: the key "cannot be left blank"; EndPoint.3066 ("The tag cannot be empty").
            ErrorCollector keyAt = tagAt.At("key");
            if (tag.Key is null)
            {
                keyAt.Add(ValidationCodes.Required, "The tag key is required.");
            }
            else if (string.IsNullOrWhiteSpace(tag.Key))
            {
                keyAt.Add(ValidationCodes.TagKeyBlank, "The tag key must not be blank.");
            }
            else if (Text(tag.Key, isKey: true, keyAt) && !seenKeys.Add(tag.Key))
            {
                // Open Telekom Cloud's reference, error codes: EndPoint.3067 "The tag key cannot be duplicated".
                keyAt.Add(ValidationCodes.DuplicateTagKey, $"The tag key {Quote(tag.Key)} appears more than once; tag keys must be unique.");
            }

            // Seed page Table 3: a value "can be left blank".
            if (tag.Value is not null)
            {
                Text(tag.Value, isKey: false, tagAt.At("value"));
            }
        }
    }

    /// <summary>The length, character and white-space rules of a tag key or value; true when it broke none.</summary>
    private bool Text(string text, bool isKey, ErrorCollector at)
    {
        bool valid = true;
        string what = isKey ? "key" : "value";
        bool current = options.TagCharacterRules == TagCharacterRules.Current;

        // Seed page Table 3: key 36, value 43 Unicode characters (current SDK TagList: 128, 255); EndPoint.3072/3073.
        int maxLength = isKey ? options.MaxTagKeyLength : options.MaxTagValueLength;
        int length = CodePoints(text);
        if (length > maxLength)
        {
            valid = false;
            at.Add(isKey ? ValidationCodes.TagKeyTooLong : ValidationCodes.TagValueTooLong,
                Invariant($"The tag {what} has {length} characters; at most {maxLength} are allowed."));
        }

        // EndPoint.3068. Control characters: every source that says which characters a tag may hold
        // (SDK TagList: letters, digits, spaces and a few symbols; Open Telekom Cloud's "Tag Character Set
        // Specifications": letters, digits, -, _, @, later also spaces and _.:=+) leaves them out.
        if (FirstDisallowed(text, isKey, current) is { } bad)
        {
            valid = false;
            string rule = current
                ? $"only letters, digits, spaces and {(isKey ? options.TagKeyAllowedSymbols : options.TagValueAllowedSymbols)} are allowed"
                : Rune.IsControl(bad)
                    ? "control characters are not allowed"
                    : $"none of {options.TagForbiddenCharacters} is allowed";
            at.Add(isKey ? ValidationCodes.TagKeyForbiddenCharacter : ValidationCodes.TagValueForbiddenCharacter,
                $"The tag {what} {Quote(text)} contains {Describe(bad)}; {rule}.");
        }

        // Seed page Table 3: neither key nor value may "start or end with a space". The current SDK TagList
        // keeps this for keys only. A control character is reported above, not here.
        if ((isKey || !current) && text.Length > 0 && (IsSpace(text[0]) || IsSpace(text[^1])))
        {
            valid = false;
            at.Add(isKey ? ValidationCodes.TagKeySurroundingSpace : ValidationCodes.TagValueSurroundingSpace,
                $"The tag {what} {Quote(text)} starts or ends with white space, which is not allowed.");
        }

        // Current SDK TagList: "_sys_" starts system tags, which tenants cannot enter.
        if (isKey && current && options.TagReservedKeyPrefix.Length > 0 && text.StartsWith(options.TagReservedKeyPrefix, StringComparison.Ordinal))
        {
            valid = false;
            at.Add(ValidationCodes.TagKeyReservedPrefix,
                $"The tag key {Quote(text)} starts with {options.TagReservedKeyPrefix}, which is reserved for system tags.");
        }

        return valid;

        static bool IsSpace(char c) => char.IsWhiteSpace(c) && !char.IsControl(c);
    }

    /// <summary>The first character the tag rules do not allow, or null.</summary>
    private Rune? FirstDisallowed(string text, bool isKey, bool current)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return rune;
            }

            if (!current)
            {
                if (rune.IsBmp && tagForbidden.Contains((char)rune.Value))
                {
                    return rune;
                }

                continue;
            }

            // Letters of any script (with their combining marks), digits, spaces, and the allowed symbols.
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool allowed = Rune.IsLetter(rune) || Rune.IsNumber(rune)
                || category is UnicodeCategory.SpaceSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                || (rune.IsBmp && (isKey ? tagKeySymbols : tagValueSymbols).Contains((char)rune.Value));
            if (!allowed)
            {
                return rune;
            }
        }

        return null;
    }

    /// <summary>A character for a message: quoted when printable, its code point otherwise.</summary>
    private static string Describe(Rune rune) =>
        Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}")
            : $"'{rune}'";
}
