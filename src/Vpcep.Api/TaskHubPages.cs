using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Vpcep.Provisioning.Intake;

namespace Vpcep.Api;

/// <summary>
/// One page of a task hub query, the way every listing of the contract pages: a query with an instance id prefix (and
/// runtime statuses), the backend's own page size and continuation token, one page per call.
/// </summary>
/// <remarks>
/// On Azure Storage (DurableTask.AzureStorage, <c>OrchestrationInstanceStatusQueryCondition</c>) the prefix and the
/// runtime statuses are a filter on the Instances table, whose rows come back in partition key order, the instance id
/// (Azure Table storage, "Query Entities": results are sorted by PartitionKey, then RowKey), not in order of time. A
/// page may hold fewer rows than asked (even none) and still have a continuation token.
/// </remarks>
internal static class TaskHubPages
{
    /// <summary>The first page of <paramref name="query"/>, from its continuation token, of at most its page size.</summary>
    public static async Task<Page<OrchestrationMetadata>> FirstAsync(DurableTaskClient client, OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await foreach (Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            return page;
        }

        return new Page<OrchestrationMetadata>([], null);
    }
}

/// <summary>
/// The instance id prefixes that hold every provisioning request (<c>vpcep-</c> and 32 lowercase hex digits) and no
/// instance of another kind (<see cref="InstanceIds.OtherKindPrefixes"/>): a listing of requests queries these
/// ranges one after the other, so it never reads a batch's input or output (hundreds of items, kept in blobs).
/// </summary>
internal static class RequestIdRanges
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>The ranges, in instance id order (61 with today's kinds: a batch's <c>vpcep-batch-</c> splits <c>b</c>, a follow-up's <c>vpcep-follow-</c> splits <c>f</c>).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Cover(InstanceIds.RequestPrefix, InstanceIds.OtherKindPrefixes)];

    private static IEnumerable<string> Cover(string prefix, IReadOnlyList<string> others)
    {
        // A range no other kind's prefix falls in is whole; otherwise split it by the next hex digit. Other kinds'
        // prefixes have a character that is not a hex digit, so the split ends there.
        if (!others.Any(other => other.StartsWith(prefix, StringComparison.Ordinal)) || prefix.Length >= 38)
        {
            yield return prefix;
            yield break;
        }

        foreach (char digit in HexDigits)
        {
            foreach (string range in Cover(prefix + digit, others))
            {
                yield return range;
            }
        }
    }
}
