using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Storage;

/// <summary>Registers the storage adapters; each host calls this with the connection string of its queue's account.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Lets queue messages reference batches kept in blobs of the account <paramref name="connectionString"/> names
    /// (it replaces the <see cref="NoBatchDocumentReader"/> the workflow registers by default).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">Picks the storage connection string from the host's resolved services.</param>
    public static IServiceCollection AddBlobBatchDocuments(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        services.Replace(ServiceDescriptor.Singleton<IBatchDocumentReader>(provider =>
            new BlobBatchDocumentReader(new BlobServiceClient(connectionString(provider)))));
        return services;
    }
}
