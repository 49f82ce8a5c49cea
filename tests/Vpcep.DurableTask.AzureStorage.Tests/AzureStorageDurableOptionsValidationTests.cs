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
    public void A_sub_second_idle_timeout_is_refused_when_extended_sessions_are_on()
    {
        var options = new AzureStorageDurableOptions { ExtendedSessionsEnabled = true, ExtendedSessionIdleTimeout = TimeSpan.FromMilliseconds(500) };

        Assert.Contains("DurableTask:ExtendedSessionIdleTimeout ", Assert.Single(new AzureStorageDurableOptionsValidator().Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_idle_timeout_is_allowed_when_extended_sessions_are_off()
    {
        var options = new AzureStorageDurableOptions { ExtendedSessionsEnabled = false, ExtendedSessionIdleTimeout = TimeSpan.Zero };

        Assert.True(new AzureStorageDurableOptionsValidator().Validate(null, options).Succeeded);
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
    [InlineData("ConnectionString", "not a connection string")]
    [InlineData("AccountName", "Not_An_Account")]
    [InlineData("ClientId", "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45")]
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
    [InlineData("ControlQueueVisibilityTimeout", "00:00:04")]
    [InlineData("WorkItemQueueVisibilityTimeout", "00:00:01")]
    [InlineData("LeaseRenewInterval", "00:00:00")]
    [InlineData("LeaseAcquireInterval", "00:00:00")]
    [InlineData("DispatcherFailureBackoff", "00:00:00")]
    [InlineData("DispatcherFailureBackoff", "00:00:11")]
    [InlineData("DispatcherFailureBackoff", "00:00:01.500")]
    [InlineData("StorageRetryInterval", "00:00:00")]
    [InlineData("StorageRetryInterval", "00:01:00")]
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

    [Fact]
    public void A_lease_renewed_no_sooner_than_it_expires_is_refused()
    {
        using ServiceProvider services = Services(new() { ["DurableTask:LeaseInterval"] = "00:00:10", ["DurableTask:LeaseRenewInterval"] = "00:00:10" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value);

        Assert.Contains("DurableTask:LeaseRenewInterval", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_a_dead_workers_work_resumes_well_within_30_seconds_of_another_worker_being_ready()
    {
        var o = new AzureStorageDurableOptions();

        // Its leases expire, another worker takes them at its next acquire round, and its in-flight messages reappear.
        TimeSpan partitionsFree = o.LeaseInterval + o.LeaseAcquireInterval;
        TimeSpan messagesVisible = o.ControlQueueVisibilityTimeout > o.WorkItemQueueVisibilityTimeout ? o.ControlQueueVisibilityTimeout : o.WorkItemQueueVisibilityTimeout;

        Assert.True(partitionsFree <= TimeSpan.FromSeconds(20), $"partitions free after {partitionsFree}");
        Assert.True(messagesVisible <= TimeSpan.FromSeconds(20), $"messages visible after {messagesVisible}");
    }

    [Fact]
    public void By_default_a_worker_coming_out_of_a_storage_outage_is_held_back_seconds_not_minutes()
    {
        var o = new AzureStorageDurableOptions();

        // The dispatchers pause before each of the next five work items after a failure; a result waiting for
        // storage is tried again at least this often; an orchestration left to its lock runs again after it.
        Assert.True(o.DispatcherFailureBackoff * 5 <= TimeSpan.FromSeconds(5), $"dispatchers held back {o.DispatcherFailureBackoff * 5}");
        Assert.True(o.StorageRetryInterval <= TimeSpan.FromSeconds(5), $"results tried again every {o.StorageRetryInterval}");
        Assert.True(o.ControlQueueVisibilityTimeout <= TimeSpan.FromSeconds(20), $"orchestrations run again after {o.ControlQueueVisibilityTimeout}");
    }

    [Fact]
    public void Two_workers_on_one_machine_get_different_ids_unless_one_is_configured()
    {
        var o = new AzureStorageDurableOptions();

        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", o.EffectiveWorkerId);
        Assert.Equal("worker-7", new AzureStorageDurableOptions { WorkerId = "worker-7" }.EffectiveWorkerId);
    }
}
