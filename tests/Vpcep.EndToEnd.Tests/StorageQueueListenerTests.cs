using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;
using Vpcep.SelfHost.Queues;

namespace Vpcep.EndToEnd.Tests;

/// <summary>One Azurite for the listener tests; each test uses its own queue.</summary>
public sealed class ListenerAzurite : IAsyncLifetime
{
    private AzuriteProcess? azurite;

    public string ConnectionString => azurite!.ConnectionString;

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// The self-host's <see cref="StorageQueueListener"/> alone against a real Azurite queue, with a task hub
/// that is down: retries by visibility timeout, poisoning after MaxDequeueCount, at once when rejected.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageQueueListenerTests(ListenerAzurite storage) : IClassFixture<ListenerAzurite>, IAsyncLifetime
{
    private const string Request =
        """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{"subnet_id":"68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a"}}""";

    private const string Outage = "The task hub is unavailable (simulated).";

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly string queueName = "listener-" + Guid.NewGuid().ToString("N")[..16];
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("unavailable-hub");
    private StorageQueueListener? listener;
    private QueueClient queue = null!;
    private QueueClient poison = null!;

    public async Task InitializeAsync()
    {
        var failure = new InvalidOperationException(Outage);
        client.GetInstancesAsync(default!, default, default).ThrowsAsyncForAnyArgs(failure);
        client.GetInstanceAsync(default!, default(bool), default).ThrowsAsyncForAnyArgs(failure);
        client.GetInstanceAsync(default!, default(CancellationToken)).ThrowsAsyncForAnyArgs(failure);
        client.ScheduleNewOrchestrationInstanceAsync(default, default, default(StartOrchestrationOptions), default).ThrowsAsyncForAnyArgs(failure);

        var options = new QueueListenerOptions
        {
            ConnectionString = storage.ConnectionString,
            QueueName = queueName,
            VisibilityTimeout = TimeSpan.FromSeconds(1),
            MaxDequeueCount = 3,
            MinPollingInterval = TimeSpan.FromMilliseconds(20),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        };
        QueueMessageIntake intake = ListenerIntake.Build();
        listener = new StorageQueueListener(intake, client, Options.Create(options), TimeProvider.System, NullLogger<StorageQueueListener>.Instance);

        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        queue = new QueueClient(storage.ConnectionString, options.QueueName, clientOptions);
        poison = new QueueClient(storage.ConnectionString, options.PoisonQueueName, clientOptions);
        await queue.CreateIfNotExistsAsync();
        await listener.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (listener is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await listener.StopAsync(timeout.Token);
            listener.Dispose();
        }
    }

    /// <summary>Waits (bounded) until the poison queue holds <paramref name="count"/> entries, and reads them.</summary>
    private async Task<PoisonMessage[]> PoisonedAsync(int count)
    {
        DateTime deadline = DateTime.UtcNow + Within;
        PeekedMessage[] peeked = [];
        while (DateTime.UtcNow < deadline)
        {
            if (await poison.ExistsAsync())
            {
                peeked = (await poison.PeekMessagesAsync(32)).Value;
                if (peeked.Length >= count)
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        Assert.True(peeked.Length >= count, $"Expected {count} poison entries within {Within}, found {peeked.Length}.");
        return [.. peeked.Select(m => JsonSerializer.Deserialize(m.Body.ToString(), ProvisioningJsonContext.Default.PoisonMessage)!)];
    }

    private async Task<int> WaitingInQueueAsync()
    {
        QueueProperties properties = await queue.GetPropertiesAsync();
        return properties.ApproximateMessagesCount;
    }

    [Fact]
    public async Task Listener_poisons_a_message_that_keeps_failing_after_MaxDequeueCount_deliveries_and_keeps_running()
    {
        string second = Request.Replace("e0c748b7-d982-47df-ba06-b9c8c7650c1a", "3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c03", StringComparison.Ordinal);
        await queue.SendMessageAsync(Request);

        PoisonMessage first = Assert.Single(await PoisonedAsync(1));
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(second)));
        PoisonMessage[] both = await PoisonedAsync(2);

        Assert.Equal(Request, first.OriginalMessage);
        Assert.Equal(3, first.DequeueCount);
        Assert.Contains("Failed 3 times", first.Reason, StringComparison.Ordinal);
        Assert.Contains(Outage, first.Reason, StringComparison.Ordinal);
        Assert.Null(first.Errors);
        Assert.False(string.IsNullOrEmpty(first.MessageId));
        PoisonMessage later = Assert.Single(both, p => p.OriginalMessage != Request);
        Assert.Equal(3, later.DequeueCount);
        Assert.Contains(Outage, later.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await WaitingInQueueAsync());
        Assert.False(listener!.ExecuteTask!.IsCompleted, "The listener stopped after messages failed.");
    }

    [Fact]
    public async Task Listener_poisons_a_rejected_message_on_its_first_delivery_without_touching_the_task_hub()
    {
        const string message = """{"project_id":"not-a-project","endpoint":{}}""";

        await queue.SendMessageAsync(message);
        PoisonMessage entry = Assert.Single(await PoisonedAsync(1));

        Assert.Equal(1, entry.DequeueCount);
        Assert.Equal(message, entry.OriginalMessage);
        Assert.Contains("invalid", entry.Reason, StringComparison.Ordinal);
        Assert.NotNull(entry.Errors);
        Assert.Contains(entry.Errors, e => e.Pointer == "/project_id");
        Assert.Equal(0, await WaitingInQueueAsync());
        Assert.Empty(client.ReceivedCalls());
        Assert.False(listener!.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Listener_stops_when_asked_and_leaves_later_messages_in_the_queue()
    {
        await listener!.StopAsync(CancellationToken.None);
        Task? execution = listener.ExecuteTask;

        await queue.SendMessageAsync("not json");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.NotNull(execution);
        Assert.True(execution.IsCompleted);
        Assert.False(execution.IsFaulted);
        Assert.Equal(1, await WaitingInQueueAsync());
    }
}

/// <summary>The listener when storage cannot be reached at all (nothing listens on the queue port).</summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageQueueListenerWithoutStorageTests
{
    /// <remarks>
    /// Azure.Core gives up on a connection that keeps being refused with an AggregateException ("Retry
    /// failed after 6 tries", about 23 s here), not a RequestFailedException; the listener must survive
    /// it too. The window is longer than the SDK's retries.
    /// </remarks>
    [Fact]
    public async Task Listener_keeps_running_while_storage_is_unreachable()
    {
        int deadPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            deadPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var options = new QueueListenerOptions
        {
            ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"QueueEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;",
            QueueName = "listener-unreachable",
            MinPollingInterval = TimeSpan.FromMilliseconds(20),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        };
        QueueMessageIntake intake = ListenerIntake.Build();
        var logger = new WarningCounter();
        using var listener = new StorageQueueListener(
            intake, Substitute.For<DurableTaskClient>("hub"), Options.Create(options), TimeProvider.System, logger);

        await listener.StartAsync(CancellationToken.None);
        Task execution = listener.ExecuteTask!;
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (logger.QueueUnavailable == 0 && !execution.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        string? failure = execution.Exception?.InnerException?.GetType().FullName + ": " + execution.Exception?.InnerException?.Message;
        Task stopping = listener.StopAsync(CancellationToken.None);
        Task stopped = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10)));

        // It met the outage (and said so) instead of hanging in its first call, stayed up, and still stops when asked.
        Assert.False(execution.IsCompleted && stopped != stopping, $"The listener ended while storage was unreachable: {failure}");
        Assert.True(logger.QueueUnavailable > 0, "The listener never reported the outage: it is stuck, not retrying.");
        Assert.Same(stopping, stopped);
        Assert.False(execution.IsFaulted, failure);
    }

    /// <summary>Counts the listener's "queue unavailable" warnings (event 4005).</summary>
    private sealed class WarningCounter : ILogger<StorageQueueListener>
    {
        private int queueUnavailable;

        public int QueueUnavailable => Volatile.Read(ref queueUnavailable);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 4005)
            {
                Interlocked.Increment(ref queueUnavailable);
            }
        }
    }
}

/// <summary>The real queue intake with default settings, as the listener tests drive it.</summary>
file static class ListenerIntake
{
    public static QueueMessageIntake Build()
    {
        IOptionsMonitor<ProvisioningOptions> provisioning = Substitute.For<IOptionsMonitor<ProvisioningOptions>>();
        provisioning.CurrentValue.Returns(new ProvisioningOptions());
        IOptionsMonitor<QueueMessageOptions> queueOptions = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        queueOptions.CurrentValue.Returns(new QueueMessageOptions());
        var parser = new ProvisioningRequestParser(Options.Create(new ValidationOptions()));
        var watchers = new EndpointWatchers(provisioning, TimeProvider.System, NullLogger<EndpointWatchers>.Instance);
        return new QueueMessageIntake(new ProvisioningIntake(parser, provisioning, watchers, new FakeCallbackResolver().Check()), parser, queueOptions, new NoBatchDocumentReader());
    }
}
