using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>
/// A message to publish to an SMN topic (<see cref="SmnClient.PublishMessageAsync"/>). Give one of
/// <see cref="Message"/>, <see cref="MessageStructure"/> or <see cref="MessageTemplateName"/>; when several are
/// given SMN uses <c>message_structure</c>, then <c>message_template_name</c>, then <c>message</c>.
/// </summary>
/// <remarks>
/// Fields and limits: Huawei Cloud SMN API reference, "Publishing a Message"
/// (<c>POST /v2/{project_id}/notifications/topics/{topic_urn}/publish</c>), and the official SDK models
/// <c>PublishMessageRequestBody</c> (huaweicloud-sdk-go-v3 <c>services/smn/v2/model/model_publish_message_request_body.go</c>,
/// huaweicloud-sdk-python-v3 <c>huaweicloudsdksmn/v2/model/publish_message_request_body.py</c>). Where they differ
/// this follows the stricter: the subject is at most 512 bytes (the API reference and the Python model say bytes, the
/// Go model says characters), the time to live at most a day (both SDK models: 3600*24; the Open Telekom Cloud
/// reference allows 3600*24*7).
/// </remarks>
public sealed record SmnMessage
{
    /// <summary>The longest <see cref="Subject"/>, in UTF-8 bytes ("The length of the subject cannot exceed 512 bytes").</summary>
    public const int MaxSubjectBytes = 512;

    /// <summary>
    /// The longest <see cref="Message"/>, in UTF-8 bytes ("UTF-8 ... at most 256KB"; read as 256 KiB, the larger
    /// reading: a message between the two is refused by SMN itself with <c>SMN.0009</c>).
    /// </summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The longest <see cref="TimeToLive"/> (the SDK models: "小于等于3600*24").</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromDays(1);

    /// <summary>The subject, used as the e-mail subject for e-mail subscribers; at most <see cref="MaxSubjectBytes"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>The text sent to every subscriber; UTF-8, at most <see cref="MaxMessageBytes"/>.</summary>
    public string? Message { get; init; }

    /// <summary>A JSON object (as a string) with a message per protocol and a mandatory <c>default</c>.</summary>
    public string? MessageStructure { get; init; }

    /// <summary>The name of a message template of the account.</summary>
    public string? MessageTemplateName { get; init; }

    /// <summary>The values of the template's parameters (with <see cref="MessageTemplateName"/>).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>How long SMN keeps trying to deliver the message (whole seconds, at most <see cref="MaxTimeToLive"/>); SMN's default is an hour.</summary>
    public TimeSpan? TimeToLive { get; init; }
}

/// <summary>
/// The answer of a publish (SDK model <c>PublishMessageResponse</c>: <c>request_id</c>, <c>message_id</c>). Once the
/// message id is returned SMN has stored the message and delivers it to the topic's subscribers.
/// </summary>
public sealed record SmnPublishResult
{
    /// <summary>The message's unique id.</summary>
    [JsonPropertyName("message_id")] public string MessageId { get; init; } = "";

    /// <summary>The request's unique id, for support tickets.</summary>
    [JsonPropertyName("request_id")] public string? RequestId { get; init; }
}

/// <summary>
/// The wire body of the publish call, field for field the SDK models' <c>PublishMessageRequestBody</c>
/// (<c>time_to_live</c> is a string of seconds there). <see cref="SmnClient"/> builds it from an <see cref="SmnMessage"/>.
/// </summary>
public sealed record SmnPublishRequestBody
{
    /// <summary><c>subject</c>.</summary>
    [JsonPropertyName("subject")] public string? Subject { get; init; }

    /// <summary><c>message</c>.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary><c>message_structure</c>.</summary>
    [JsonPropertyName("message_structure")] public string? MessageStructure { get; init; }

    /// <summary><c>message_template_name</c>.</summary>
    [JsonPropertyName("message_template_name")] public string? MessageTemplateName { get; init; }

    /// <summary><c>tags</c>: the template's parameter values.</summary>
    [JsonPropertyName("tags")] public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary><c>time_to_live</c>: whole seconds, as a string.</summary>
    [JsonPropertyName("time_to_live")] public string? TimeToLive { get; init; }
}
