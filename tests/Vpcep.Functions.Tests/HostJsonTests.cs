using System.Globalization;
using System.Text.Json;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Functions.Tests;

/// <summary>host.json ships with the app and gives the Functions host the same queue behaviour as the self-host.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonElement Queues = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))
        .RootElement.GetProperty("extensions").GetProperty("queues");

    [Fact]
    public void The_queue_retry_settings_match_the_self_hosts_defaults()
    {
        var defaults = new ProvisioningQueueOptions();

        Assert.Equal(defaults.MaxDequeueCount, Queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.BatchSize, Queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(Queues.GetProperty("visibilityTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(Queues.GetProperty("maxPollingInterval").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Messages_reach_the_trigger_undecoded_so_plain_and_base64_json_are_both_accepted() =>
        Assert.Equal("none", Queues.GetProperty("messageEncoding").GetString());
}
