using System.Globalization;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Checks <see cref="ValidationOptions"/> when the host starts (<c>ValidateOnStart</c>): limits must not be
/// negative; <see cref="ValidationOptions.MaxTagKeyLength"/>, <see cref="ValidationOptions.MaxCallbackUrlLength"/>
/// and <see cref="ValidationOptions.MaxErrors"/> must be at least 1 (a zero would refuse every tag, every
/// callback URL, or every error report); the tag character settings must be set and
/// <see cref="ValidationOptions.TagCharacterRules"/> must be a defined value. Every problem is reported, each
/// naming its configuration key.
/// </summary>
internal sealed class ValidationOptionsValidator : IValidateOptions<ValidationOptions>
{
    private const string Section = ValidationOptions.SectionName;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];

        AtLeast(failures, nameof(ValidationOptions.MaxTags), options.MaxTags, 0);
        AtLeast(failures, nameof(ValidationOptions.MaxTagKeyLength), options.MaxTagKeyLength, 1);
        AtLeast(failures, nameof(ValidationOptions.MaxTagValueLength), options.MaxTagValueLength, 0);

        if (!Enum.IsDefined(options.TagCharacterRules))
        {
            failures.Add($"{Section}:TagCharacterRules must be {nameof(TagCharacterRules.Seed)} or {nameof(TagCharacterRules.Current)} (it is {options.TagCharacterRules}).");
        }

        Set(failures, nameof(ValidationOptions.TagForbiddenCharacters), options.TagForbiddenCharacters);
        Set(failures, nameof(ValidationOptions.TagKeyAllowedSymbols), options.TagKeyAllowedSymbols);
        Set(failures, nameof(ValidationOptions.TagValueAllowedSymbols), options.TagValueAllowedSymbols);
        Set(failures, nameof(ValidationOptions.TagReservedKeyPrefix), options.TagReservedKeyPrefix);
        AtLeast(failures, nameof(ValidationOptions.MaxDescriptionLength), options.MaxDescriptionLength, 0);
        AtLeast(failures, nameof(ValidationOptions.MaxWhitelistEntries), options.MaxWhitelistEntries, 0);
        AtLeast(failures, nameof(ValidationOptions.MaxRouteTables), options.MaxRouteTables, 0);
        AtLeast(failures, nameof(ValidationOptions.MaxCallbackUrlLength), options.MaxCallbackUrlLength, 1);
        AtLeast(failures, nameof(ValidationOptions.MaxErrors), options.MaxErrors, 1);
        if (options.CloudLookupCacheDuration < TimeSpan.Zero || options.CloudLookupCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:{nameof(ValidationOptions.CloudLookupCacheDuration)} must be between 00:00:00 (off) and 01:00:00 (it is {options.CloudLookupCacheDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeast(List<string> failures, string key, int value, int least)
    {
        if (value < least)
        {
            string rule = least == 0 ? "must not be negative" : $"must be at least {least.ToString(CultureInfo.InvariantCulture)}";
            failures.Add($"{Section}:{key} {rule} (it is {value.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    // Configuration binds an empty value as an empty string (which these settings allow); only code can set null.
    private static void Set(List<string> failures, string key, string? value)
    {
        if (value is null)
        {
            failures.Add($"{Section}:{key} must be set (it may be empty, not null).");
        }
    }
}
