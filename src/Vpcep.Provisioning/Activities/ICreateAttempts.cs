namespace Vpcep.Provisioning.Activities;

/// <summary>
/// Tells the create activity whether an earlier run of the same request's create may have reached the cloud, so a
/// first run (nearly every run) sends only the create and skips the look-up for an earlier attempt's endpoint.
/// Activities run at least once (a worker that dies mid-activity has its message delivered again), and Huawei's
/// create has no client token, so the answer must come from outside the run: a record written before the create.
/// </summary>
public interface ICreateAttempts
{
    /// <summary>
    /// Records that the create of <paramref name="instanceId"/> is about to be sent. True when a run before this one
    /// recorded it too, or when that cannot be known (no record kept, storage unreachable): then the activity looks
    /// for an endpoint an earlier run made before it creates one.
    /// </summary>
    Task<bool> MayHaveRunBeforeAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>No record is kept: every run looks for an earlier attempt's endpoint first (one extra call per create).</summary>
public sealed class UnrecordedCreateAttempts : ICreateAttempts
{
    /// <inheritdoc/>
    public Task<bool> MayHaveRunBeforeAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult(true);
}
