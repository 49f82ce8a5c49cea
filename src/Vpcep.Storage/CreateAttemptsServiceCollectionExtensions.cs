using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Activities;

namespace Vpcep.Storage;

/// <summary>Registers the create attempts kept in an Azure Storage table.</summary>
public static class CreateAttemptsServiceCollectionExtensions
{
    /// <summary>
    /// Records create attempts in table <paramref name="tableName"/> of the account at <paramref name="connectionString"/>
    /// (the task hub's), replacing the default that looks for an earlier attempt before every create.
    /// </summary>
    public static IServiceCollection AddTableCreateAttempts(this IServiceCollection services, string connectionString, string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        services.RemoveAll<ICreateAttempts>();
        services.AddSingleton<ICreateAttempts>(sp => new TableCreateAttempts(
            new TableClient(connectionString, tableName), sp.GetRequiredService<ILogger<TableCreateAttempts>>()));
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
