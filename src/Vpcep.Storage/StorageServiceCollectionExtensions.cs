using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vpcep.Provisioning.Queues;
using Vpcep.StorageAccounts;

namespace Vpcep.Storage;

/// <summary>Registers the storage adapters; each host calls this with the storage account of its queue.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Lets queue messages reference batches kept in blobs of the account <paramref name="storage"/> picks (it replaces
    /// the <see cref="NoBatchDocumentReader"/> the workflow registers by default).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="storage">Picks the storage account from the host's resolved services.</param>
    public static IServiceCollection AddBlobBatchDocuments(this IServiceCollection services, Func<IServiceProvider, StorageConnection> storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.Replace(ServiceDescriptor.Singleton<IBatchDocumentReader>(provider =>
            new BlobBatchDocumentReader(storage(provider).CreateBlobServiceClient())));
        return services;
    }
}
