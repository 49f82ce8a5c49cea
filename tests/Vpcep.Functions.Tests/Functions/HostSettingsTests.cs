using System.Globalization;
using System.Text.Json;

namespace Vpcep.Functions.Tests.Functions;

/// <summary>The Functions host's queue settings must match what the queue trigger and the README promise.</summary>
public sealed class HostSettingsTests
{
    private static JsonElement Queues() => Extensions().GetProperty("queues");

    private static JsonElement Extensions()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string hostJson = Path.Combine(dir.FullName, "host.json");
            if (File.Exists(Path.Combine(dir.FullName, "VpcepFunctions.sln")) && File.Exists(hostJson))
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(hostJson));
                return document.RootElement.GetProperty("extensions").Clone();
            }
        }

        throw new InvalidOperationException("The repository's host.json was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_host_retries_a_failing_queue_message_as_often_as_the_self_host_does()
    {
        JsonElement queues = Queues();

        var defaults = new Vpcep.SelfHost.Queues.QueueListenerOptions();

        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.BatchSize, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(defaults.VisibilityTimeout, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.MaxPollingInterval, TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <remarks>
    /// The Storage Queues extension decodes trigger messages as base64 unless host.json says
    /// "messageEncoding": "none"; a plain-JSON message would then fail binding on every delivery.
    /// QueueMessageIntake decodes base64 itself, so "none" serves both forms.
    /// </remarks>
    [Fact]
    public void The_host_hands_queue_messages_over_undecoded_so_plain_and_base64_json_both_work()
    {
        JsonElement queues = Queues();

        Assert.True(queues.TryGetProperty("messageEncoding", out JsonElement encoding), "host.json sets no queues.messageEncoding (the default is base64).");
        Assert.Equal("none", encoding.GetString());
    }

    [Fact]
    public void The_host_recovers_a_dead_workers_messages_as_soon_as_the_self_host_does()
    {
        JsonElement storage = Extensions().GetProperty("durableTask").GetProperty("storageProvider");
        var defaults = new Vpcep.DurableTask.AzureStorage.AzureStorageDurableOptions();

        Assert.Equal(defaults.ControlQueueVisibilityTimeout, TimeSpan.Parse(storage.GetProperty("controlQueueVisibilityTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(defaults.WorkItemQueueVisibilityTimeout, TimeSpan.Parse(storage.GetProperty("workItemQueueVisibilityTimeout").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(storage.GetProperty("useTablePartitionManagement").GetBoolean());
    }
}
