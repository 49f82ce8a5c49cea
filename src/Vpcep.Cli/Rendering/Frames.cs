using Vpcep.Cli.Api;

namespace Vpcep.Cli.Rendering;

/// <summary>What one look at a batch showed: its document (counts, progress), its failed items, and the time it has run.</summary>
/// <param name="Batch">The batch document (without items when the host answers <c>include_items=false</c>).</param>
/// <param name="Failures">The items that ended <c>failed</c>, <c>timed_out</c>, <c>rejected</c> or <c>invalid</c>, by index.</param>
/// <param name="Elapsed">Since the batch started (its <c>created_at</c>), or since the watch started when the host does not say.</param>
internal sealed record BatchFrame(BatchStatus Batch, IReadOnlyList<BatchItem> Failures, TimeSpan Elapsed)
{
    /// <summary>Items ended per minute since the batch started.</summary>
    public double ItemsPerMinute => Elapsed.TotalSeconds >= 1 ? Batch.Completed / Elapsed.TotalMinutes : 0;

    /// <summary>Whether the batch has ended.</summary>
    public bool Ended => Outcomes.HasEnded(Batch.RuntimeStatus);

    /// <summary>Items with no result yet.</summary>
    public int Running => Math.Max(0, Batch.Total - Batch.Completed);

    /// <summary>What a line-per-change view compares: a frame that differs only in elapsed time is no change.</summary>
    public string ChangeKey => string.Join(
        '|',
        Batch.RuntimeStatus,
        Batch.Completed,
        Batch.Total,
        string.Join(',', (Batch.Counts ?? new Dictionary<string, int>()).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")),
        Failures.Count);
}

/// <summary>What one look at a request showed.</summary>
/// <param name="Request">The request's status document.</param>
/// <param name="Elapsed">Since the request started.</param>
internal sealed record RequestFrame(RequestStatus Request, TimeSpan Elapsed)
{
    /// <summary>Whether the request has ended.</summary>
    public bool Ended => Outcomes.HasEnded(Request.RuntimeStatus);

    /// <summary>What a line-per-change view compares.</summary>
    public string ChangeKey => string.Join('|', Request.RuntimeStatus, Request.Phase, Request.EndpointId, Request.EndpointStatus, Request.Outcome?.Result);
}
