using System.Diagnostics;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Vpcep.HuaweiCloud.Telemetry;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Telemetry;

namespace Vpcep.SelfHost.Tests.Telemetry;

/// <summary>What the shared OpenTelemetry set-up subscribes to and how it reads the exporters' settings.</summary>
public class TelemetrySettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=0000;Authorization=Key")]
    [InlineData("ClientId=0000")]
    public void Without_Authorization_AAD_the_azure_monitor_exporter_uses_the_connection_strings_key(string? authentication) =>
        Assert.Null(TelemetryServiceCollectionExtensions.EntraCredential(authentication));

    [Theory]
    [InlineData("ClientId=6f9c1b1e-0000-4000-8000-000000000001;Authorization=AAD")]
    [InlineData(" authorization = aad ; clientid = 6f9c1b1e-0000-4000-8000-000000000001 ")]
    [InlineData("Authorization=AAD")]
    public void Authorization_AAD_makes_the_exporter_authenticate_with_a_managed_identity(string authentication) =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryServiceCollectionExtensions.EntraCredential(authentication));

    [Fact]
    public async Task The_workflows_the_huawei_clients_and_durable_tasks_spans_are_recorded_and_others_are_not()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var recorded = new List<Activity>();
        using IHost host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddVpcepTelemetry(configuration, "test");
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(recorded));
            })
            .Build();
        await host.StartAsync();

        foreach (string name in new[] { ProvisioningTelemetry.SourceName, HuaweiCloudTelemetry.SourceName, "DurableTask.Core", "Unrelated.Source" })
        {
            using var source = new ActivitySource(name);
            using Activity? span = source.StartActivity("probe " + name);
        }

        await host.StopAsync();
        Assert.Equal(
            ["probe DurableTask.Core", "probe " + HuaweiCloudTelemetry.SourceName, "probe " + ProvisioningTelemetry.SourceName],
            recorded.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
    }
}
