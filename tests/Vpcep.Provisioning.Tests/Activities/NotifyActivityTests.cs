using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Activities;

public class NotifyActivityTests
{
    private const string Hook = "https://hooks.example.test/vpcep";
    private readonly INotificationChannel webhook = Channel(NotificationChannels.Webhook);
    private readonly INotificationChannel queue = Channel(NotificationChannels.Queue);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly ProvisioningOutcome outcome = new()
    {
        InstanceId = "vpcep-0123456789abcdef0123456789abcdef",
        Result = ProvisioningResult.Accepted,
        Notification = new NotificationReport(Hook, Delivered: false),
    };

    private readonly BatchOutcome batch = new() { BatchId = "nightly-7", Total = 2 };
    private readonly NotifyActivity activity;

    public NotifyActivityTests()
    {
        activity = new NotifyActivity([webhook, queue], time);
        webhook.DeliverAsync(Arg.Any<NotificationMessage>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(DeliveryResult.Delivered(200));
        queue.DeliverAsync(Arg.Any<NotificationMessage>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(DeliveryResult.Delivered());
    }

    private static INotificationChannel Channel(string name)
    {
        INotificationChannel channel = Substitute.For<INotificationChannel>();
        channel.Name.Returns(name);
        return channel;
    }

    [Fact]
    public async Task An_outcome_goes_to_the_named_channel_with_its_event_id_and_without_its_own_report()
    {
        NotificationAttempt attempt = await activity.RunAsync(
            Substitute.For<TaskActivityContext>(), new NotificationInput(NotificationChannels.Webhook, Hook, NotificationDocument.For(outcome)));

        Assert.Equal(new NotificationAttempt(time.GetUtcNow(), NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200), attempt);
        NotificationMessage sent = (NotificationMessage)webhook.ReceivedCalls().Single(c => c.GetMethodInfo().Name == nameof(INotificationChannel.DeliverAsync)).GetArguments()[0]!;
        Assert.Equal("outcome_" + outcome.InstanceId, sent.EventId);
        Assert.Equal(NotificationDocument.OutcomeType, sent.EventType);
        Assert.Equal(outcome.InstanceId, sent.Subject);
        using JsonDocument body = JsonDocument.Parse(sent.Body);
        Assert.Equal("accepted", body.RootElement.GetProperty("result").GetString());
        Assert.False(body.RootElement.TryGetProperty("notification", out _));
        await queue.DidNotReceiveWithAnyArgs().DeliverAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_batch_summary_is_sent_about_its_batch()
    {
        await activity.RunAsync(Substitute.For<TaskActivityContext>(), new NotificationInput(NotificationChannels.Queue, "vpcep-outcomes", NotificationDocument.For(batch)));

        await queue.Received(1).DeliverAsync(
            Arg.Is<NotificationMessage>(m => m.EventId == "batch_summary_nightly-7" && m.Subject == "nightly-7" && m.EventType == NotificationDocument.BatchSummaryType),
            "vpcep-outcomes",
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_attempt_is_recorded_with_its_status_error_and_retry_after_instead_of_throwing()
    {
        webhook.DeliverAsync(Arg.Any<NotificationMessage>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new DeliveryResult(DeliveryVerdicts.Retry, 503, "The callback answered 503.", TimeSpan.FromSeconds(30)));

        NotificationAttempt attempt = await activity.RunAsync(
            Substitute.For<TaskActivityContext>(), new NotificationInput(NotificationChannels.Webhook, Hook, NotificationDocument.For(outcome)));

        Assert.Equal(new NotificationAttempt(time.GetUtcNow(), NotificationChannels.Webhook, DeliveryVerdicts.Retry, 503, "The callback answered 503.", 30), attempt);
    }

    [Fact]
    public async Task A_channel_this_host_does_not_have_is_refused_naming_it()
    {
        NotificationAttempt attempt = await activity.RunAsync(
            Substitute.For<TaskActivityContext>(), new NotificationInput(NotificationChannels.Smn, "urn:smn:cn-north-4:6e9dfd51d1124e8d8498dce894923a0d:ops", NotificationDocument.For(outcome)));

        Assert.Equal(DeliveryVerdicts.Refused, attempt.Verdict);
        Assert.Contains("smn channel is not available", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_with_both_or_neither_outcome_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new NotificationDocument("e", "t", "s").Body());
        Assert.Throws<InvalidOperationException>(() => new NotificationDocument("e", "t", "s", outcome, batch).Body());
    }
}
