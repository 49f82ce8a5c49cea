using System.Text.Json.Nodes;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>Where an outcome goes: the request's channels or the configured ones, each with its target.</summary>
public class NotificationPlanTests
{
    private const string Hook = "https://hooks.example.test/vpcep";
    private const string Topic = "urn:smn:cn-north-4:6e9dfd51d1124e8d8498dce894923a0d:vpcep-events";

    private static NotificationOptions Options(string? smnTopic = null, params string[] defaults)
    {
        var options = new NotificationOptions { SmnTopicUrn = smnTopic };
        foreach (string channel in defaults)
        {
            options.DefaultChannels.Add(channel);
        }

        return options;
    }

    private static ProvisioningRequest Request(string? callback = Hook, NotifyRequest? notify = null) =>
        RequestDocuments.Request() with { CallbackUrl = callback, Notify = notify };

    [Fact]
    public void Without_a_choice_the_outcome_goes_to_the_webhook_at_the_requests_callback_url()
    {
        NotificationPlan plan = NotificationPlan.For(Request(), null, Options());

        Assert.Equal([new NotificationTarget(NotificationChannels.Webhook, Hook)], plan.Targets);
        Assert.Empty(plan.Errors);
        Assert.False(plan.FollowPendingAcceptance);
    }

    [Fact]
    public void The_default_callback_url_stands_in_for_a_missing_one()
    {
        NotificationPlan plan = NotificationPlan.For(Request(callback: null), "https://default.example.test/hook", Options());

        Assert.Equal([new NotificationTarget(NotificationChannels.Webhook, "https://default.example.test/hook")], plan.Targets);
    }

    [Fact]
    public void Configured_channels_without_a_target_are_left_out_silently()
    {
        NotificationPlan plan = NotificationPlan.For(Request(callback: null), null, Options(null, NotificationChannels.Webhook, NotificationChannels.Queue));

        Assert.Equal([new NotificationTarget(NotificationChannels.Queue, "vpcep-outcomes")], plan.Targets);
        Assert.Empty(plan.Errors);
    }

    [Fact]
    public void A_request_naming_its_channels_gets_them_with_its_own_topic()
    {
        NotificationPlan plan = NotificationPlan.For(
            Request(notify: new NotifyRequest { Channels = [NotificationChannels.Queue, NotificationChannels.Smn], SmnTopicUrn = Topic, FollowPendingAcceptance = true }),
            null,
            Options());

        Assert.Equal([new NotificationTarget(NotificationChannels.Queue, "vpcep-outcomes"), new NotificationTarget(NotificationChannels.Smn, Topic)], plan.Targets);
        Assert.True(plan.FollowPendingAcceptance);
    }

    [Fact]
    public void A_channel_the_request_names_without_a_target_anywhere_is_an_error_naming_what_is_missing()
    {
        NotificationPlan plan = NotificationPlan.For(
            Request(callback: null, new NotifyRequest { Channels = [NotificationChannels.Webhook, NotificationChannels.Smn] }), null, Options(), "/requests/2");

        Assert.Equal(
            [("/requests/2/notify/channels", ValidationCodes.MissingNotificationTarget), ("/requests/2/notify/channels", ValidationCodes.MissingNotificationTarget)],
            plan.Errors.PointersAndCodes());
        Assert.Contains("callback_url", plan.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("smn_topic_urn", plan.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configured_topic_serves_a_request_that_names_smn_without_one()
    {
        NotificationPlan plan = NotificationPlan.For(Request(notify: new NotifyRequest { Channels = [NotificationChannels.Smn] }), null, Options(Topic));

        Assert.Equal([new NotificationTarget(NotificationChannels.Smn, Topic)], plan.Targets);
    }

    [Theory]
    [InlineData("""{"channels": ["webhook", "fax"]}""", "/notify/channels/1", ValidationCodes.InvalidNotificationChannel)]
    [InlineData("""{"channels": ["queue", "queue"]}""", "/notify/channels/1", ValidationCodes.InvalidNotificationChannel)]
    [InlineData("""{"channels": []}""", "/notify/channels", ValidationCodes.InvalidNotificationChannel)]
    [InlineData("""{"smn_topic_urn": "arn:aws:sns:us-east-1:1:x"}""", "/notify/smn_topic_urn", ValidationCodes.InvalidSmnTopicUrn)]
    [InlineData("""{"channel": ["queue"]}""", "/notify/channel", ValidationCodes.UnknownField)]
    public void The_parser_refuses_a_bad_notify_member_naming_where(string notify, string pointer, string code)
    {
        JsonObject document = RequestDocuments.Seed();
        document["notify"] = JsonNode.Parse(notify);

        ParseResult parsed = RequestDocuments.Parser().Parse(document);

        Assert.Contains((pointer, code), parsed.Errors.PointersAndCodes());
        Assert.False(parsed.IsValid);
    }

    [Fact]
    public void The_parser_reads_a_good_notify_member()
    {
        JsonObject document = RequestDocuments.Seed();
        document["notify"] = JsonNode.Parse($$"""{"channels": ["webhook", "smn"], "smn_topic_urn": "{{Topic}}", "follow_pending_acceptance": true}""");

        ParseResult parsed = RequestDocuments.Parser().Parse(document);

        Assert.Empty(parsed.Errors);
        Assert.Equal([NotificationChannels.Webhook, NotificationChannels.Smn], parsed.Request!.Notify!.Channels);
        Assert.Equal(Topic, parsed.Request.Notify.SmnTopicUrn);
        Assert.True(parsed.Request.Notify.FollowPendingAcceptance);
    }
}
