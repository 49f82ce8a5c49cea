using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.DurableTask.AzureStorage;
using Vpcep.SelfHost.Queues;
using Vpcep.SharedPacing;
using Vpcep.StorageAccounts;

namespace Vpcep.SelfHost.Tests;

/// <summary>
/// The self-host reaches its storage with a connection string or with a Microsoft Entra identity
/// (<c>DurableTask:AccountName</c>, <c>DurableTask:ClientId</c>); the queue, its batches, the create attempts and the
/// pacing schedule use the task hub's account in the same form unless their sections name another. The host is built,
/// never started: nothing connects and no token is asked for.
/// </summary>
public sealed class StorageIdentityTests
{
    private const string ClientId = "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45";

    [Fact]
    public async Task A_task_hub_reached_with_a_managed_identity_passes_the_start_and_every_section_shares_its_account()
    {
        await using WebApplication app = SelfHostApp.Build(
            ["--urls=http://127.0.0.1:0", "--DurableTask:AccountName=stvpcep01", $"--DurableTask:ClientId={ClientId}"]);

        app.Services.GetRequiredService<IStartupValidator>().Validate();

        StorageConnection taskHub = app.Services.GetRequiredService<IOptions<AzureStorageDurableOptions>>().Value.Connection();
        StorageConnection queue = app.Services.GetRequiredService<IOptions<QueueListenerOptions>>().Value.Connection();
        SharedPacingOptions pacing = app.Services.GetRequiredService<IOptions<SharedPacingOptions>>().Value;
        Assert.Equal(("stvpcep01", ClientId), (taskHub.AccountName, taskHub.ClientId));
        Assert.Equal(("stvpcep01", ClientId), (queue.AccountName, queue.ClientId));
        Assert.Equal((null, "stvpcep01", ClientId), (pacing.ConnectionString, pacing.AccountName, pacing.ClientId));
    }

    [Fact]
    public async Task A_queue_in_another_account_keeps_its_own_connection_string()
    {
        await using WebApplication app = SelfHostApp.Build(
            ["--urls=http://127.0.0.1:0", "--DurableTask:AccountName=stvpcep01", "--ProvisioningQueue:ConnectionString=UseDevelopmentStorage=true"]);

        app.Services.GetRequiredService<IStartupValidator>().Validate();

        QueueListenerOptions queue = app.Services.GetRequiredService<IOptions<QueueListenerOptions>>().Value;
        Assert.Equal((StorageConnection.DevelopmentStorage, null), (queue.ConnectionString, queue.AccountName));
    }

    [Theory]
    [InlineData("DurableTask")]
    [InlineData("ProvisioningQueue")]
    [InlineData("SharedPacing")]
    public async Task A_connection_string_and_an_account_name_in_one_section_stop_the_host_naming_both(string section)
    {
        await using WebApplication app = SelfHostApp.Build(
            ["--urls=http://127.0.0.1:0", $"--{section}:ConnectionString=UseDevelopmentStorage=true", $"--{section}:AccountName=stvpcep01"]);

        Exception error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        // The start reports every section that fails together (the pacing section, which takes the task hub's account,
        // reports the task hub's failure again).
        IEnumerable<string> failures = error is AggregateException all
            ? all.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            : Assert.IsType<OptionsValidationException>(error).Failures;
        Assert.Contains(failures, f => f.StartsWith($"{section}:ConnectionString and {section}:AccountName are both set", StringComparison.Ordinal));
    }
}
