using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Options;

/// <summary>
/// <see cref="ValidationOptions"/> (the <c>Validation</c> section) is checked when the host starts: every invalid
/// setting is reported, each naming its configuration key.
/// </summary>
public class ValidationOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ValidationOptionsValidator().Validate(null, new ValidationOptions()).Succeeded);
    }

    [Fact]
    public void The_current_rules_and_the_smallest_limits_are_valid()
    {
        using ServiceProvider services = Services(new()
        {
            ["Validation:MaxTags"] = "0",
            ["Validation:MaxTagKeyLength"] = "1",
            ["Validation:MaxTagValueLength"] = "0",
            ["Validation:TagCharacterRules"] = "Current",
            ["Validation:TagForbiddenCharacters"] = "",
            ["Validation:TagReservedKeyPrefix"] = "",
            ["Validation:MaxDescriptionLength"] = "0",
            ["Validation:MaxWhitelistEntries"] = "0",
            ["Validation:MaxRouteTables"] = "0",
            ["Validation:MaxCallbackUrlLength"] = "1",
            ["Validation:MaxErrors"] = "1",
            ["Validation:CloudLookupCacheDuration"] = "00:00:00",
        });

        ValidationOptions options = services.GetRequiredService<IOptions<ValidationOptions>>().Value;

        Assert.Equal(TagCharacterRules.Current, options.TagCharacterRules);
        Assert.Equal("", options.TagReservedKeyPrefix);
    }

    [Theory]
    [InlineData("MaxTags", "-1")]
    [InlineData("MaxTagKeyLength", "0")]
    [InlineData("MaxTagValueLength", "-1")]
    [InlineData("TagCharacterRules", "7")]
    [InlineData("MaxDescriptionLength", "-1")]
    [InlineData("MaxWhitelistEntries", "-1")]
    [InlineData("MaxRouteTables", "-1")]
    [InlineData("MaxCallbackUrlLength", "0")]
    [InlineData("MaxErrors", "0")]
    [InlineData("CloudLookupCacheDuration", "-00:00:01")]
    [InlineData("CloudLookupCacheDuration", "01:00:01")]
    public void An_invalid_setting_is_refused_with_a_message_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(new() { [$"Validation:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ValidationOptions>>().Value);

        Assert.Contains($"Validation:{key} ", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains($"Validation:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ValidationOptions.TagForbiddenCharacters))]
    [InlineData(nameof(ValidationOptions.TagKeyAllowedSymbols))]
    [InlineData(nameof(ValidationOptions.TagValueAllowedSymbols))]
    [InlineData(nameof(ValidationOptions.TagReservedKeyPrefix))]
    public void A_tag_character_setting_set_to_null_in_code_is_refused_with_a_message_naming_it(string key)
    {
        var options = new ValidationOptions();
        typeof(ValidationOptions).GetProperty(key)!.SetValue(options, null);

        ValidateOptionsResult result = new ValidationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Validation:{key} ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        using ServiceProvider services = Services(new()
        {
            ["Validation:MaxTags"] = "-1",
            ["Validation:MaxTagKeyLength"] = "0",
            ["Validation:TagCharacterRules"] = "7",
            ["Validation:MaxErrors"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ValidationOptions>>().Value);

        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void The_check_runs_when_the_host_starts()
    {
        using ServiceProvider services = Services(new() { ["Validation:MaxErrors"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(ValidationOptions), error.OptionsType);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddProvisioningValidation(configuration).BuildServiceProvider();
    }
}
