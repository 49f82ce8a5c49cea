using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Vpcep.StorageAccounts;

/// <summary>
/// How a host reaches one storage account: with a connection string, or by the account's name with a Microsoft Entra
/// token from Azure.Identity (a user-assigned managed identity when a client id is given, else
/// <see cref="DefaultAzureCredential"/>). The one place that turns storage settings into clients: every blob, queue and
/// table client of the hosts, and the task hub's, is made here. Making a client connects to nothing.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The connection string of the local storage emulator (Azurite).</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    // Standard endpoints of an account in the Azure public cloud ("Standard endpoints",
    // https://learn.microsoft.com/azure/storage/common/storage-account-overview#standard-endpoints); other clouds take a
    // connection string.
    private const string EndpointSuffix = "core.windows.net";

    private readonly Lazy<TokenCredential>? credential;

    private StorageConnection(string? connectionString, string? accountName, string? clientId)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
        ClientId = clientId;
        if (accountName is not null)
        {
            credential = new Lazy<TokenCredential>(() => clientId is null
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }
    }

    /// <summary>Azurite, the local storage emulator.</summary>
    public static StorageConnection Development { get; } = new(DevelopmentStorage, null, null);

    /// <summary>The connection string, when this connection is one; otherwise <see langword="null"/>.</summary>
    public string? ConnectionString { get; }

    /// <summary>The account name, when the account is reached with an identity; otherwise <see langword="null"/>.</summary>
    public string? AccountName { get; }

    /// <summary>The client id of the user-assigned managed identity used, if one is named.</summary>
    public string? ClientId { get; }

    /// <summary>Whether the account is reached with a Microsoft Entra identity rather than a connection string.</summary>
    public bool UsesIdentity => AccountName is not null;

    /// <summary>
    /// The credential of an identity-based connection (created on first use and shared by its clients):
    /// <see cref="ManagedIdentityCredential"/> for <see cref="ClientId"/>, else <see cref="DefaultAzureCredential"/>;
    /// <see langword="null"/> for a connection string.
    /// </summary>
    public TokenCredential? Credential => credential?.Value;

    /// <summary>The blob service of an identity-based connection (<c>https://{account}.blob.core.windows.net/</c>).</summary>
    public Uri? BlobServiceUri => ServiceUri("blob");

    /// <summary>The queue service of an identity-based connection.</summary>
    public Uri? QueueServiceUri => ServiceUri("queue");

    /// <summary>The table service of an identity-based connection.</summary>
    public Uri? TableServiceUri => ServiceUri("table");

    /// <summary>A connection by connection string.</summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(connectionString, null, null);
    }

    /// <summary>A connection to account <paramref name="accountName"/> with an identity: the user-assigned managed identity
    /// <paramref name="clientId"/>, or <see cref="DefaultAzureCredential"/> when it is <see langword="null"/>.</summary>
    public static StorageConnection FromIdentity(string accountName, string? clientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        return new StorageConnection(null, accountName, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
    }

    /// <summary>
    /// The connection a section's settings name, or <see langword="null"/> when they name none (neither a connection
    /// string nor an account name). Settings are checked at start with <see cref="Problems"/>; should both forms be
    /// given anyway, the account name wins.
    /// </summary>
    public static StorageConnection? From(IStorageAccountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrWhiteSpace(settings.AccountName))
        {
            return FromIdentity(settings.AccountName, settings.ClientId);
        }

        return string.IsNullOrWhiteSpace(settings.ConnectionString) ? null : FromConnectionString(settings.ConnectionString);
    }

    /// <summary>Whether a section's settings name a storage account in either form (or set any of its keys).</summary>
    public static bool IsSet(IStorageAccountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ConnectionString is not null || settings.AccountName is not null || settings.ClientId is not null;
    }

    /// <summary>
    /// Gives <paramref name="target"/> the storage account of <paramref name="fallback"/> when it names none itself and the
    /// fallback's settings are valid (a section that shares the task hub's account unless told otherwise).
    /// </summary>
    public static void FallBack(IStorageAccountSettings target, IStorageAccountSettings fallback)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(fallback);
        if (IsSet(target) || Problems(string.Empty, fallback).Count > 0)
        {
            return;
        }

        target.ConnectionString = fallback.ConnectionString;
        target.AccountName = fallback.AccountName;
        target.ClientId = fallback.ClientId;
    }

    /// <summary>Writes this connection into a section's settings (the inverse of <see cref="From"/>).</summary>
    public void CopyTo(IStorageAccountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.ConnectionString = ConnectionString;
        settings.AccountName = AccountName;
        settings.ClientId = ClientId;
    }

    /// <summary>
    /// What is wrong with a section's storage settings, each problem naming its key (<c>{section}:AccountName ...</c>):
    /// both forms at once, an empty or unreadable connection string, an account name that is not one, a client id that
    /// is not a GUID or comes without an account name. Settings that name no account have no problem here; whether a
    /// section needs one is the section's rule.
    /// </summary>
    /// <param name="section">The configuration section, as it prefixes each key in the messages.</param>
    /// <param name="settings">The section's settings.</param>
    public static IReadOnlyList<string> Problems(string section, IStorageAccountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(settings);
        List<string> problems = [];
        string? connectionString = settings.ConnectionString;
        string? accountName = settings.AccountName;
        string? clientId = settings.ClientId;

        if (connectionString is not null && accountName is not null)
        {
            problems.Add($"{section}:ConnectionString and {section}:AccountName are both set: set one of them (a connection string, or an account name reached with a Microsoft Entra identity).");
        }
        else if (connectionString is not null && string.IsNullOrWhiteSpace(connectionString))
        {
            problems.Add($"{section}:ConnectionString must not be empty when it is set (UseDevelopmentStorage=true for Azurite, or leave it out and set {section}:AccountName).");
        }
        else if (connectionString is not null && !IsConnectionString(connectionString))
        {
            problems.Add($"{section}:ConnectionString is not an Azure Storage connection string.");
        }

        if (accountName is not null && !IsAccountName(accountName))
        {
            problems.Add($"{section}:AccountName must be a storage account name: 3 to 24 lowercase letters and digits (it is '{accountName}').");
        }

        if (clientId is not null && accountName is null)
        {
            problems.Add($"{section}:ClientId is set without {section}:AccountName: a managed identity reaches an account named by {section}:AccountName (a connection string carries its own credentials).");
        }
        else if (clientId is not null && !Guid.TryParseExact(clientId, "D", out _))
        {
            problems.Add($"{section}:ClientId must be the client id (a GUID) of a user-assigned managed identity (it is '{clientId}').");
        }

        return problems;
    }

    /// <summary>
    /// The storage account of an Azure Functions connection setting such as <c>AzureWebJobsStorage</c>: its value as a
    /// connection string, or its identity-based form <c>{name}__accountName</c> with <c>{name}__credential=managedidentity</c>
    /// and <c>{name}__clientId</c> for a user-assigned identity ("Connecting to host storage with an identity",
    /// https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity;
    /// "Common properties for identity-based connections", same page: <c>clientId</c> applies when <c>credential</c> is
    /// <c>managedidentity</c>). <see langword="null"/> for neither, or for the service-URI form, which this does not read.
    /// </summary>
    public static StorageConnection? FromFunctionsConnection(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string? value = configuration[name];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return IsConnectionString(value) ? FromConnectionString(value) : null;
        }

        IConfigurationSection section = configuration.GetSection(name);
        string? accountName = section["accountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            return null;
        }

        bool managedIdentity = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase);
        return FromIdentity(accountName, managedIdentity ? section["clientId"] : null);
    }

    /// <summary>A client of the account's blob service.</summary>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        AccountName is null
            ? new BlobServiceClient(ConnectionString, options)
            : new BlobServiceClient(BlobServiceUri, Credential, options);

    /// <summary>A client of the account's queue service.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        AccountName is null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(QueueServiceUri, Credential, options);

    /// <summary>A client of queue <paramref name="queueName"/>.</summary>
    public QueueClient CreateQueueClient(string queueName, QueueClientOptions? options = null) =>
        CreateQueueServiceClient(options).GetQueueClient(queueName);

    /// <summary>A client of the account's table service.</summary>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        AccountName is null
            ? new TableServiceClient(ConnectionString, options)
            : new TableServiceClient(TableServiceUri, Credential, options);

    /// <summary>A client of table <paramref name="tableName"/>.</summary>
    public TableClient CreateTableClient(string tableName, TableClientOptions? options = null) =>
        CreateTableServiceClient(options).GetTableClient(tableName);

    /// <summary>Describes the connection without its secrets, for logs and messages.</summary>
    public override string ToString() => AccountName is null
        ? "a connection string"
        : ClientId is null
            ? $"account '{AccountName}' with DefaultAzureCredential"
            : $"account '{AccountName}' with managed identity '{ClientId}'";

    private Uri? ServiceUri(string service) => AccountName is null
        ? null
        : new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{AccountName}.{service}.{EndpointSuffix}/"));

    // Storage account names: 3 to 24 lowercase letters and digits ("Naming rules and restrictions for Azure resources",
    // Microsoft.Storage/storageAccounts, https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
    private static bool IsAccountName(string accountName) =>
        accountName.Length is >= 3 and <= 24 && accountName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    /// <summary>Whether the text parses as a connection string of at least one storage service (nothing is called).</summary>
    private static bool IsConnectionString(string connectionString) =>
        Parses(() => new BlobServiceClient(connectionString))
        || Parses(() => new QueueServiceClient(connectionString))
        || Parses(() => new TableServiceClient(connectionString));

    private static bool Parses(Func<object> create)
    {
        try
        {
            _ = create();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
