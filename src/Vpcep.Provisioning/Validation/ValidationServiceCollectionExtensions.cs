using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vpcep.Provisioning.Validation;

/// <summary>Registers the request parser and validators.</summary>
public static class ValidationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ProvisioningRequestParser"/>, <see cref="EndpointRequestValidator"/> and
    /// <see cref="CloudValidator"/> (all stateless singletons), with <see cref="ValidationOptions"/> bound
    /// from the <c>Validation</c> section and checked at start. <see cref="CloudValidator"/> needs the
    /// Huawei Cloud clients: call <c>AddHuaweiCloud</c> as well.
    /// </summary>
    public static IServiceCollection AddProvisioningValidation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ValidationOptions>()
            .Bind(configuration.GetSection(ValidationOptions.SectionName))
            .Validate(
                o => o.MaxTags >= 0 && o.MaxTagKeyLength >= 1 && o.MaxTagValueLength >= 0 && o.MaxDescriptionLength >= 0
                    && o.MaxWhitelistEntries >= 0 && o.MaxRouteTables >= 0 && o.MaxCallbackUrlLength >= 1 && o.MaxErrors >= 1
                    && o.TagForbiddenCharacters is not null && o.TagKeyAllowedSymbols is not null && o.TagValueAllowedSymbols is not null
                    && o.TagReservedKeyPrefix is not null && Enum.IsDefined(o.TagCharacterRules),
                "Validation limits must not be negative, MaxTagKeyLength, MaxCallbackUrlLength and MaxErrors must be at least 1, the tag character settings must be set, and TagCharacterRules must be Seed or Current.")
            .ValidateOnStart();
        services.TryAddSingleton<EndpointRequestValidator>();
        services.TryAddSingleton<ProvisioningRequestParser>();
        services.TryAddSingleton<CloudValidator>();
        return services;
    }
}
