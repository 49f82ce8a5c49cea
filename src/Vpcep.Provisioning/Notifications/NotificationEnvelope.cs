using System.Text.Json;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// The JSON envelope the queue and SMN channels send, which carry no headers of their own: the event's id (the
/// receiver's de-duplication key, the webhook's <c>webhook-id</c>), its type and subject, when it was sent, and the
/// document the webhook gets as its body, unchanged:
/// <code>{"id": "outcome_vpcep-...", "type": "provisioning.outcome", "subject": "vpcep-...", "timestamp": "2025-01-01T00:00:00Z", "data": {...}}</code>
/// A queue message too large for the queue carries <c>"data_ref": {"container": "...", "blob": "..."}</c> instead of
/// <c>data</c>: the envelope with <c>data</c> is kept in that blob (a claim check).
/// </summary>
/// <remarks>
/// <c>type</c>, <c>timestamp</c> and <c>data</c> are the payload structure Standard Webhooks recommends
/// (standard-webhooks spec, "Payload structure"; further metadata at the top level); <c>id</c> is that spec's
/// <c>webhook-id</c>, which these channels cannot send as a header. <c>timestamp</c> is when the message was sent (each
/// attempt's own time); the document carries the event's times (<c>completed_at</c>).
/// </remarks>
public static class NotificationEnvelope
{
    /// <summary>The event id's member.</summary>
    public const string IdMember = "id";

    /// <summary>The event type's member.</summary>
    public const string TypeMember = "type";

    /// <summary>The subject's member (the request instance or batch id).</summary>
    public const string SubjectMember = "subject";

    /// <summary>The send time's member (ISO 8601, UTC).</summary>
    public const string TimestampMember = "timestamp";

    /// <summary>The document's member.</summary>
    public const string DataMember = "data";

    /// <summary>The member that names the blob holding the whole envelope, in place of <see cref="DataMember"/>.</summary>
    public const string DataReferenceMember = "data_ref";

    /// <summary>The envelope with the document inline.</summary>
    /// <exception cref="JsonException">The message's body is not one JSON value.</exception>
    public static byte[] Write(NotificationMessage message, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WriteCore(message, timestamp, writer =>
        {
            writer.WritePropertyName(DataMember);
            writer.WriteRawValue(message.Body.Span);
        });
    }

    /// <summary>The envelope pointing at a blob that holds <see cref="Write"/>'s envelope.</summary>
    public static byte[] WriteReference(NotificationMessage message, DateTimeOffset timestamp, string container, string blob)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        ArgumentException.ThrowIfNullOrWhiteSpace(blob);
        return WriteCore(message, timestamp, writer =>
        {
            writer.WriteStartObject(DataReferenceMember);
            writer.WriteString("container", container);
            writer.WriteString("blob", blob);
            writer.WriteEndObject();
        });
    }

    private static byte[] WriteCore(NotificationMessage message, DateTimeOffset timestamp, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(IdMember, message.EventId);
            writer.WriteString(TypeMember, message.EventType);
            writer.WriteString(SubjectMember, message.Subject);
            writer.WriteString(TimestampMember, timestamp.UtcDateTime);
            writeData(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
