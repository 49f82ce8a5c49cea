using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.SelfHost.Queues;

namespace Vpcep.SelfHost.Tests;

public sealed class QueueListenerOptionsTests
{
    private static QueueListenerOptions Bound(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using ServiceProvider services = new ServiceCollection().AddStorageQueueListener(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<QueueListenerOptions>>().Value;
    }

    [Fact]
    public void The_defaults_are_runnable_and_match_functions_conventions()
    {
        QueueListenerOptions options = Bound();

        Assert.Equal("vpcep-provisioning-requests-poison", options.PoisonQueueName);
        Assert.Equal(5, options.MaxDequeueCount);
    }

    [Theory]
    [InlineData("ProvisioningQueue:BatchSize", "33")]
    [InlineData("ProvisioningQueue:BatchSize", "0")]
    [InlineData("ProvisioningQueue:MaxDequeueCount", "0")]
    [InlineData("ProvisioningQueue:VisibilityTimeout", "00:00:00")]
    [InlineData("ProvisioningQueue:MinPollingInterval", "00:00:10")]
    [InlineData("ProvisioningQueue:QueueName", " ")]
    public void Settings_the_listener_cannot_run_with_are_refused_when_read(string key, string value) =>
        Assert.Throws<OptionsValidationException>(() => Bound((key, value)));
}
