using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>The SMN channel over a substituted client: what it publishes where, and the verdict of every answer.</summary>
public class SmnNotificationChannelTests
{
    private const string Project = "6e9dfd51d1124e8d8498dce894923a0d";
    private const string Topic = "urn:smn:ap-southeast-3:" + Project + ":vpcep-outcomes";

    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly SmnClient client = Substitute.For<SmnClient>();
    private readonly SmnNotificationChannel channel;

    public SmnNotificationChannelTests()
    {
        channel = new SmnNotificationChannel(client, new FakeTimeProvider(Now));
        client.PublishMessageAsync(default!, default!, default!, default).ReturnsForAnyArgs(new SmnPublishResult { MessageId = "m1", RequestId = "r1" });
    }

    private static NotificationMessage Message(string body = """{"result":"accepted","instance_id":"vpcep-1"}""", string subject = "vpcep-1") =>
        new("outcome_" + subject, "provisioning.outcome", subject, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task It_publishes_the_envelope_with_the_event_id_to_the_topic_in_the_project_and_region_of_the_urn()
    {
        DeliveryResult result = await channel.DeliverAsync(Message(), Topic, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Delivered, result.Verdict);
        Assert.Equal(200, result.StatusCode);
        SmnMessage sent = (SmnMessage)client.ReceivedCalls().Single().GetArguments()[2]!;
        await client.Received(1).PublishMessageAsync(new ProjectScope(Project, "ap-southeast-3"), Topic, Arg.Any<SmnMessage>(), Arg.Any<CancellationToken>());
        Assert.Equal("provisioning.outcome: vpcep-1", sent.Subject);
        Assert.Null(sent.TimeToLive);
        using var envelope = JsonDocument.Parse(sent.Message!);
        Assert.Equal(["id", "type", "subject", "timestamp", "data"], envelope.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("outcome_vpcep-1", envelope.RootElement.GetProperty("id").GetString());
        Assert.Equal("provisioning.outcome", envelope.RootElement.GetProperty("type").GetString());
        Assert.Equal("vpcep-1", envelope.RootElement.GetProperty("subject").GetString());
        Assert.Equal(Now, envelope.RootElement.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("accepted", envelope.RootElement.GetProperty("data").GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("vpcep-events")]
    [InlineData("urn:smn:cn-north-4:" + Project)]
    [InlineData("urn:smn:cn-north-4:" + Project + ":has space")]
    [InlineData("urn:sns:cn-north-4:" + Project + ":topic")]
    [InlineData("")]
    public async Task A_target_that_is_not_a_topic_urn_is_refused_without_a_call(string target)
    {
        DeliveryResult result = await channel.DeliverAsync(Message(), target, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Refused, result.Verdict);
        Assert.Contains("not an SMN topic URN", result.Error, StringComparison.Ordinal);
        Assert.Empty(client.ReceivedCalls());
    }

    [Fact]
    public async Task A_body_over_256_KiB_in_its_envelope_is_refused_with_the_limit_named_without_a_call()
    {
        string body = JsonSerializer.Serialize(new { padding = new string('x', SmnMessage.MaxMessageBytes) });

        DeliveryResult result = await channel.DeliverAsync(Message(body), Topic, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Refused, result.Verdict);
        Assert.Contains("at most 262144", result.Error, StringComparison.Ordinal);
        Assert.Empty(client.ReceivedCalls());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused()
    {
        DeliveryResult result = await channel.DeliverAsync(Message("not json"), Topic, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Refused, result.Verdict);
        Assert.Empty(client.ReceivedCalls());
    }

    [Fact]
    public void A_long_subject_is_cut_to_512_bytes_on_a_character_boundary()
    {
        string subject = SmnNotificationChannel.SubjectOf(Message(subject: new string('\u00e9', 400)));

        Assert.True(Encoding.UTF8.GetByteCount(subject) <= SmnMessage.MaxSubjectBytes);
        Assert.True(Encoding.UTF8.GetByteCount(subject) >= SmnMessage.MaxSubjectBytes - 1);
        Assert.StartsWith("provisioning.outcome: \u00e9", subject, StringComparison.Ordinal);
        Assert.EndsWith("\u00e9", subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, HuaweiErrorCodes.SmnTopicNotFound, DeliveryVerdicts.Refused)]
    [InlineData(HttpStatusCode.BadRequest, HuaweiErrorCodes.SmnTopicUrnInvalid, DeliveryVerdicts.Refused)]
    [InlineData(HttpStatusCode.Forbidden, HuaweiErrorCodes.SmnMessageInvalid, DeliveryVerdicts.Refused)]
    [InlineData(HttpStatusCode.Forbidden, HuaweiErrorCodes.SmnSubjectInvalid, DeliveryVerdicts.Refused)]
    [InlineData(HttpStatusCode.NotFound, HuaweiErrorCodes.GatewayApiNotFound, DeliveryVerdicts.Refused)]
    [InlineData(HttpStatusCode.TooManyRequests, HuaweiErrorCodes.GatewayThrottled, DeliveryVerdicts.Retry)]
    [InlineData(HttpStatusCode.InternalServerError, HuaweiErrorCodes.SmnInternalError, DeliveryVerdicts.Retry)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, DeliveryVerdicts.Retry)]
    [InlineData(HttpStatusCode.Unauthorized, HuaweiErrorCodes.GatewayAuthenticationFailed, DeliveryVerdicts.Retry)]
    [InlineData(HttpStatusCode.Forbidden, HuaweiErrorCodes.SmnNoPermission, DeliveryVerdicts.Retry)]
    public async Task Each_error_answer_has_its_verdict_with_the_status_and_the_code_in_the_error(HttpStatusCode status, string? code, string verdict)
    {
        client.PublishMessageAsync(default!, default!, default!, default).ThrowsAsyncForAnyArgs(new HuaweiCloudException(status, code, "scripted", "req-9"));

        DeliveryResult result = await channel.DeliverAsync(Message(), Topic, CancellationToken.None);

        Assert.Equal(verdict, result.Verdict);
        Assert.Equal((int)status, result.StatusCode);
        Assert.Contains(Topic, result.Error, StringComparison.Ordinal);
        Assert.Contains(code ?? "(no code)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_whose_answer_cannot_be_read_was_published_and_is_delivered()
    {
        client.PublishMessageAsync(default!, default!, default!, default).ThrowsAsyncForAnyArgs(new HuaweiCloudException(HttpStatusCode.OK, null, "unreadable", null));

        DeliveryResult result = await channel.DeliverAsync(Message(), Topic, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Delivered, result.Verdict);
    }

    [Fact]
    public async Task No_answer_or_a_timeout_is_retried()
    {
        client.PublishMessageAsync(default!, default!, default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("Connection refused (smn.ap-southeast-3.myhuaweicloud.com:443)"));
        DeliveryResult unreachable = await channel.DeliverAsync(Message(), Topic, CancellationToken.None);
        client.PublishMessageAsync(default!, default!, default!, default).ThrowsAsyncForAnyArgs(new TaskCanceledException());
        DeliveryResult timedOut = await channel.DeliverAsync(Message(), Topic, CancellationToken.None);

        Assert.Equal(DeliveryVerdicts.Retry, unreachable.Verdict);
        Assert.Contains("Connection refused", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal(DeliveryVerdicts.Retry, timedOut.Verdict);
    }

    [Fact]
    public async Task Cancelling_the_attempt_throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        client.PublishMessageAsync(default!, default!, default!, default).ThrowsAsyncForAnyArgs(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channel.DeliverAsync(Message(), Topic, cancelled.Token));
    }

    [Fact]
    public void AddNotificationChannels_registers_the_smn_channel_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddNotificationChannels();
        services.AddNotificationChannels();

        using ServiceProvider provider = services.BuildServiceProvider();

        INotificationChannel smn = Assert.Single(provider.GetServices<INotificationChannel>());
        Assert.IsType<SmnNotificationChannel>(smn);
        Assert.Equal(NotificationChannels.Smn, smn.Name);
    }
}
