using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Vpcep.StorageAccounts.Tests;

/// <summary>
/// <see cref="StorageConnection"/> turns a section's storage settings into clients: a connection string, or an account
/// name reached with a Microsoft Entra identity (a user-assigned managed identity by client id, else
/// DefaultAzureCredential). No client here connects: making one calls nothing, and no token is asked for.
/// </summary>
public sealed class StorageConnectionTests
{
    private const string ClientId = "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45";

    private sealed class Settings : IStorageAccountSettings
    {
        public string? ConnectionString { get; set; }

        public string? AccountName { get; set; }

        public string? ClientId { get; set; }
    }

    [Fact]
    public void A_connection_string_makes_clients_of_the_account_it_names_with_no_identity()
    {
        StorageConnection connection = StorageConnection.From(new Settings { ConnectionString = StorageConnection.DevelopmentStorage })!;

        Assert.False(connection.UsesIdentity);
        Assert.Null(connection.Credential);
        Assert.Null(connection.BlobServiceUri);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", connection.CreateBlobServiceClient().Uri.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1/requests", connection.CreateQueueClient("requests").Uri.ToString());
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/VpcepPacing", connection.CreateTableClient("VpcepPacing").Uri.ToString());
    }

    [Fact]
    public void An_account_name_with_a_client_id_uses_that_user_assigned_managed_identity_on_the_account_endpoints()
    {
        StorageConnection connection = StorageConnection.From(new Settings { AccountName = "stvpcep01", ClientId = ClientId })!;

        Assert.True(connection.UsesIdentity);
        Assert.Equal(ClientId, connection.ClientId);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Same(connection.Credential, connection.Credential);
        Assert.Equal(new Uri("https://stvpcep01.blob.core.windows.net/"), connection.CreateBlobServiceClient().Uri);
        Assert.Equal(new Uri("https://stvpcep01.queue.core.windows.net/requests"), connection.CreateQueueClient("requests").Uri);
        Assert.Equal(new Uri("https://stvpcep01.table.core.windows.net/VpcepPacing"), connection.CreateTableClient("VpcepPacing").Uri);
        Assert.Equal("stvpcep01", connection.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void An_account_name_without_a_client_id_uses_the_default_azure_credential()
    {
        StorageConnection connection = StorageConnection.From(new Settings { AccountName = "stvpcep01" })!;

        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Null(connection.ClientId);
        Assert.Equal(new Uri("https://stvpcep01.table.core.windows.net/"), connection.TableServiceUri);
    }

    [Fact]
    public void Settings_that_name_no_account_make_no_connection()
    {
        Assert.Null(StorageConnection.From(new Settings()));
        Assert.Null(StorageConnection.From(new Settings { ConnectionString = " " }));
        Assert.False(StorageConnection.IsSet(new Settings()));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("UseDevelopmentStorage=true", null, null)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stvpcep01;AccountKey=a2V5;EndpointSuffix=core.windows.net", null, null)]
    [InlineData("BlobEndpoint=https://stvpcep01.blob.core.windows.net/;SharedAccessSignature=sv=2024-01-01&sig=abc", null, null)]
    [InlineData(null, "stvpcep01", null)]
    [InlineData(null, "abc", ClientId)]
    [InlineData(null, "a23456789012345678901234", ClientId)]
    public void Either_form_alone_is_accepted(string? connectionString, string? accountName, string? clientId)
    {
        Assert.Empty(StorageConnection.Problems("DurableTask", new Settings { ConnectionString = connectionString, AccountName = accountName, ClientId = clientId }));
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "stvpcep01", null, "DurableTask:ConnectionString and DurableTask:AccountName are both set")]
    [InlineData("", null, null, "DurableTask:ConnectionString must not be empty")]
    [InlineData(" ", null, null, "DurableTask:ConnectionString must not be empty")]
    [InlineData("not a connection string", null, null, "DurableTask:ConnectionString is not an Azure Storage connection string")]
    [InlineData(null, "ab", null, "DurableTask:AccountName must be a storage account name")]
    [InlineData(null, "StVpcep01", null, "DurableTask:AccountName must be a storage account name")]
    [InlineData(null, "st-vpcep", null, "DurableTask:AccountName must be a storage account name")]
    [InlineData(null, "a234567890123456789012345", null, "DurableTask:AccountName must be a storage account name")]
    [InlineData(null, "", null, "DurableTask:AccountName must be a storage account name")]
    [InlineData(null, "stvpcep01", "my-identity", "DurableTask:ClientId must be the client id (a GUID)")]
    [InlineData(null, null, ClientId, "DurableTask:ClientId is set without DurableTask:AccountName")]
    [InlineData("UseDevelopmentStorage=true", null, ClientId, "DurableTask:ClientId is set without DurableTask:AccountName")]
    public void Anything_but_one_form_is_refused_with_a_message_naming_the_key(string? connectionString, string? accountName, string? clientId, string expected)
    {
        IReadOnlyList<string> problems = StorageConnection.Problems("DurableTask", new Settings { ConnectionString = connectionString, AccountName = accountName, ClientId = clientId });

        Assert.StartsWith(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        IReadOnlyList<string> problems = StorageConnection.Problems("ProvisioningQueue", new Settings { ConnectionString = "UseDevelopmentStorage=true", AccountName = "Bad_Name", ClientId = "x" });

        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.StartsWith("ProvisioningQueue:", p, StringComparison.Ordinal));
    }

    [Fact]
    public void A_section_naming_no_account_falls_back_on_another_sections_account()
    {
        var queue = new Settings();

        StorageConnection.FallBack(queue, new Settings { AccountName = "stvpcep01", ClientId = ClientId });

        Assert.Equal(("stvpcep01", ClientId), (queue.AccountName, queue.ClientId));
        Assert.Null(queue.ConnectionString);
    }

    [Fact]
    public void A_section_naming_its_own_account_keeps_it_and_an_invalid_fallback_is_not_copied()
    {
        var own = new Settings { ConnectionString = StorageConnection.DevelopmentStorage };
        StorageConnection.FallBack(own, new Settings { AccountName = "stvpcep01" });
        var empty = new Settings();
        StorageConnection.FallBack(empty, new Settings { ConnectionString = StorageConnection.DevelopmentStorage, AccountName = "stvpcep01" });

        Assert.Equal((StorageConnection.DevelopmentStorage, null), (own.ConnectionString, own.AccountName));
        Assert.False(StorageConnection.IsSet(empty));
    }

    [Fact]
    public void A_connection_copies_into_settings_that_read_back_the_same()
    {
        var settings = new Settings { ConnectionString = "left over" };

        StorageConnection.FromIdentity("stvpcep01", ClientId).CopyTo(settings);

        Assert.Equal((null, "stvpcep01", ClientId), (settings.ConnectionString, settings.AccountName, settings.ClientId));
        Assert.Equal("account 'stvpcep01' with managed identity '" + ClientId + "'", StorageConnection.From(settings)!.ToString());
    }

    [Fact]
    public void Describing_a_connection_string_never_shows_it()
    {
        string text = StorageConnection.FromConnectionString("DefaultEndpointsProtocol=https;AccountName=stvpcep01;AccountKey=c2VjcmV0").ToString();

        Assert.DoesNotContain("c2VjcmV0", text, StringComparison.Ordinal);
    }

    // Azure Functions' connection settings: AzureWebJobsStorage as a value, or AzureWebJobsStorage__accountName (read as
    // the configuration key AzureWebJobsStorage:accountName) with __credential and __clientId.
    [Fact]
    public void A_functions_connection_string_setting_is_a_connection_string()
    {
        StorageConnection? connection = StorageConnection.FromFunctionsConnection(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), "AzureWebJobsStorage");

        Assert.Equal(StorageConnection.DevelopmentStorage, connection?.ConnectionString);
    }

    [Fact]
    public void A_functions_identity_based_connection_with_a_user_assigned_identity_uses_its_client_id()
    {
        StorageConnection? connection = StorageConnection.FromFunctionsConnection(
            Configuration(("AzureWebJobsStorage:accountName", "stvpcep01"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", ClientId)),
            "AzureWebJobsStorage");

        Assert.Equal(("stvpcep01", ClientId), (connection?.AccountName, connection?.ClientId));
        Assert.IsType<ManagedIdentityCredential>(connection?.Credential);
    }

    [Fact]
    public void A_functions_client_id_counts_only_with_the_managed_identity_credential()
    {
        StorageConnection? connection = StorageConnection.FromFunctionsConnection(
            Configuration(("AzureWebJobsStorage:accountName", "stvpcep01"), ("AzureWebJobsStorage:clientId", ClientId)), "AzureWebJobsStorage");

        Assert.Equal("stvpcep01", connection?.AccountName);
        Assert.Null(connection?.ClientId);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https://stvpcep01.blob.core.windows.net/")]
    [InlineData("AzureWebJobsStorage", "not a connection string")]
    [InlineData("SomethingElse", "UseDevelopmentStorage=true")]
    public void Other_functions_settings_name_no_account_here(string key, string value)
    {
        Assert.Null(StorageConnection.FromFunctionsConnection(Configuration((key, value)), "AzureWebJobsStorage"));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
