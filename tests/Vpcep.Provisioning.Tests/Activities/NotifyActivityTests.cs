using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Activities;

public class NotifyActivityTests
{
    private readonly CallbackNotifier notifier = Substitute.For<CallbackNotifier>(Substitute.For<IHttpClientFactory>(), Options.Create(new ProvisioningOptions()));
    private readonly ProvisioningOutcome outcome = new() { InstanceId = "vpcep-0123456789abcdef0123456789abcdef", Result = ProvisioningResult.Accepted };

    [Fact]
    public async Task The_outcome_is_sent_to_the_callback_url()
    {
        var activity = new NotifyActivity(notifier);

        bool delivered = await activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput("https://hooks.example.test/vpcep", outcome));

        Assert.True(delivered);
        await notifier.Received(1).SendAsync(new Uri("https://hooks.example.test/vpcep"), outcome, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_delivery_throws_so_the_orchestrator_retries()
    {
        notifier.SendAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("refused"));
        var activity = new NotifyActivity(notifier);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput("https://hooks.example.test/vpcep", outcome)));
    }
}
