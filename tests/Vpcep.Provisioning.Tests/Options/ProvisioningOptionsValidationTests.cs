using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Tests.Options;

/// <summary>
/// <see cref="ProvisioningOptions"/> is checked when the host starts: every invalid setting is reported, each
/// naming its configuration key; the defaults and the settings the hosts, tests and benchmarks use pass.
/// </summary>
public class ProvisioningOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new ProvisioningOptionsValidator().Validate(null, new ProvisioningOptions()).Succeeded);
    }

    [Fact]
    public void The_settings_the_hosts_tests_and_benchmarks_use_are_valid()
    {
        using ServiceProvider services = Services(new()
        {
            // local.settings.json.example, the end-to-end stack and the benchmarks: the emulator's sink, trusted.
            ["Provisioning:DefaultCallbackUrl"] = "http://127.0.0.1:5080/_emulator/callbacks/default",
            ["Notifications:AllowHttp"] = "true",
            ["Notifications:AllowedHosts:0"] = "127.0.0.1:5080",
            ["Provisioning:InitialPollDelay"] = "00:00:00",
            ["Provisioning:PollInterval"] = "00:00:01",
            ["Provisioning:FirstRetryInterval"] = "00:00:00.500",
            ["Provisioning:CreationTimeout"] = "00:00:05",
            ["Provisioning:MaxActivityAttempts"] = "1",
            ["Provisioning:MaxConcurrentCreatesPerProject"] = "1",
            ["Provisioning:CloudBusyPatience"] = "00:00:01",
            ["Provisioning:NotificationTimeout"] = "00:00:01",
        });

        ProvisioningOptions options = services.GetRequiredService<IOptions<ProvisioningOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:5080/_emulator/callbacks/default"), options.DefaultCallbackUrl);
        Assert.True(new ProvisioningOptionsValidator().Validate(null, new ProvisioningOptions { DefaultCallbackUrl = new Uri("https://hooks.example.test/outcomes") }).Succeeded);
    }

    [Theory]
    [InlineData("DefaultCallbackUrl", "callbacks/default")]
    [InlineData("DefaultCallbackUrl", "ftp://hooks.example.test/")]
    [InlineData("InitialPollDelay", "-00:00:01")]
    [InlineData("PollInterval", "00:00:00")]
    [InlineData("PollInterval", "-00:00:03")]
    [InlineData("PollInterval", "00:00:00.500")] // below the resolution of durable timers: polls would run back to back
    [InlineData("CreationTimeout", "00:00:00")]
    [InlineData("MaxActivityAttempts", "0")]
    [InlineData("FirstRetryInterval", "00:00:00")]
    [InlineData("CloudBusyPatience", "-01:00:00")]
    [InlineData("MaxConcurrentCreatesPerProject", "0")]
    [InlineData("CoalescedPollingFallback", "00:00:02")] // shorter than the poll interval
    [InlineData("NotificationTimeout", "00:00:00")]
    [InlineData("NotificationTimeout", "60.00:00:00")]
    public void An_invalid_setting_is_refused_with_a_message_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(new() { [$"Provisioning:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProvisioningOptions>>().Value);

        string failure = Assert.Single(error.Failures);
        Assert.Contains($"Provisioning:{key} ", failure, StringComparison.Ordinal);
        Assert.Contains($"Provisioning:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://hooks.example.test/outcomes", null, "callback_url_not_https")]
    [InlineData("https://127.0.0.1:5080/_emulator/callbacks/default", null, "callback_url_not_public")]
    [InlineData("https://169.254.169.254/latest/meta-data", null, "callback_url_not_public")]
    [InlineData("https://127.0.0.1:5080/_emulator/callbacks/default", "127.0.0.1:5081", "callback_url_not_public")]
    [InlineData("https://bot:s3cret@hooks.example.test/outcomes", null, "callback_url_has_credentials")]
    public void A_default_callback_url_the_notification_rules_refuse_stops_the_start(string url, string? allowed, string code)
    {
        Dictionary<string, string?> settings = new() { ["Provisioning:DefaultCallbackUrl"] = url };
        if (allowed is not null)
        {
            settings["Notifications:AllowedHosts:0"] = allowed;
        }

        using ServiceProvider services = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Provisioning:DefaultCallbackUrl ", failure, StringComparison.Ordinal);
        Assert.Contains(code, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_emulators_sink_as_default_callback_url_passes_when_the_operator_trusts_it()
    {
        using ServiceProvider services = Services(new()
        {
            ["Provisioning:DefaultCallbackUrl"] = "http://127.0.0.1:5080/_emulator/callbacks/default",
            ["Notifications:AllowHttp"] = "true",
            ["Notifications:AllowedHosts:0"] = "127.0.0.1:5080",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Deprovisioning_failed_endpoints_is_off_by_default_and_takes_only_a_boolean_naming_the_key_otherwise()
    {
        using ServiceProvider defaults = Services([]);
        using ServiceProvider on = Services(new() { ["Provisioning:DeprovisionFailedEndpoints"] = "true" });
        using ServiceProvider wrong = Services(new() { ["Provisioning:DeprovisionFailedEndpoints"] = "sometimes" });

        Assert.False(defaults.GetRequiredService<IOptions<ProvisioningOptions>>().Value.DeprovisionFailedEndpoints);
        Assert.True(on.GetRequiredService<IOptions<ProvisioningOptions>>().Value.DeprovisionFailedEndpoints);
        var error = Assert.Throws<InvalidOperationException>(() => wrong.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Provisioning:DeprovisionFailedEndpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        using ServiceProvider services = Services(new()
        {
            ["Provisioning:PollInterval"] = "00:00:00",
            ["Provisioning:MaxActivityAttempts"] = "0",
            ["Provisioning:InitialPollDelay"] = "-00:00:01",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProvisioningOptions>>().Value);

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public void The_check_runs_when_the_host_starts()
    {
        using ServiceProvider services = Services(new() { ["Provisioning:MaxActivityAttempts"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(ProvisioningOptions), error.OptionsType);
        Assert.Contains("Provisioning:MaxActivityAttempts", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_section_the_workflow_reads_passes_the_start_with_its_defaults()
    {
        using ServiceProvider services = Services([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Invalid_settings_in_several_sections_are_all_reported_when_the_host_starts()
    {
        using ServiceProvider services = Services(new()
        {
            ["Provisioning:PollInterval"] = "00:00:00",
            ["ProvisioningQueue:MaxBatchItems"] = "0",
            ["Validation:MaxErrors"] = "0",
            ["HuaweiCloud:MaxAttempts"] = "0",
        });

        var error = Assert.Throws<AggregateException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        string[] failures = [.. error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)];
        Assert.Equal(4, failures.Length);
        Assert.Contains(failures, f => f.StartsWith("Provisioning:PollInterval ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ProvisioningQueue:MaxBatchItems ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Validation:MaxErrors ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HuaweiCloud:MaxAttempts ", StringComparison.Ordinal));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddProvisioning(configuration).BuildServiceProvider();
    }
}
