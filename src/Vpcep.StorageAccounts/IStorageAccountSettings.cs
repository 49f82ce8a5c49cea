namespace Vpcep.StorageAccounts;

/// <summary>
/// The keys a configuration section uses to name its storage account, in one of two forms: a connection string
/// (<c>ConnectionString</c>), or an account name reached with a Microsoft Entra identity (<c>AccountName</c>, and
/// <c>ClientId</c> for a user-assigned managed identity). Options classes with a storage account implement it, and
/// <see cref="StorageConnection"/> reads and checks it.
/// </summary>
public interface IStorageAccountSettings
{
    /// <summary>An Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    string? ConnectionString { get; set; }

    /// <summary>The storage account's name, reached with Azure.Identity instead of a connection string.</summary>
    string? AccountName { get; set; }

    /// <summary>
    /// With <see cref="AccountName"/>: the client id of the user-assigned managed identity to use; without it,
    /// <c>DefaultAzureCredential</c> picks the identity (environment, workload identity, managed identity, developer sign-in).
    /// </summary>
    string? ClientId { get; set; }
}
