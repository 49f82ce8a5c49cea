using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>The further delivery of an event: durable waits on the schedule, Retry-After, 410, giving up, redelivery.</summary>
public class DeliverNotificationOrchestratorTests
{
    private const string Hook = "https://hooks.example.test/vpcep";
    private static readonly DeliverySettings Settings = new(
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)], TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));

    private readonly FakeOrchestration orchestration = new();
    private readonly NotificationDocument document = NotificationDocument.For(new ProvisioningOutcome { InstanceId = FakeOrchestration.InstanceId, Result = ProvisioningResult.Accepted });
    private readonly Queue<NotificationAttempt> answers = new();

    public DeliverNotificationOrchestratorTests() =>
        orchestration.OnActivity(nameof(NotifyActivity), input =>
        {
            NotificationAttempt next = answers.Dequeue();
            return next with { At = orchestration.Now, Channel = ((NotificationInput)input!).Channel };
        });

    private NotificationAttempt Failed(int status = 503, double? retryAfter = null) =>
        new(orchestration.Now, NotificationChannels.Webhook, DeliveryVerdicts.Retry, status, $"answered {status}", retryAfter);

    private NotificationAttempt Ok() => new(orchestration.Now, NotificationChannels.Webhook, DeliveryVerdicts.Delivered, 200);

    private DeliveryInput Input(bool attemptNow = false, params ChannelDelivery[] channels) =>
        new(document, channels.Length > 0 ? channels : [new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, Hook), [Failed()])], Settings, 0, attemptNow);

    private Task<NotificationReport> RunAsync(DeliveryInput input) => new DeliverNotificationOrchestrator().RunAsync(orchestration.Context, input);

    [Fact]
    public async Task Attempts_wait_on_the_schedule_until_one_succeeds_then_stop()
    {
        answers.Enqueue(Failed());
        answers.Enqueue(Ok());

        NotificationReport report = await RunAsync(Input());

        Assert.Equal([FakeOrchestration.Start.AddSeconds(5), FakeOrchestration.Start.AddSeconds(5).AddMinutes(5)], orchestration.Timers);
        Assert.True(report.Delivered);
        Assert.Equal(NotificationStates.Delivered, report.State);
        ChannelReport channel = Assert.Single(report.Channels!);
        Assert.Equal([DeliveryVerdicts.Retry, DeliveryVerdicts.Retry, DeliveryVerdicts.Delivered], channel.Attempts.Select(a => a.Verdict));
        Assert.Equal(FakeOrchestration.InstanceId, report.DeliveryInstanceId);
        Assert.Equal(document.EventId, report.EventId);
    }

    [Fact]
    public async Task While_waiting_the_custom_status_says_retrying_and_when_the_next_attempt_is_due()
    {
        answers.Enqueue(Ok());

        await RunAsync(Input());

        var first = Assert.IsType<NotificationReport>(orchestration.OtherStatuses[0]);
        Assert.Equal(NotificationStates.Retrying, first.State);
        Assert.Equal(new DateTimeOffset(FakeOrchestration.Start.AddSeconds(5), TimeSpan.Zero), first.NextAttemptAt);
        Assert.Equal(NotificationStates.Delivered, Assert.IsType<NotificationReport>(orchestration.OtherStatuses[^1]).State);
    }

    [Fact]
    public async Task After_the_whole_schedule_the_delivery_has_failed_and_says_so()
    {
        answers.Enqueue(Failed());
        answers.Enqueue(Failed());
        answers.Enqueue(Failed(500));

        NotificationReport report = await RunAsync(Input());

        Assert.Equal(3, orchestration.Timers.Count);
        Assert.False(report.Delivered);
        Assert.Equal(NotificationStates.Failed, report.State);
        Assert.Equal("answered 500", report.Error);
        Assert.Equal(4, Assert.Single(report.Channels!).Attempts.Count);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_schedule_is_honoured_up_to_the_limit()
    {
        var first = new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, Hook), [Failed(429, retryAfter: 120)]);
        answers.Enqueue(Failed(503, retryAfter: 3600));
        answers.Enqueue(Ok());

        await RunAsync(Input(false, first));

        // 120 s instead of the scheduled 5 s; then 1 h asked, cut to the 10 min limit (the schedule's 5 min is shorter).
        Assert.Equal([FakeOrchestration.Start.AddSeconds(120), FakeOrchestration.Start.AddSeconds(120).AddMinutes(10)], orchestration.Timers);
    }

    [Fact]
    public void A_retry_after_shorter_than_the_schedule_does_not_hurry_it()
    {
        Assert.Equal(
            TimeSpan.FromMinutes(5),
            DeliverNotificationOrchestrator.WaitBefore(
                TimeSpan.FromMinutes(5), [new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, Hook), [Failed(429, retryAfter: 1)])], TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Gone_stops_that_channel_while_the_others_go_on()
    {
        var webhook = new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, Hook), [Failed()]);
        var queue = new ChannelDelivery(new NotificationTarget(NotificationChannels.Queue, "vpcep-outcomes"), [Failed()]);
        answers.Enqueue(new NotificationAttempt(orchestration.Now, NotificationChannels.Webhook, DeliveryVerdicts.Gone, 410));
        answers.Enqueue(Failed());
        answers.Enqueue(Ok());

        NotificationReport report = await RunAsync(Input(false, webhook, queue));

        Assert.Equal([NotificationStates.Gone, NotificationStates.Delivered], report.Channels!.Select(c => c.State));
        Assert.Equal(NotificationStates.Gone, report.State);
        Assert.False(report.Delivered);
        Assert.Equal(2, report.Channels![0].Attempts.Count);
        Assert.Equal(3, report.Channels![1].Attempts.Count);
    }

    [Fact]
    public async Task A_redelivery_attempts_at_once_even_a_channel_that_was_delivered_and_keeps_the_earlier_attempts()
    {
        var delivered = new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, Hook), [Ok()], Reopened: true);
        answers.Enqueue(Ok());

        NotificationReport report = await RunAsync(Input(true, delivered));

        Assert.Empty(orchestration.Timers);
        Assert.Equal(2, Assert.Single(report.Channels!).Attempts.Count);
        Assert.True(report.Delivered);
    }

    [Fact]
    public async Task A_timer_that_fires_early_is_waited_again_so_an_attempt_is_never_early()
    {
        orchestration.TimersFireEarlyBy = TimeSpan.FromSeconds(1);
        answers.Enqueue(Ok());

        await RunAsync(Input());

        Assert.Equal([FakeOrchestration.Start.AddSeconds(5), FakeOrchestration.Start.AddSeconds(5)], orchestration.Timers);
        Assert.Equal(FakeOrchestration.Start.AddSeconds(5), orchestration.Calls.Single().At);
    }

    [Fact]
    public void The_report_redacts_webhook_credentials_and_names_the_first_failing_channels_error()
    {
        var channel = new ChannelDelivery(new NotificationTarget(NotificationChannels.Webhook, "https://bot:pw@hooks.example.test/x?token=1"), [Failed()]);

        NotificationReport report = NotificationDelivery.Report("evt", [channel]);

        Assert.Equal("https://hooks.example.test/x?***", report.Target);
        Assert.Equal("https://hooks.example.test/x?***", Assert.Single(report.Channels!).Target);
        Assert.Equal(NotificationStates.Retrying, report.State);
        Assert.Equal("answered 503", report.Error);
    }
}
