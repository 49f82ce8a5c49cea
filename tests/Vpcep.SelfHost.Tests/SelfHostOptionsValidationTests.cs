using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vpcep.SelfHost.Tests;

/// <summary>
/// <see cref="SelfHostOptions"/> is checked when the self-host starts, and every settings section the self-host
/// reads passes with its defaults and with the settings the end-to-end stack and the benchmarks pass.
/// </summary>
public sealed class SelfHostOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new SelfHostOptionsValidator().Validate(null, new SelfHostOptions()).Succeeded);
    }

    [Fact]
    public async Task Configured_api_keys_are_valid()
    {
        await using WebApplication app = SelfHostApp.Build(["--urls=http://127.0.0.1:0", "--SelfHost:ApiKeys:0=first-key", "--SelfHost:ApiKeys:1=second-key"]);

        Assert.Equal(["first-key", "second-key"], app.Services.GetRequiredService<IOptions<SelfHostOptions>>().Value.ApiKeys);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public async Task An_empty_or_blank_api_key_is_refused_with_a_message_naming_it(string key)
    {
        await using WebApplication app = SelfHostApp.Build(["--urls=http://127.0.0.1:0", "--SelfHost:ApiKeys:0=good-key", $"--SelfHost:ApiKeys:1={key}"]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<SelfHostOptions>>().Value);

        Assert.Contains("SelfHost:ApiKeys:1 ", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains("SelfHost:ApiKeys:1 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_blank_api_key_is_reported_at_once()
    {
        var options = new SelfHostOptions();
        options.ApiKeys.Add(" ");
        options.ApiKeys.Add("good-key");
        options.ApiKeys.Add("");

        ValidateOptionsResult result = new SelfHostOptionsValidator().Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("SelfHost:ApiKeys:0 ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("SelfHost:ApiKeys:2 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_check_runs_when_the_host_starts()
    {
        await using WebApplication app = SelfHostApp.Build(["--urls=http://127.0.0.1:0", "--SelfHost:ApiKeys:0= "]);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(SelfHostOptions), error.OptionsType);
    }

    [Fact]
    public async Task Every_section_the_self_host_reads_passes_the_start_with_its_defaults()
    {
        await using WebApplication app = SelfHostApp.Build(["--urls=http://127.0.0.1:0"]);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task The_settings_of_the_end_to_end_stack_and_the_benchmarks_pass_the_start()
    {
        // The stacks pass their Azurite's connection string; only its presence is checked here.
        const string Storage = "UseDevelopmentStorage=true";

        // tests/Vpcep.EndToEnd.Tests/Infrastructure/ProvisioningStack.cs, ApiKeyTests.cs and StorageOutageTests.cs.
        string[] endToEnd =
        [
            "--urls=http://127.0.0.1:0",
            $"--DurableTask:ConnectionString={Storage}",
            "--DurableTask:TaskHubName=e2e" + Guid.NewGuid().ToString("N")[..12],
            "--DurableTask:MaxQueuePollingInterval=00:00:00.500",
            "--HuaweiCloud:BaseUrl=http://127.0.0.1:5080/",
            "--HuaweiCloud:AccessKey=EMULATORACCESSKEY00001",
            "--HuaweiCloud:SecretKey=emulator-secret-key-0001-do-not-use-in-production",
            "--HuaweiCloud:RequestTimeout=00:00:05",
            "--HuaweiCloud:MaxRequestsPerSecondPerProject=4.5",
            "--Provisioning:InitialPollDelay=00:00:01",
            "--Provisioning:PollInterval=00:00:01",
            "--Provisioning:FirstRetryInterval=00:00:00.500",
            "--ProvisioningQueue:QueueName=vpcep-provisioning-requests",
            "--ProvisioningQueue:MaxPollingInterval=00:00:01",
            "--ProvisioningQueue:Enabled=false",
            "--SelfHost:ApiKeys:0=test-key",
        ];

        // benchmarks/Vpcep.Benchmarks/BenchmarkStack.cs and BenchmarkRunner.cs.
        string[] benchmarks =
        [
            "--urls=http://127.0.0.1:0",
            $"--DurableTask:ConnectionString={Storage}",
            "--DurableTask:TaskHubName=bench" + Guid.NewGuid().ToString("N")[..10],
            "--DurableTask:MaxQueuePollingInterval=00:00:00.100",
            "--Provisioning:InitialPollDelay=00:00:00",
            "--Provisioning:PollInterval=00:00:03",
            "--ProvisioningQueue:QueueName=vpcep-provisioning-requests",
        ];

        foreach (string[] args in new[] { endToEnd, benchmarks })
        {
            await using WebApplication app = SelfHostApp.Build(args);

            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
    }
}
