using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Emulator;
using Vpcep.HuaweiCloud;
using Vpcep.Provisioning.Notifications;
using Vpcep.Storage;
using Vpcep.StorageAccounts;

namespace Vpcep.EndToEnd.Tests;

/// <summary>A real Azurite and the emulator as a real HTTP server, shared by the channel tests of one class.</summary>
public sealed class ChannelParts : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private WebApplication? emulator;

    public string StorageConnectionString => azurite!.ConnectionString;

    public Uri EmulatorUrl { get; private set; } = null!;

    public HttpClient EmulatorAdmin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        emulator = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        EmulatorUrl = await InProcessServer.StartAsync(emulator);
        EmulatorAdmin = new HttpClient { BaseAddress = EmulatorUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        EmulatorAdmin?.Dispose();
        await InProcessServer.StopAsync(emulator);
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// The channels as a host registers them: the SMN channel on the signed Huawei client pointed at the emulator, the
    /// queue channel on a storage account.
    /// </summary>
    public ServiceProvider Services(
        string? storageConnectionString = null, string secretKey = EmulatorOptions.DefaultSecretKey, string queueMessageEncoding = QueueMessageEncodings.Base64)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HuaweiCloud:BaseUrl"] = EmulatorUrl.ToString(),
            ["HuaweiCloud:AccessKey"] = EmulatorOptions.DefaultAccessKey,
            ["HuaweiCloud:SecretKey"] = secretKey,
            ["HuaweiCloud:RequestTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHuaweiCloud(configuration);
        services.Configure<NotificationOptions>(o => o.QueueMessageEncoding = queueMessageEncoding);
        services.AddNotificationChannels();
        services.AddQueueNotificationChannel(_ => StorageConnection.FromConnectionString(storageConnectionString ?? StorageConnectionString));
        return services.BuildServiceProvider();
    }
}

