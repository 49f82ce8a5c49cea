using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// The <c>smn</c> channel: publishes the event to a Huawei SMN topic through the signed client
/// (<see cref="SmnClient.PublishMessageAsync"/>). The target is the topic's URN,
/// <c>urn:smn:{region}:{project_id}:{topic_name}</c> (<see cref="SmnTopicUrn"/>), and the publish goes to that project
/// in that region: the topic's own, whatever the request's endpoint project is.
/// </summary>
/// <remarks>
/// <para>
/// The message (SMN API reference, "Publishing a Message"): <c>message</c> is the JSON envelope of
/// <see cref="NotificationEnvelope"/> (event id, type, subject, timestamp and the document the webhook gets), so a
/// receiver de-duplicates on its <c>id</c>; <c>subject</c> is <c>"{type}: {subject}"</c>, cut to SMN's 512 bytes (it is the
/// e-mail subject for e-mail subscribers). An envelope over SMN's 256 KiB is refused, as is a target that is not a
/// topic URN. No <c>time_to_live</c> is sent: SMN keeps trying its subscribers for its default hour.
/// </para>
/// <para>
/// Verdicts: published, delivered (a success whose answer cannot be read was published too); throttling, a 5xx, a
/// timeout or no answer, retry (the client sends once, so a retry is this channel's, on the orchestration's schedule; a
/// repeat after a lost answer publishes twice, which the receiver's de-duplication absorbs); 401 and 403 (credentials,
/// a missing <c>smn:topic:publish</c> permission, a restricted account), retry too, since an operator can fix them while
/// the retries go on; any other answer (404 <c>SMN.0006</c> topic not found, 400 <c>SMN.0005</c> invalid URN, 403
/// <c>SMN.0008</c>/<c>SMN.0009</c> subject or message invalid, <c>APIG.0101</c> no such API in that region), refused.
/// </para>
/// </remarks>
public sealed class SmnNotificationChannel(SmnClient client, TimeProvider time) : INotificationChannel
{
    /// <inheritdoc/>
    public string Name => NotificationChannels.Smn;

    /// <inheritdoc/>
    public async Task<DeliveryResult> DeliverAsync(NotificationMessage message, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!SmnTopicUrn.TryParse(target, out SmnTopicUrn? topic))
        {
            return Refused($"'{target}' is not an SMN topic URN (urn:smn:{{region}}:{{project_id}}:{{topic_name}}).");
        }

        byte[] envelope;
        try
        {
            envelope = NotificationEnvelope.Write(message, time.GetUtcNow());
        }
        catch (JsonException ex)
        {
            return Refused("The notification's body is not JSON: " + ex.Message);
        }

        if (envelope.Length > SmnMessage.MaxMessageBytes)
        {
            return Refused(string.Create(
                CultureInfo.InvariantCulture,
                $"The notification is {envelope.Length} bytes; an SMN message holds at most {SmnMessage.MaxMessageBytes}."));
        }

        var smnMessage = new SmnMessage { Subject = SubjectOf(message), Message = Encoding.UTF8.GetString(envelope) };
        try
        {
            await client.PublishMessageAsync(new ProjectScope(topic.ProjectId, topic.Region), topic.ToString(), smnMessage, cancellationToken);
            return DeliveryResult.Delivered((int)HttpStatusCode.OK);
        }
        catch (HuaweiCloudException ex) when (ex.IsUnreadableSuccess)
        {
            return DeliveryResult.Delivered((int)ex.Status);
        }
        catch (HuaweiCloudException ex)
        {
            return VerdictOf(ex, topic);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryVerdicts.Retry, Error: $"SMN could not be reached for topic {topic}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryVerdicts.Retry, Error: $"SMN did not answer in time (HuaweiCloud:RequestTimeout) for topic {topic}.");
        }
    }

    /// <summary>
    /// <c>"{type}: {subject}"</c>, cut on a character boundary to <see cref="SmnMessage.MaxSubjectBytes"/> UTF-8 bytes.
    /// </summary>
    internal static string SubjectOf(NotificationMessage message)
    {
        string subject = $"{message.EventType}: {message.Subject}";
        if (Encoding.UTF8.GetByteCount(subject) <= SmnMessage.MaxSubjectBytes)
        {
            return subject;
        }

        var cut = new StringBuilder();
        int bytes = 0;
        foreach (Rune rune in subject.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > SmnMessage.MaxSubjectBytes)
            {
                break;
            }

            cut.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        return cut.ToString();
    }

    private static DeliveryResult VerdictOf(HuaweiCloudException error, SmnTopicUrn? topic)
    {
        int status = (int)error.Status;
        bool contentRefused = error.ErrorCode is HuaweiErrorCodes.SmnSubjectInvalid or HuaweiErrorCodes.SmnMessageInvalid;
        if (error.IsTransient)
        {
            return new DeliveryResult(DeliveryVerdicts.Retry, status, $"SMN could not take the message for topic {topic} now: {error.Message}");
        }

        if (error.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && !contentRefused)
        {
            return new DeliveryResult(
                DeliveryVerdicts.Retry, status, $"SMN refused this service's credentials or permissions for topic {topic} (an operator can fix them; retries go on): {error.Message}");
        }

        return new DeliveryResult(DeliveryVerdicts.Refused, status, $"SMN refused the message for topic {topic}: {error.Message}");
    }

    private static DeliveryResult Refused(string error) => new(DeliveryVerdicts.Refused, Error: error);
}
