using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud;
using Vpcep.StorageAccounts;

namespace Vpcep.SharedPacing;

/// <summary>Registers the pacer shared by every worker in place of the Huawei client's in-process one.</summary>
public static class SharedPacingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SharedPacingOptions"/> from the <c>SharedPacing</c> section (checked when the host starts) and,
    /// unless <c>SharedPacing:Enabled</c> is <see langword="false"/>, makes the Huawei client's <see cref="IRequestPacer"/>
    /// the shared one, whether <c>AddHuaweiCloud</c> is called before or after this.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="hostStorage">The storage account the host already uses (the task hub's), used when the section names
    /// none (neither <c>SharedPacing:ConnectionString</c> nor <c>SharedPacing:AccountName</c>).</param>
    public static IServiceCollection AddSharedPacing(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, StorageConnection?> hostStorage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(hostStorage);
        IConfigurationSection section = configuration.GetSection(SharedPacingOptions.SectionName);
        services.AddOptions<SharedPacingOptions>()
            .Bind(section)
            .PostConfigure<IServiceProvider>((o, provider) =>
            {
                if (!StorageConnection.IsSet(o))
                {
                    hostStorage(provider)?.CopyTo(o);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SharedPacingOptions>, SharedPacingOptionsValidator>());

        // Decided once, when the host is put together: a host that turns sharing off keeps the in-process pacer.
        if (!section.GetValue(nameof(SharedPacingOptions.Enabled), defaultValue: true))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPacingScheduleStore, TablePacingScheduleStore>();
        services.TryAddSingleton<SharedRequestPacer>();
        services.Replace(ServiceDescriptor.Singleton<IRequestPacer>(provider => provider.GetRequiredService<SharedRequestPacer>()));
        return services;
    }
}
