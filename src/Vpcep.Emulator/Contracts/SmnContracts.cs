namespace Vpcep.Emulator.Contracts;

/// <summary>
/// Body of <c>POST /v2/{project_id}/notifications/topics/{topic_urn}/publish</c>: the fields of the SDK models'
/// <c>PublishMessageRequestBody</c> (huaweicloud-sdk-go-v3 and -python-v3, <c>smn/v2/model</c>).
/// </summary>
public sealed class SmnPublishRequest
{
    public string? Subject { get; init; }
    public string? Message { get; init; }
    public string? MessageStructure { get; init; }
    public string? MessageTemplateName { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? TimeToLive { get; init; }
}

/// <summary>Answer of the SMN publish call (SDK model <c>PublishMessageResponse</c>).</summary>
public sealed record SmnPublishResponse(string RequestId, string MessageId);

/// <summary>SMN's error body, <c>{"request_id", "code", "message"}</c> (SMN API reference, "Exception Response").</summary>
public sealed record SmnErrorBody(string RequestId, string Code, string Message);

/// <summary>A published SMN message as the admin API lists it.</summary>
public sealed record SmnMessageBody(string MessageId, string ProjectId, string TopicUrn, string? Subject, string? Message, string PublishedAt)
{
    /// <summary>The <c>time_to_live</c> the message was published with, when it had one.</summary>
    public string? TimeToLive { get; init; }
}

/// <summary>Answer of <c>GET /_emulator/smn/messages</c>.</summary>
public sealed record SmnMessageListBody(IReadOnlyList<SmnMessageBody> Messages);
