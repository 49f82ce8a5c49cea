using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.SelfHost.Queues;

namespace Vpcep.SelfHost.Tests;

/// <summary>
/// <see cref="QueueListenerOptions"/> (the <c>ProvisioningQueue</c> section) is checked when the host starts:
/// every invalid setting is reported, each naming its configuration key.
/// </summary>
public sealed class QueueListenerOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new QueueListenerOptionsValidator().Validate(null, new QueueListenerOptions()).Succeeded);
    }

    [Fact]
    public void The_settings_the_end_to_end_stack_and_the_benchmarks_use_are_valid()
    {
        using ServiceProvider services = Services(new()
        {
            ["ProvisioningQueue:QueueName"] = "vpcep-provisioning-requests",
            ["ProvisioningQueue:MaxPollingInterval"] = "00:00:01",
            ["ProvisioningQueue:Enabled"] = "false",
            ["DurableTask:ConnectionString"] = "UseDevelopmentStorage=true",
        });

        QueueListenerOptions options = services.GetRequiredService<IOptions<QueueListenerOptions>>().Value;

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.True(new QueueListenerOptionsValidator().Validate(null, new QueueListenerOptions
        {
            QueueName = "listener-unreachable",
            BatchSize = 32,
            VisibilityTimeout = TimeSpan.FromSeconds(1),
            MaxDequeueCount = 1,
            MinPollingInterval = TimeSpan.FromMilliseconds(20),
            MaxPollingInterval = TimeSpan.FromMilliseconds(20),
        }).Succeeded);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0queue")]
    [InlineData("vpcep-provisioning-requests-2")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456")]
    public void A_storage_queue_name_whose_poison_queue_fits_is_valid(string queueName)
    {
        Assert.True(new QueueListenerOptionsValidator().Validate(null, new QueueListenerOptions { QueueName = queueName }).Succeeded);
    }

    [Theory]
    [InlineData("ConnectionString", " ")]
    [InlineData("AccountName", "Not_An_Account")]
    [InlineData("ClientId", "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45")]
    [InlineData("QueueName", " ")]
    [InlineData("QueueName", "ab")]
    [InlineData("QueueName", "Vpcep-Requests")]
    [InlineData("QueueName", "vpcep_requests")]
    [InlineData("QueueName", "-vpcep")]
    [InlineData("QueueName", "vpcep-")]
    [InlineData("QueueName", "vpcep--requests")]
    [InlineData("QueueName", "a23456789012345678901234567890123456789012345678901234567")]
    [InlineData("BatchSize", "0")]
    [InlineData("BatchSize", "33")]
    [InlineData("VisibilityTimeout", "00:00:00")]
    [InlineData("VisibilityTimeout", "00:00:00.500")]
    [InlineData("VisibilityTimeout", "7.00:00:01")]
    [InlineData("MaxDequeueCount", "0")]
    [InlineData("MinPollingInterval", "00:00:00")]
    [InlineData("MinPollingInterval", "00:00:10")]
    [InlineData("MaxPollingInterval", "-00:00:01")]
    [InlineData("MaxPollingInterval", "60.00:00:00")]
    public void An_invalid_setting_is_refused_with_a_message_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(new() { [$"ProvisioningQueue:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueueListenerOptions>>().Value);

        Assert.Contains($"ProvisioningQueue:{key} ", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains($"ProvisioningQueue:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_account_of_its_own_the_queue_is_in_the_task_hubs_account_whichever_its_form()
    {
        using ServiceProvider services = Services(new()
        {
            ["DurableTask:AccountName"] = "stvpcep01",
            ["DurableTask:ClientId"] = "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45",
        });

        QueueListenerOptions options = services.GetRequiredService<IOptions<QueueListenerOptions>>().Value;

        Assert.Equal((null, "stvpcep01", "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45"), (options.ConnectionString, options.AccountName, options.ClientId));
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        using ServiceProvider services = Services(new()
        {
            ["ProvisioningQueue:QueueName"] = "Upper",
            ["ProvisioningQueue:BatchSize"] = "64",
            ["ProvisioningQueue:MaxDequeueCount"] = "0",
            ["ProvisioningQueue:MinPollingInterval"] = "00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueueListenerOptions>>().Value);

        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void The_check_runs_when_the_host_starts()
    {
        using ServiceProvider services = Services(new() { ["ProvisioningQueue:BatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(QueueListenerOptions), error.OptionsType);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddStorageQueueListener(configuration).BuildServiceProvider();
    }
}
