using System.Net;
using Vpcep.Cli.Api;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli.Following;

/// <summary>
/// Looks at a batch again and again until it ends: its document without items for the counts, and its failed items
/// from the items listing, read again only when the number of failures changed. A host without the listing (it answers
/// 404) is read through the full batch document instead, whose items carry their results and errors.
/// </summary>
internal sealed class BatchWatcher(VpcepApiClient api, string batchId, TimeProvider time)
{
    /// <summary>The wait between looks when the API gives no <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    private readonly DateTimeOffset started = time.GetUtcNow();
    private bool listingMissing;
    private IReadOnlyList<BatchItem> failures = [];
    private int failuresCounted;

    /// <summary>One look: the frame to show, the document as sent, and how long the API asked to wait before the next.</summary>
    public async Task<(BatchFrame Frame, string Json, TimeSpan Wait)> LookAsync(CancellationToken cancellationToken)
    {
        ApiAnswer<BatchStatus> answer = await api.GetBatchAsync(batchId, includeItems: listingMissing, cancellationToken);
        BatchStatus batch = answer.Document;
        int failed = Outcomes.Failures.Sum(result => batch.Counts?.GetValueOrDefault(result) ?? 0);
        if (batch.Items is { } items)
        {
            // An older host sends the items whatever include_items says: they carry every failure already.
            failures = [.. items.Where(IsFailure).OrderBy(i => i.Index)];
            failuresCounted = failed;
        }
        else if (failed != failuresCounted)
        {
            failures = await FailuresAsync(cancellationToken);
            failuresCounted = failed;
        }

        DateTimeOffset now = time.GetUtcNow();
        TimeSpan elapsed = batch.CreatedAt is { Year: > 2000 } created && created <= now ? now - created : now - started;
        var frame = new BatchFrame(batch with { Items = null }, failures, elapsed);
        return (frame, answer.Json, answer.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : DefaultInterval);
    }

    private static bool IsFailure(BatchItem item) => item.Result is { } result && Outcomes.Failures.Contains(result);

    private async Task<IReadOnlyList<BatchItem>> FailuresAsync(CancellationToken cancellationToken)
    {
        var found = new List<BatchItem>();
        string? continuation = null;
        try
        {
            do
            {
                ApiAnswer<BatchItemsPage> page = await api.GetBatchItemsAsync(batchId, Outcomes.Failures, continuation, cancellationToken: cancellationToken);
                found.AddRange(page.Document.Items);
                continuation = page.Document.ContinuationToken;
            }
            while (continuation is not null);
        }
        catch (VpcepApiException ex) when (ex.Status == HttpStatusCode.NotFound && continuation is null)
        {
            // A host from before the listing (GET /api/batches/{id}/items): the full document has the items.
            listingMissing = true;
            ApiAnswer<BatchStatus> full = await api.GetBatchAsync(batchId, includeItems: true, cancellationToken);
            return [.. (full.Document.Items ?? []).Where(IsFailure).OrderBy(i => i.Index)];
        }

        return [.. found.OrderBy(i => i.Index)];
    }
}
