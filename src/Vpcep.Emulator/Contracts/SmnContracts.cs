namespace Vpcep.Emulator.Contracts;

/// <summary>Body of <c>POST /v2/{project_id}/notifications/topics/{topic_urn}/publish</c>.</summary>
public sealed class SmnPublishRequest
{
    public string? Subject { get; init; }
    public string? Message { get; init; }
}

/// <summary>Answer of the SMN publish call.</summary>
public sealed record SmnPublishResponse(string RequestId, string MessageId);

/// <summary>A published SMN message as the admin API lists it.</summary>
public sealed record SmnMessageBody(string MessageId, string ProjectId, string TopicUrn, string? Subject, string? Message, string PublishedAt);

/// <summary>Answer of <c>GET /_emulator/smn/messages</c>.</summary>
public sealed record SmnMessageListBody(IReadOnlyList<SmnMessageBody> Messages);
