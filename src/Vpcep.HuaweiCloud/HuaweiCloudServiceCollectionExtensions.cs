using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.HuaweiCloud;

/// <summary>Registers the Huawei Cloud clients.</summary>
public static class HuaweiCloudServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="VpcepClient"/>, <see cref="VpcClient"/> and <see cref="SmnClient"/>, configured from the <c>HuaweiCloud</c>
    /// section (checked when the host starts: an invalid setting stops it with a message naming the setting),
    /// with one signed <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>.
    /// </summary>
    public static IServiceCollection AddHuaweiCloud(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HuaweiCloudOptions>()
            .Bind(configuration.GetSection(HuaweiCloudOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HuaweiCloudOptions>, HuaweiCloudOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICredentialProvider, ConfiguredCredentialProvider>();
        services.TryAddSingleton(sp => new RetryPolicy(sp.GetRequiredService<IOptions<HuaweiCloudOptions>>().Value));
        services.TryAddTransient<SigningHandler>();
        services.TryAddSingleton<ProjectRateLimiters>();
        services.TryAddSingleton<IRequestPacer, InProcessRequestPacer>();
        services.TryAddTransient<ProjectRateLimitHandler>();
        services.AddHttpClient(HuaweiApiPipeline.HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<ProjectRateLimitHandler>()
            .AddHttpMessageHandler<SigningHandler>()

            // The factory's own request logging must never print Authorization or X-Security-Token.
            .RedactLoggedHeaders(_ => true);
        services.TryAddSingleton<HuaweiApiPipeline>();

        // Their constructors taking the (internal) pipeline are internal, so the container gets factories.
        services.TryAddSingleton(sp => new VpcepClient(sp.GetRequiredService<HuaweiApiPipeline>()));
        services.TryAddSingleton(sp => new VpcClient(sp.GetRequiredService<HuaweiApiPipeline>()));
        services.TryAddSingleton(sp => new SmnClient(sp.GetRequiredService<HuaweiApiPipeline>()));
        return services;
    }
}
