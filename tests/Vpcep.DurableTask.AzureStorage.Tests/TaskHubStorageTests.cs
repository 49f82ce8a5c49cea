using Azure.Identity;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.StorageAccounts;

namespace Vpcep.DurableTask.AzureStorage.Tests;

/// <summary>
/// The task hub's storage account is named in one of two forms, <c>DurableTask:ConnectionString</c> or
/// <c>DurableTask:AccountName</c> (with <c>DurableTask:ClientId</c> for a user-assigned managed identity), and the task
/// hub's clients are made from it by <see cref="StorageConnection"/>. Nothing here connects or asks for a token.
/// </summary>
public sealed class TaskHubStorageTests
{
    private const string ClientId = "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45";

    [Fact]
    public void With_neither_form_the_task_hub_is_on_azurite()
    {
        StorageConnection connection = new AzureStorageDurableOptions().Connection();

        Assert.Equal(StorageConnection.DevelopmentStorage, connection.ConnectionString);
        Assert.False(connection.UsesIdentity);
    }

    [Fact]
    public void An_account_name_and_a_client_id_pass_the_start_and_name_a_managed_identity()
    {
        using ServiceProvider services = Services(new()
        {
            ["DurableTask:AccountName"] = "stvpcep01",
            ["DurableTask:ClientId"] = ClientId,
        });

        StorageConnection connection = services.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value.Connection();

        Assert.Equal(("stvpcep01", ClientId), (connection.AccountName, connection.ClientId));
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void A_connection_string_and_an_account_name_together_stop_the_host_naming_both()
    {
        using ServiceProvider services = Services(new()
        {
            ["DurableTask:ConnectionString"] = "UseDevelopmentStorage=true",
            ["DurableTask:AccountName"] = "stvpcep01",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("DurableTask:ConnectionString and DurableTask:AccountName are both set", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_task_hub_clients_of_an_identity_based_account_are_made_on_its_endpoints()
    {
        StorageAccountClientProvider clients = StorageConnectionClients.For(StorageConnection.FromIdentity("stvpcep01", ClientId));

        Assert.Equal(new Uri("https://stvpcep01.blob.core.windows.net/"), clients.Blob.CreateClient(clients.Blob.CreateOptions()).Uri);
        Assert.Equal(new Uri("https://stvpcep01.queue.core.windows.net/"), clients.Queue.CreateClient(clients.Queue.CreateOptions()).Uri);
        Assert.Equal(new Uri("https://stvpcep01.table.core.windows.net/"), clients.Table.CreateClient(clients.Table.CreateOptions()).Uri);
    }

    [Fact]
    public void The_task_hub_clients_of_a_connection_string_are_made_from_it_with_plain_queue_messages()
    {
        StorageAccountClientProvider clients = StorageConnectionClients.For(StorageConnection.Development);

        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", clients.Queue.CreateClient(clients.Queue.CreateOptions()).Uri.ToString().TrimEnd('/'));
        Assert.Equal(QueueMessageEncoding.None, clients.Queue.CreateOptions().MessageEncoding);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAzureStorageDurableTask(configuration).BuildServiceProvider();
    }
}
