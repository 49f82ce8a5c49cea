using System.Diagnostics;
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
            builder.UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
        }

        return builder;
    }

    // An outgoing call is traced when it is part of some work (a request, an activity, a Huawei call): the durable
    // backend's own polls of its queues and tables start no trace, or they would be most of what is exported.
    private static bool IsPartOfWork(Activity? call) => call is not null && call.ParentSpanId != default;

    // Liveness and readiness probes come every few seconds and say nothing about a request.
    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/readyz", StringComparison.OrdinalIgnoreCase);
}
