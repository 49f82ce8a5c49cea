using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vpcep.Provisioning.Telemetry;

namespace Vpcep.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts, so they export the same traces, metrics and logs: the workflow's, the Huawei client's
/// and Durable Task's spans (<see cref="ProvisioningTelemetry.ActivitySources"/>), their meters, ASP.NET Core's server
/// spans (health probes left out) and HttpClient's client spans (which send <c>traceparent</c> on, to Huawei and to
/// callback receivers), and logs with their scopes (instance id, project) and formatted messages.
/// </summary>
/// <remarks>
/// Exporters follow the usual settings, so nothing is exported unless one is configured:
/// <list type="bullet">
/// <item><c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other <c>OTEL_EXPORTER_OTLP_*</c> settings): OTLP for all three signals.</item>
/// <item><c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>: Azure Monitor (Application Insights) for all three.</item>
/// </list>
/// <c>OTEL_SERVICE_NAME</c> names the service (the host's default otherwise). Both may be set at once.
/// </remarks>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting that turns the OTLP exporter on (the OpenTelemetry specification's name).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The setting that turns the Azure Monitor exporter on (Application Insights' name).</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// The setting that makes the Azure Monitor exporter authenticate with Microsoft Entra ID:
    /// <c>Authorization=AAD</c>, with <c>ClientId=...</c> for a user-assigned managed identity (the Functions platform's format,
    /// which infra/ sets, since the component takes no local authentication).
    /// </summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The setting that names the service in every signal.</summary>
    public const string ServiceNameSetting = "OTEL_SERVICE_NAME";

    /// <summary>
    /// Adds OpenTelemetry with the project's sources and meters and the exporters <paramref name="configuration"/> asks for;
    /// the Functions host adds its worker's defaults to the builder it returns.
    /// </summary>
    public static IOpenTelemetryBuilder AddVpcepTelemetry(this IServiceCollection services, IConfiguration configuration, string defaultServiceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string serviceName = configuration[ServiceNameSetting] is { Length: > 0 } named ? named : defaultServiceName;
        IOpenTelemetryBuilder builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource([.. ProvisioningTelemetry.ActivitySources])
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => IsPartOfWork(Activity.Current)))
            .WithMetrics(metrics => metrics
                .AddMeter([.. ProvisioningTelemetry.Meters])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            builder.UseOtlpExporter();
        }

        if (configuration[AzureMonitorSetting] is { Length: > 0 } connectionString)
        {
            TokenCredential? credential = EntraCredential(configuration[AzureMonitorAuthenticationSetting]);
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        return builder;
    }

    /// <summary>
    /// The managed identity an <see cref="AzureMonitorAuthenticationSetting"/> value asks for: <see langword="null"/> (the
    /// connection string's key) unless it says <c>Authorization=AAD</c>; a user-assigned identity when it names a <c>ClientId</c>.
    /// </summary>
    public static TokenCredential? EntraCredential(string? authentication)
    {
        Dictionary<string, string> parts = (authentication ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out string? clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    // An outgoing call is traced when it is part of some work (a request, an activity, a Huawei call): the durable
    // backend's own polls of its queues and tables start no trace, or they would be most of what is exported.
    private static bool IsPartOfWork(Activity? call) => call is not null && call.ParentSpanId != default;

    // Liveness and readiness probes come every few seconds and say nothing about a request.
    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/readyz", StringComparison.OrdinalIgnoreCase);
}
