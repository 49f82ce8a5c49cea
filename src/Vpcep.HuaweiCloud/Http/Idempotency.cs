namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// Whether the pipeline may send a call again after an attempt failed transiently (throttling, a 5xx, a
/// "try again later" code, or no answer at all). The zero value is the safe one: sent once.
/// </summary>
internal enum Idempotency
{
    /// <summary>Sent once and never retried: repeating it could act twice (a create, a connection decision).</summary>
    NotIdempotent,

    /// <summary>Repeating it leaves the same state (a read, a replace, a delete): retried.</summary>
    Idempotent,
}
