using System.Globalization;
using System.Text;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud;

/// <summary>
/// Client of the Huawei Cloud Simple Message Notification (SMN) API: publishing a message to a topic. It shares
/// the signed pipeline of <see cref="VpcepClient"/>; methods are virtual so callers can substitute it. Every error
/// answer surfaces as <see cref="HuaweiCloudException"/> (SMN's body is <c>{"request_id", "code", "message"}</c>,
/// SMN API reference, "Exception Response"; <see cref="HuaweiErrorCodes.SmnTopicNotFound"/> and its kin).
/// </summary>
public class SmnClient
{
    private readonly HuaweiApiPipeline pipeline;

    /// <summary>Used by <see cref="HuaweiCloudServiceCollectionExtensions.AddHuaweiCloud"/>; the pipeline is internal.</summary>
    internal SmnClient(HuaweiApiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        this.pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected SmnClient() => pipeline = null!;

    /// <summary>
    /// Publishes <paramref name="message"/> to the topic <paramref name="topicUrn"/>
    /// (<c>POST /v2/{project_id}/notifications/topics/{topic_urn}/publish</c>, SMN API reference "Publishing a
    /// Message") in the project and region of <paramref name="scope"/>; answers the message id and request id.
    /// </summary>
    /// <remarks>
    /// Sent once, never retried by the client (<see cref="Idempotency.NotIdempotent"/>): SMN takes no idempotency key,
    /// so a repeat after an answer was lost (a timeout, a dropped connection, a 5xx after the message was stored)
    /// publishes a second message to every subscriber. A caller whose receivers de-duplicate (the notification channel
    /// puts its event id in the message) tries again itself, on its own schedule; throttling (<c>APIG.0308</c>) and 5xx
    /// answers come back as <see cref="HuaweiCloudException"/> with <see cref="HuaweiCloudException.IsTransient"/> set.
    /// </remarks>
    /// <exception cref="ArgumentException">The message has no content, or a field is over the limits of <see cref="SmnMessage"/>.</exception>
    /// <exception cref="HuaweiCloudException">SMN or the API gateway answered an error.</exception>
    public virtual Task<SmnPublishResult> PublishMessageAsync(ProjectScope scope, string topicUrn, SmnMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicUrn);
        ArgumentNullException.ThrowIfNull(message);
        SmnPublishRequestBody body = BodyOf(message);
        Uri uri = pipeline.BuildUri(
            HuaweiEndpoints.Smn, scope.Region, $"/v2/{Uri.EscapeDataString(scope.ProjectId)}/notifications/topics/{UrnSegment(topicUrn)}/publish");
        return pipeline.PostAsync(
            uri, scope.ProjectId, body, HuaweiJsonContext.Default.SmnPublishRequestBody, HuaweiJsonContext.Default.SmnPublishResult, Idempotency.NotIdempotent, cancellationToken);
    }

    /// <summary>
    /// A topic URN as a path segment: percent-encoded like any segment, except the colons that separate its parts,
    /// which RFC 3986 allows in a path segment and which the API reference's example request and the official SDKs
    /// (huaweicloud-sdk-go-v3 <c>core/request/default_http_request.go</c> puts path parameters in the path as they
    /// are) send unencoded. The signature is the same either way: the canonical URI decodes then re-encodes every segment.
    /// </summary>
    internal static string UrnSegment(string topicUrn) => Uri.EscapeDataString(topicUrn).Replace("%3A", ":", StringComparison.Ordinal);

    private static SmnPublishRequestBody BodyOf(SmnMessage message)
    {
        if (string.IsNullOrEmpty(message.Message) && string.IsNullOrEmpty(message.MessageStructure) && string.IsNullOrEmpty(message.MessageTemplateName))
        {
            throw new ArgumentException("An SMN message needs a message, a message structure or a message template name.", nameof(message));
        }

        if (message.Subject is not null && Encoding.UTF8.GetByteCount(message.Subject) > SmnMessage.MaxSubjectBytes)
        {
            throw new ArgumentException($"The subject is longer than {SmnMessage.MaxSubjectBytes} bytes.", nameof(message));
        }

        if (message.Message is not null && Encoding.UTF8.GetByteCount(message.Message) > SmnMessage.MaxMessageBytes)
        {
            throw new ArgumentException($"The message is longer than {SmnMessage.MaxMessageBytes} bytes.", nameof(message));
        }

        string? timeToLive = null;
        if (message.TimeToLive is { } ttl)
        {
            if (ttl < TimeSpan.FromSeconds(1) || ttl > SmnMessage.MaxTimeToLive || ttl.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new ArgumentException($"The time to live must be whole seconds from 1 to {SmnMessage.MaxTimeToLive.TotalSeconds} (it is {ttl}).", nameof(message));
            }

            timeToLive = ((long)ttl.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return new SmnPublishRequestBody
        {
            Subject = message.Subject,
            Message = message.Message,
            MessageStructure = message.MessageStructure,
            MessageTemplateName = message.MessageTemplateName,
            Tags = message.Tags,
            TimeToLive = timeToLive,
        };
    }
}