/// <summary>
/// The queue and SMN channels against real parts: Azurite's queues and blobs, and the emulator's SMN over signed HTTP.
/// Channel level: one attempt each, its verdict, and what a consumer reads.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NotificationChannelTests(ChannelParts parts) : IClassFixture<ChannelParts>
{
    private static readonly string Document = """{"instance_id":"vpcep-e2e","result":"accepted","endpoint":{"id":"41819873-f5d3-4f99-9c8a-1d543cb2e090","status":"accepted"}}""";

    private static NotificationMessage Outcome(string subject, string document) =>
        new("outcome_" + subject, "provisioning.outcome", subject, Encoding.UTF8.GetBytes(document));

    private static INotificationChannel Channel(ServiceProvider services, string name) =>
        services.GetServices<INotificationChannel>().Single(c => c.Name == name);

    private static string NewQueueName() => "outcomes-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Reads the one message of a queue as its text, waiting (bounded) for it.</summary>
    private async Task<string> ReadOneAsync(string queueName)
    {
        var queue = new QueueClient(parts.StorageConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
            if (messages.Length > 0)
            {
                return Assert.Single(messages).MessageText;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message on queue {queueName}.");
    }

    [Fact]
    public async Task The_queue_channel_creates_the_queue_and_puts_a_base64_envelope_with_the_event_id_type_and_document()
    {
        await using ServiceProvider services = parts.Services();
        string queueName = NewQueueName();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        DeliveryResult result = await Channel(services, NotificationChannels.Queue).DeliverAsync(Outcome("vpcep-e2e", Document), queueName, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Delivered, result.Verdict);
        Assert.Equal(201, result.StatusCode);
        string text = await ReadOneAsync(queueName);

        // Base64 of UTF-8 JSON, as a Functions queue trigger decodes it by default.
        using var envelope = JsonDocument.Parse(Convert.FromBase64String(text));
        JsonElement root = envelope.RootElement;
        Assert.Equal("outcome_vpcep-e2e", root.GetProperty("id").GetString());
        Assert.Equal("provisioning.outcome", root.GetProperty("type").GetString());
        Assert.Equal("vpcep-e2e", root.GetProperty("subject").GetString());
        Assert.InRange(root.GetProperty("timestamp").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(Document, root.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task With_encoding_none_the_message_text_is_the_json_itself()
    {
        await using ServiceProvider services = parts.Services(queueMessageEncoding: QueueMessageEncodings.None);
        string queueName = NewQueueName();

        DeliveryResult result = await Channel(services, NotificationChannels.Queue).DeliverAsync(Outcome("vpcep-plain", Document), queueName, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Delivered, result.Verdict);
        using var envelope = JsonDocument.Parse(await ReadOneAsync(queueName));
        Assert.Equal("outcome_vpcep-plain", envelope.RootElement.GetProperty("id").GetString());
        Assert.Equal(Document, envelope.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task An_envelope_too_large_for_a_message_is_kept_in_a_blob_that_the_message_references()
    {
        await using ServiceProvider services = parts.Services();
        string queueName = NewQueueName();
        string large = JsonSerializer.Serialize(new { batch_id = "b-large", items = Enumerable.Range(0, 2000).Select(i => new { instance_id = $"vpcep-{i:D6}", result = "accepted" }) });
        Assert.True(Encoding.UTF8.GetByteCount(large) > QueueNotificationChannel.MaxMessageBytes);

        DeliveryResult result = await Channel(services, NotificationChannels.Queue).DeliverAsync(
            new NotificationMessage("batch_summary_b-large", "provisioning.batch_summary", "b-large", Encoding.UTF8.GetBytes(large)), queueName, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Delivered, result.Verdict);
        using var reference = JsonDocument.Parse(Convert.FromBase64String(await ReadOneAsync(queueName)));
        Assert.Equal("batch_summary_b-large", reference.RootElement.GetProperty("id").GetString());
        Assert.False(reference.RootElement.TryGetProperty("data", out _));
        JsonElement dataRef = reference.RootElement.GetProperty("data_ref");
        Assert.Equal(queueName, dataRef.GetProperty("container").GetString());
        BlobClient blob = new BlobServiceClient(parts.StorageConnectionString)
            .GetBlobContainerClient(dataRef.GetProperty("container").GetString()).GetBlobClient(dataRef.GetProperty("blob").GetString());
        using var envelope = JsonDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToMemory());
        Assert.Equal("batch_summary_b-large", envelope.RootElement.GetProperty("id").GetString());
        Assert.Equal(large, envelope.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task A_queue_deleted_after_it_was_created_is_retried_and_created_again_by_the_next_attempt()
    {
        await using ServiceProvider services = parts.Services();
        INotificationChannel channel = Channel(services, NotificationChannels.Queue);
        string queueName = NewQueueName();
        Assert.Equal(DeliveryVerdicts.Delivered, (await channel.DeliverAsync(Outcome("vpcep-first", Document), queueName, CancellationToken.None)).Verdict);
        await new QueueClient(parts.StorageConnectionString, queueName).DeleteAsync();

        DeliveryResult whileMissing = await channel.DeliverAsync(Outcome("vpcep-second", Document), queueName, CancellationToken.None);
        DeliveryResult next = await channel.DeliverAsync(Outcome("vpcep-second", Document), queueName, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, whileMissing.Verdict);
        Assert.Equal(404, whileMissing.StatusCode);
        Assert.Equal(DeliveryVerdicts.Delivered, next.Verdict);
        using var envelope = JsonDocument.Parse(Convert.FromBase64String(await ReadOneAsync(queueName)));
        Assert.Equal("outcome_vpcep-second", envelope.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Wrong_storage_credentials_are_retried_with_the_storage_answer_and_a_bad_queue_name_is_refused()
    {
        string wrongKey = string.Join(';', parts.StorageConnectionString.Split(';').Select(p =>
            p.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + Convert.ToBase64String(new byte[64]) : p));
        await using ServiceProvider services = parts.Services(storageConnectionString: wrongKey);
        INotificationChannel queue = Channel(services, NotificationChannels.Queue);

        DeliveryResult wrongCredentials = await queue.DeliverAsync(Outcome("vpcep-key", Document), NewQueueName(), CancellationToken.None);
        DeliveryResult badName = await queue.DeliverAsync(Outcome("vpcep-key", Document), "Outcomes_Queue", CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, wrongCredentials.Verdict);
        Assert.Equal(403, wrongCredentials.StatusCode);
        Assert.Contains("credentials", wrongCredentials.Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryVerdicts.Refused, badName.Verdict);
    }

    [Fact]
    public async Task The_smn_channel_publishes_through_the_signed_client_and_the_emulator_holds_the_message_with_the_event_id()
    {
        await using ServiceProvider services = parts.Services();
        string project = Guid.NewGuid().ToString("N");
        string topic = $"urn:smn:cn-north-4:{project}:vpcep-outcomes";
        string subject = "vpcep-" + Guid.NewGuid().ToString("N")[..12];

        DeliveryResult result = await Channel(services, NotificationChannels.Smn).DeliverAsync(Outcome(subject, Document), topic, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Delivered, result.Verdict);
        JsonElement outbox = await parts.EmulatorAdmin.GetFromJsonAsync<JsonElement>("/_emulator/smn/messages");
        JsonElement published = Assert.Single(outbox.GetProperty("messages").EnumerateArray(), m =>
            JsonDocument.Parse(m.GetProperty("message").GetString()!).RootElement.GetProperty("id").GetString() == "outcome_" + subject);
        Assert.Equal(topic, published.GetProperty("topic_urn").GetString());
        Assert.Equal(project, published.GetProperty("project_id").GetString());
        Assert.Equal("provisioning.outcome: " + subject, published.GetProperty("subject").GetString());
        using var envelope = JsonDocument.Parse(published.GetProperty("message").GetString()!);
        Assert.Equal("provisioning.outcome", envelope.RootElement.GetProperty("type").GetString());
        Assert.Equal(Document, envelope.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task A_missing_topic_is_refused_and_wrong_credentials_are_retried()
    {
        string project = Guid.NewGuid().ToString("N");
        await using ServiceProvider services = parts.Services();
        await using ServiceProvider wrongSecret = parts.Services(secretKey: "not-the-emulator-secret");

        DeliveryResult missing = await Channel(services, NotificationChannels.Smn).DeliverAsync(
            Outcome("vpcep-missing", Document), $"urn:smn:cn-north-4:{project}:no-such-topic", CancellationToken.None);
        DeliveryResult unauthorized = await Channel(wrongSecret, NotificationChannels.Smn).DeliverAsync(
            Outcome("vpcep-unauthorized", Document), $"urn:smn:cn-north-4:{project}:vpcep-outcomes", CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Refused, missing.Verdict);
        Assert.Equal(404, missing.StatusCode);
        Assert.Contains("SMN.0006", missing.Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryVerdicts.Retry, unauthorized.Verdict);
        Assert.Equal(401, unauthorized.StatusCode);
        Assert.Contains("APIG.0301", unauthorized.Error, StringComparison.Ordinal);
    }
}
