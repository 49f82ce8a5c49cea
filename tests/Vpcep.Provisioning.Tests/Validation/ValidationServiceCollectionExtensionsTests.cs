using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

public class ValidationServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddProvisioningValidation(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Limits_are_bound_from_the_validation_section_and_the_parser_uses_them()
    {
        using ServiceProvider provider = Build(new() { ["Validation:MaxTags"] = "1" });

        Assert.Equal(1, provider.GetRequiredService<IOptions<ValidationOptions>>().Value.MaxTags);
        Assert.Equal(36, provider.GetRequiredService<IOptions<ValidationOptions>>().Value.MaxTagKeyLength);
        var result = provider.GetRequiredService<ProvisioningRequestParser>().Parse(
            RequestDocuments.SeedExample.Replace("""[{"key":"test1","value":"test1"}]""", """[{"key":"a"},{"key":"b"}]""", StringComparison.Ordinal));
        Assert.Equal([("/endpoint/tags", ValidationCodes.TooManyTags)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void The_current_tag_rules_and_the_strict_unknown_field_policy_are_reachable_through_settings()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Validation:MaxTags"] = "20",
            ["Validation:MaxTagKeyLength"] = "128",
            ["Validation:MaxTagValueLength"] = "255",
            ["Validation:TagCharacterRules"] = "Current",
            ["Validation:RejectUnknownEndpointFields"] = "true",
            ["Validation:RefuseLikelyMistakes"] = "true",
        });
        var parser = provider.GetRequiredService<ProvisioningRequestParser>();

        var current = parser.Parse(RequestDocuments.SeedExample.Replace("""[{"key":"test1","value":"test1"}]""", """[{"key":"a=b","value":"c/d"}]""", StringComparison.Ordinal));
        var strict = parser.Parse(RequestDocuments.SeedExample.Replace("\"enable_dns\":true", "\"enable_dns\":true,\"future\":1,\"enable_whitelist\":true", StringComparison.Ordinal));

        Assert.True(current.IsValid);
        Assert.Equal(
            [("/endpoint/future", ValidationCodes.UnknownField), ("/endpoint/enable_whitelist", ValidationCodes.WhitelistRequired)],
            strict.Errors.PointersAndCodes());
    }

    [Fact]
    public void An_undefined_tag_character_rule_is_rejected_when_the_options_are_read()
    {
        using ServiceProvider provider = Build(new() { ["Validation:TagCharacterRules"] = "7" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ValidationOptions>>().Value);
    }

    [Fact]
    public void A_negative_limit_is_rejected_when_the_options_are_read()
    {
        using ServiceProvider provider = Build(new() { ["Validation:MaxTags"] = "-1" });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ValidationOptions>>().Value);
    }
}
