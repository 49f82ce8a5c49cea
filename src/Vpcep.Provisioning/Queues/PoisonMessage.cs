using System.Text.Json.Serialization;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Queues;

/// <summary>
/// What lands in the poison queue: the reason, the problems found, and the original message text
/// (re-drive a message by enqueueing <see cref="OriginalMessage"/> again).
/// </summary>
public sealed record PoisonMessage(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("errors")] IReadOnlyList<ValidationError>? Errors,
    [property: JsonPropertyName("dequeue_count")] long DequeueCount,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("original_message")] string OriginalMessage,
    [property: JsonPropertyName("poisoned_at")] DateTimeOffset PoisonedAt);
