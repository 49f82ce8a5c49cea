using System.Security.Cryptography;
using System.Text;

namespace Vpcep.Provisioning.Intake;

/// <summary>
/// Orchestration instance ids. An <c>Idempotency-Key</c> maps to one id, always the same, so a repeated
/// submission finds the orchestration the first one started instead of starting another.
/// </summary>
public static class InstanceIds
{
    private const string Prefix = RequestPrefix;

    /// <summary>The prefix of a provisioning request's instance id; the ids of the other kinds below start with it too.</summary>
    public const string RequestPrefix = "vpcep-";

    /// <summary>The prefix of every batch orchestration's instance id (<see cref="ForBatch"/>), for listing them.</summary>
    public const string BatchPrefix = "vpcep-batch-";

    /// <summary>The prefix of every endpoint watcher's instance id (<see cref="ForWatcher"/>).</summary>
    public const string WatcherPrefix = "vpcep-watch-";

    /// <summary>The prefix of every notification delivery's instance id (<see cref="ForDelivery"/>), for listing them.</summary>
    public const string DeliveryPrefix = "vpcep-notify-";

    /// <summary>The prefix of every pending-acceptance follow-up's instance id (<see cref="ForFollowUp"/>).</summary>
    public const string FollowUpPrefix = "vpcep-follow-";

    /// <summary>The prefix of every deprovisioning's instance id (<see cref="ForDeprovision"/>).</summary>
    public const string DeprovisionPrefix = "vpcep-delete-";

    /// <summary>
    /// The prefixes of every instance that is not a provisioning request (batches, watchers, deliveries, follow-ups, deprovisionings).
    /// A listing of requests skips the ranges of ids they occupy; a kind added here is skipped too (and one missing
    /// here is still left out of the listing by <see cref="IsWellFormed"/>, at the cost of reading it).
    /// </summary>
    public static IReadOnlyList<string> OtherKindPrefixes { get; } = [BatchPrefix, WatcherPrefix, DeliveryPrefix, FollowUpPrefix, DeprovisionPrefix];

    /// <summary>The instance id for a key; a fresh one when there is no key.</summary>
    /// <remarks>Hashing keeps ids short (they are also the endpoint's marker tag, at most 43 characters) and free of characters storage keys forbid.</remarks>
    public static string For(string? idempotencyKey) =>
        idempotencyKey is null
            ? Prefix + Guid.NewGuid().ToString("N")
            : Prefix + Hash(idempotencyKey);

    /// <summary>
    /// The instance id for a key of <paramref name="caller"/>: each caller's keys map into its own space (no
    /// caller: the shared space of a host that does not tell callers apart, the ids <see cref="For(string?)"/> gives).
    /// </summary>
    public static string For(string? idempotencyKey, string? caller) =>
        caller is null || idempotencyKey is null
            ? For(idempotencyKey)
            : For($"caller:{caller.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{caller}:{idempotencyKey}");

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];

    /// <summary>The instance id of a batch's orchestration: one per batch id, so a redelivered batch starts nothing.</summary>
    public static string ForBatch(string batchId) => BatchPrefix + Hash(batchId);

    /// <summary>
    /// The instance id of a batch item: by its idempotency key, or by its position when it has none.
    /// Batch items live apart from webhook keys, and keys apart from positions, so none can take another's place.
    /// </summary>
    public static string ForBatchItem(string batchId, string? idempotencyKey, int index) =>
        For($"batch:{batchId.Length}:{batchId}:" + (idempotencyKey is null ? $"position:{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "key:" + idempotencyKey));

    /// <summary>
    /// The instance id of the endpoint watcher of a project and region (<see cref="Orchestrations.EndpointWatchOrchestrator"/>).
    /// Not a request id: its prefix keeps it out of <see cref="IsWellFormed"/>, so the status routes never read it.
    /// </summary>
    public static string ForWatcher(string projectId, string? region)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return WatcherPrefix + Hash($"{projectId.Length}:{projectId}:{region}");
    }

    /// <summary>
    /// The instance id of the orchestration that goes on delivering an event after its first attempt failed, or
    /// that an operator starts to redeliver it (<see cref="Orchestrations.DeliverNotificationOrchestrator"/>): one
    /// per event, so a second start while one runs is refused and its attempts are found by the event's id.
    /// </summary>
    public static string ForDelivery(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return DeliveryPrefix + Hash(eventId);
    }

    /// <summary>The instance id of the follow-up of a request that ended <c>pending_acceptance</c>.</summary>
    public static string ForFollowUp(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return FollowUpPrefix + Hash(instanceId);
    }

    /// <summary>
    /// The instance id of the deprovisioning of a request's endpoint (<see cref="Orchestrations.DeprovisionEndpointOrchestrator"/>):
    /// one per request, so deleting twice finds the deprovisioning the first delete started. Not a request id: its
    /// prefix keeps it out of <see cref="IsWellFormed"/>.
    /// </summary>
    public static string ForDeprovision(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return DeprovisionPrefix + Hash(instanceId);
    }

    /// <summary>Whether <paramref name="value"/> could be an id this class made (guards the status route).</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 38 } && value.StartsWith(Prefix, StringComparison.Ordinal) && value[Prefix.Length..].All(char.IsAsciiHexDigitLower);
}
