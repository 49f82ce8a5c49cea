using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Provisioning.Tests.Options;

/// <summary><see cref="QueueMessageOptions"/> (the <c>ProvisioningQueue</c> section) is checked when the host starts.</summary>
public class QueueMessageOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new QueueMessageOptionsValidator().Validate(null, new QueueMessageOptions()).Succeeded);
    }

    [Fact]
    public void A_batch_of_one_item_is_valid()
    {
        using ServiceProvider services = Services(new() { ["ProvisioningQueue:MaxBatchItems"] = "1" });

        Assert.Equal(1, services.GetRequiredService<IOptions<QueueMessageOptions>>().Value.MaxBatchItems);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_batch_limit_below_one_is_refused_with_a_message_naming_it(string value)
    {
        using ServiceProvider services = Services(new() { ["ProvisioningQueue:MaxBatchItems"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueueMessageOptions>>().Value);

        Assert.Contains("ProvisioningQueue:MaxBatchItems ", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains("ProvisioningQueue:MaxBatchItems ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_byte_limit_below_what_one_queue_message_holds_is_refused_naming_it()
    {
        using ServiceProvider services = Services(new() { ["ProvisioningQueue:MaxBatchBytes"] = "1000" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QueueMessageOptions>>().Value);

        Assert.Contains("ProvisioningQueue:MaxBatchBytes must be at least 65536", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_batch_byte_limit_has_room_for_500_items_of_16_KiB()
    {
        Assert.True(new QueueMessageOptions().MaxBatchBytes >= 500 * 16 * 1024);
    }

    [Fact]
    public void Without_blob_storage_the_workflow_refuses_batch_references()
    {
        using ServiceProvider services = Services([]);

        Assert.IsType<NoBatchDocumentReader>(services.GetRequiredService<IBatchDocumentReader>());
    }

    [Fact]
    public void The_check_runs_when_the_host_starts()
    {
        using ServiceProvider services = Services(new() { ["ProvisioningQueue:MaxBatchItems"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(QueueMessageOptions), error.OptionsType);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddProvisioning(configuration).BuildServiceProvider();
    }
}
