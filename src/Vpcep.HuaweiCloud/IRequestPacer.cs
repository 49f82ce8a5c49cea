namespace Vpcep.HuaweiCloud;

/// <summary>
/// Decides when a call to a project may be sent, so calls are paced under the project's API rate limit
/// (<see cref="HuaweiCloudOptions.MaxRequestsPerSecondPerProject"/>) instead of being throttled. Every attempt of a
/// call, retries included, asks once, just before it is sent.
/// </summary>
/// <remarks>
/// <see cref="HuaweiCloudServiceCollectionExtensions.AddHuaweiCloud"/> registers a pacer that holds the rate in this
/// process only. Workers that share a project's budget register one that is shared between them (the self-host's is
/// kept in Azure Storage) in its place.
/// </remarks>
public interface IRequestPacer
{
    /// <summary>
    /// Completes when a request for <paramref name="projectId"/> may be sent; at once when pacing is off. It must
    /// not fail for any reason other than <paramref name="cancellationToken"/>: a pacer that cannot do its job
    /// paces more slowly, it never stops the calls.
    /// </summary>
    ValueTask WaitForTurnAsync(string projectId, CancellationToken cancellationToken);
}
