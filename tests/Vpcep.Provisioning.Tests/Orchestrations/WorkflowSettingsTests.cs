using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Orchestrations;

public class WorkflowSettingsTests
{
    private static ProvisioningOptions BoundOptions(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using ServiceProvider services = new ServiceCollection().AddProvisioning(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
    }

    [Fact]
    public void Settings_are_copied_from_the_options()
    {
        var options = new ProvisioningOptions
        {
            InitialPollDelay = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromSeconds(2),
            CreationTimeout = TimeSpan.FromSeconds(3),
            MaxActivityAttempts = 4,
            FirstRetryInterval = TimeSpan.FromSeconds(5),
        };

        Assert.Equal(
            new WorkflowSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 4, TimeSpan.FromSeconds(5)),
            WorkflowSettings.From(options));
    }

    [Fact]
    public void The_provisioning_section_binds_the_workflow_settings()
    {
        ProvisioningOptions options = BoundOptions(("Provisioning:PollInterval", "00:00:09"), ("Provisioning:DefaultCallbackUrl", "https://hooks.example.test/"));

        Assert.Equal(TimeSpan.FromSeconds(9), options.PollInterval);
        Assert.Equal(new Uri("https://hooks.example.test/"), options.DefaultCallbackUrl);
    }

    [Fact]
    public async Task A_first_retry_interval_longer_than_a_minute_still_provisions()
    {
        var orchestration = new FakeOrchestration();
        WorkflowSettings settings = FakeOrchestration.Settings() with { FirstRetryInterval = TimeSpan.FromMinutes(2) };

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input(settings: settings));

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Equal(EndpointStatus.Accepted, outcome.Endpoint?.Status);
    }

    [Theory]
    [InlineData("Provisioning:MaxActivityAttempts", "0")]
    [InlineData("Provisioning:FirstRetryInterval", "00:00:00")]
    public void Settings_the_workflow_cannot_run_with_are_refused_when_the_options_are_read(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => BoundOptions((key, value)));
    }
}
