using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Validation;

/// <summary>Registers the request parser and validators.</summary>
public static class ValidationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ProvisioningRequestParser"/>, <see cref="EndpointRequestValidator"/> and
    /// <see cref="CloudValidator"/> (all stateless singletons), with <see cref="ValidationOptions"/> bound
    /// from the <c>Validation</c> section and checked at start (an invalid setting stops the host with a
    /// message naming it), and the callback rules they apply (<see cref="CallbackServiceCollectionExtensions.AddCallbackTargetPolicy"/>). <see cref="CloudValidator"/> needs the Huawei Cloud clients: call
    /// <c>AddHuaweiCloud</c> as well.
    /// </summary>
    public static IServiceCollection AddProvisioningValidation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ValidationOptions>()
            .Bind(configuration.GetSection(ValidationOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ValidationOptions>, ValidationOptionsValidator>());
        services.AddCallbackTargetPolicy(configuration);
        services.TryAddSingleton<EndpointRequestValidator>();
        services.TryAddSingleton<ProvisioningRequestParser>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CloudLookupCache>();
        services.TryAddSingleton<CloudValidator>();
        return services;
    }
}
