using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Activities;
using Vpcep.StorageAccounts;

namespace Vpcep.Storage;

/// <summary>Registers the create attempts kept in an Azure Storage table.</summary>
public static class CreateAttemptsServiceCollectionExtensions
{
    /// <summary>
    /// Records create attempts in table <paramref name="tableName"/> of the account <paramref name="storage"/> picks (the
    /// task hub's), replacing the default that looks for an earlier attempt before every create.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="storage">Picks the storage account from the host's resolved services.</param>
    /// <param name="tableName">The table (created on first use).</param>
    public static IServiceCollection AddTableCreateAttempts(this IServiceCollection services, Func<IServiceProvider, StorageConnection> storage, string tableName)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        services.RemoveAll<ICreateAttempts>();
        services.AddSingleton<ICreateAttempts>(sp => new TableCreateAttempts(
            storage(sp).CreateTableClient(tableName), sp.GetRequiredService<ILogger<TableCreateAttempts>>()));
        return services;
    }

    /// <summary>A table name for a task hub: letters and digits only, starting with a letter, at most 63 characters.</summary>
    public static string TableNameFor(string taskHubName)
    {
        ArgumentNullException.ThrowIfNull(taskHubName);
        string letters = new([.. taskHubName.Where(char.IsAsciiLetterOrDigit)]);
        string name = (letters.Length > 0 && char.IsAsciiLetter(letters[0]) ? letters : "Hub" + letters) + "CreateAttempts";
        return name.Length <= 63 ? name : name[^63..];
    }
}
