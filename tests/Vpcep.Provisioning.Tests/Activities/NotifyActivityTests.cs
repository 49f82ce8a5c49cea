using System.Net;
using System.Text.Json.Serialization.Metadata;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Activities;

public class NotifyActivityTests
{
    private const string Hook = "https://hooks.example.test/vpcep";
    private readonly CallbackNotifier notifier = Substitute.For<CallbackNotifier>(Substitute.For<IHttpClientFactory>(), Microsoft.Extensions.Options.Options.Create(new ProvisioningOptions()));
    private readonly ProvisioningOutcome outcome = new() { InstanceId = "vpcep-0123456789abcdef0123456789abcdef", Result = ProvisioningResult.Accepted };
    private readonly BatchOutcome batch = new() { BatchId = "nightly-7", Total = 2 };
    private readonly NotifyActivity activity;

    public NotifyActivityTests()
    {
        activity = new NotifyActivity(notifier);
        notifier.SendAsync(Arg.Any<Uri>(), Arg.Any<ProvisioningOutcome>(), Arg.Any<JsonTypeInfo<ProvisioningOutcome>>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(200);
        notifier.SendAsync(Arg.Any<Uri>(), Arg.Any<BatchOutcome>(), Arg.Any<JsonTypeInfo<BatchOutcome>>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(202);
    }

    [Fact]
    public async Task An_outcome_is_sent_to_the_callback_url_about_its_instance_and_the_receivers_answer_is_returned()
    {
        NotificationReceipt receipt = await activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput(Hook, Outcome: outcome));

        Assert.Equal(200, receipt.StatusCode);
        await notifier.Received(1).SendAsync(new Uri(Hook), outcome, Arg.Any<JsonTypeInfo<ProvisioningOutcome>>(), outcome.InstanceId, "outcome_" + outcome.InstanceId, Arg.Any<CancellationToken>());
        await notifier.DidNotReceiveWithAnyArgs().SendAsync<BatchOutcome>(default!, default!, default!, default!, default!, default);
    }

    [Fact]
    public async Task A_batch_summary_is_sent_about_its_batch()
    {
        NotificationReceipt receipt = await activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput(Hook, BatchOutcome: batch));

        Assert.Equal(202, receipt.StatusCode);
        await notifier.Received(1).SendAsync(new Uri(Hook), batch, Arg.Any<JsonTypeInfo<BatchOutcome>>(), "nightly-7", "batch_summary_nightly-7", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_notification_with_both_documents_or_none_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput(Hook)));
        await Assert.ThrowsAsync<ArgumentException>(() => activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput(Hook, outcome, batch)));
    }

    [Fact]
    public async Task A_failed_delivery_throws_so_the_orchestrator_retries()
    {
        notifier.SendAsync(Arg.Any<Uri>(), Arg.Any<ProvisioningOutcome>(), Arg.Any<JsonTypeInfo<ProvisioningOutcome>>(), Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new HttpRequestException("refused", null, HttpStatusCode.ServiceUnavailable));

        await Assert.ThrowsAsync<HttpRequestException>(() => activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput(Hook, Outcome: outcome)));
    }
}
