using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Vpcep.StorageAccounts;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// The task hub's storage clients, made by <see cref="StorageConnection"/> like every other storage client of the hosts:
/// DurableTask.AzureStorage asks an <see cref="IStorageServiceClientProvider{TClient, TClientOptions}"/> per service for
/// options, sets them up (retries, timeouts) and asks for the client with them.
/// </summary>
internal static class StorageConnectionClients
{
    /// <summary>The task hub's client provider for <paramref name="connection"/>.</summary>
    public static StorageAccountClientProvider For(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // The options DurableTask.AzureStorage's own StorageAccountClientProvider starts from: defaults, and queue
        // messages without an encoding (Azure/durabletask, src/DurableTask.AzureStorage/StorageAccountClientProvider.cs).
        return new StorageAccountClientProvider(
            new Clients<BlobServiceClient, BlobClientOptions>(() => new BlobClientOptions(), connection.CreateBlobServiceClient),
            new Clients<QueueServiceClient, QueueClientOptions>(() => new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, connection.CreateQueueServiceClient),
            new Clients<TableServiceClient, TableClientOptions>(() => new TableClientOptions(), connection.CreateTableServiceClient));
    }

    private sealed class Clients<TClient, TClientOptions>(Func<TClientOptions> options, Func<TClientOptions, TClient> create)
        : IStorageServiceClientProvider<TClient, TClientOptions>
        where TClientOptions : Azure.Core.ClientOptions
    {
        public TClientOptions CreateOptions() => options();

        public TClient CreateClient(TClientOptions options) => create(options);
    }
}
