using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Vpcep.Storage;

namespace Vpcep.EndToEnd.Tests;

/// <summary>Create attempts recorded in a table of real Azurite.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TableCreateAttemptsTests : IAsyncLifetime
{
    private AzuriteProcess azurite = null!;

    public async Task InitializeAsync() => azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    private TableCreateAttempts Attempts(string taskHub) => new(
        new TableClient(azurite.ConnectionString, CreateAttemptsServiceCollectionExtensions.TableNameFor(taskHub)), NullLogger<TableCreateAttempts>.Instance);

    [Fact]
    public async Task The_first_run_of_a_request_is_told_nothing_ran_before_and_every_later_run_is_told_one_may_have()
    {
        TableCreateAttempts attempts = Attempts("hubA");

        Assert.False(await attempts.MayHaveRunBeforeAsync("vpcep-0001", CancellationToken.None));
        Assert.True(await attempts.MayHaveRunBeforeAsync("vpcep-0001", CancellationToken.None));
        Assert.True(await Attempts("hubA").MayHaveRunBeforeAsync("vpcep-0001", CancellationToken.None));
        Assert.False(await attempts.MayHaveRunBeforeAsync("vpcep-0002", CancellationToken.None));
    }

    [Fact]
    public async Task Task_hubs_keep_their_records_apart()
    {
        Assert.False(await Attempts("hubA").MayHaveRunBeforeAsync("vpcep-0001", CancellationToken.None));
        Assert.False(await Attempts("hub-b").MayHaveRunBeforeAsync("vpcep-0001", CancellationToken.None));
    }

    [Fact]
    public async Task Unreachable_storage_answers_that_an_earlier_run_may_have_happened()
    {
        var unreachable = new TableCreateAttempts(
            new TableClient(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/devstoreaccount1/Nowhere"), "Nowhere",
                new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
                new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } }),
            NullLogger<TableCreateAttempts>.Instance);

        Assert.True(await unreachable.MayHaveRunBeforeAsync("vpcep-0001", CancellationToken.None));
    }

    [Theory]
    [InlineData("VpcepProvisioning", "VpcepProvisioningCreateAttempts")]
    [InlineData("e2e-1f2a", "e2e1f2aCreateAttempts")]
    [InlineData("7hub", "Hub7hubCreateAttempts")]
    public void Table_names_follow_the_task_hub_within_storage_rules(string taskHub, string expected)
    {
        Assert.Equal(expected, CreateAttemptsServiceCollectionExtensions.TableNameFor(taskHub));
    }
}
