using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Notifications;

/// <summary>Registers where callbacks may go (<see cref="CallbackTargetPolicy"/>) and the client that delivers them.</summary>
public static class CallbackServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CallbackTargetOptions"/> bound from the <c>Notifications</c> section and checked at start, the
    /// <see cref="CallbackTargetPolicy"/> intake applies, the DNS check (<see cref="CallbackHostCheck"/>, with the system
    /// resolver unless an <see cref="ICallbackHostResolver"/> is registered first) and the <see cref="CallbackConnector"/>.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddCallbackTargetPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(CallbackTargetPolicy)))
        {
            return services;
        }

        services.AddOptions<CallbackTargetOptions>()
            .Bind(configuration.GetSection(CallbackTargetOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallbackTargetOptions>, CallbackTargetOptionsValidator>());
        services.AddSingleton<CallbackTargetPolicy>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICallbackHostResolver, DnsCallbackHostResolver>();
        services.TryAddSingleton<CallbackHostCheck>();
        services.TryAddSingleton<CallbackConnector>();
        return services;
    }

    /// <summary>
    /// Adds the named <see cref="HttpClient"/> callbacks are sent with (<paramref name="name"/>) and
    /// <see cref="AddCallbackTargetPolicy"/>. Its primary handler follows no redirect (a 3xx answer fails the delivery,
    /// naming the status), uses no proxy (the address vetted must be the address reached) and connects through
    /// <see cref="CallbackConnector"/>; <see cref="CallbackTargetHandler"/> refuses http and credentials before anything
    /// is sent. HttpClientFactory's default request logging stays: it writes the URL without user information and with
    /// its query values replaced by <c>*</c>.
    /// </summary>
    public static IHttpClientBuilder AddCallbackHttpClient(this IServiceCollection services, IConfiguration configuration, string name)
    {
        services.AddCallbackTargetPolicy(configuration);
        return services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<CallbackConnector>().ConnectAsync,
            })
            .AddHttpMessageHandler(provider => new CallbackTargetHandler(provider.GetRequiredService<CallbackTargetPolicy>()));
    }
}
