using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vpcep.DurableTask.AzureStorage.Tests;

/// <summary>
/// <see cref="AzureStorageDurableOptions"/> (the <c>DurableTask</c> section) is checked when the host starts:
/// every invalid setting is reported, each naming its configuration key; the defaults and the settings the
/// end-to-end stack and the benchmarks use pass.
/// </summary>
public sealed class AzureStorageDurableOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new AzureStorageDurableOptionsValidator().Validate(null, new AzureStorageDurableOptions()).Succeeded);
    }

    [Fact]
    public void The_settings_the_end_to_end_stack_and_the_benchmarks_use_are_valid()
    {
        using ServiceProvider services = Services(new()
        {
            ["DurableTask:ConnectionString"] = "UseDevelopmentStorage=true",
            ["DurableTask:TaskHubName"] = "e2e" + Guid.NewGuid().ToString("N")[..12],
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.100",
            ["DurableTask:PartitionCount"] = "16",
            ["DurableTask:MaxConcurrentActivities"] = "1",
            ["DurableTask:MaxConcurrentOrchestrations"] = "1",
            ["DurableTask:WorkerId"] = "worker-1",
        });

        Assert.Equal(16, services.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value.PartitionCount);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("VpcepProvisioning")]
    [InlineData("bench0123456789")]
    [InlineData("apikeys01234567")]
    [InlineData("h23456789012345678901234567890123456789012345")]
    public void A_task_hub_name_of_3_to_45_letters_and_digits_starting_with_a_letter_is_valid(string taskHubName)
    {
        Assert.True(new AzureStorageDurableOptionsValidator().Validate(null, new AzureStorageDurableOptions { TaskHubName = taskHubName }).Succeeded);
    }

    [Theory]
    [InlineData("ConnectionString", "")]
    [InlineData("ConnectionString", " ")]
    [InlineData("TaskHubName", "")]
    [InlineData("TaskHubName", "ab")]
    [InlineData("TaskHubName", "h234567890123456789012345678901234567890123456")]
    [InlineData("TaskHubName", "1hub")]
    [InlineData("TaskHubName", "my-hub")]
    [InlineData("TaskHubName", "my_hub")]
    [InlineData("TaskHubName", "Hübname")]
    [InlineData("PartitionCount", "0")]
    [InlineData("PartitionCount", "17")]
    [InlineData("MaxQueuePollingInterval", "00:00:00")]
    [InlineData("MaxQueuePollingInterval", "-00:00:01")]
    [InlineData("MaxConcurrentActivities", "0")]
    [InlineData("MaxConcurrentOrchestrations", "0")]
    public void An_invalid_setting_is_refused_with_a_message_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(new() { [$"DurableTask:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value);

        Assert.Contains($"DurableTask:{key} ", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains($"DurableTask:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        using ServiceProvider services = Services(new()
        {
            ["DurableTask:ConnectionString"] = "",
            ["DurableTask:TaskHubName"] = "my-hub",
            ["DurableTask:PartitionCount"] = "32",
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value);

        Assert.Equal(4, error.Failures.Count());
    }

    [Fact]
    public void The_check_runs_when_the_host_starts()
    {
        using ServiceProvider services = Services(new() { ["DurableTask:PartitionCount"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(AzureStorageDurableOptions), error.OptionsType);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAzureStorageDurableTask(configuration).BuildServiceProvider();
    }
}
