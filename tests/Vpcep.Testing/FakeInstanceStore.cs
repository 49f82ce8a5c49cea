using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using NSubstitute;

namespace Vpcep.Testing;

/// <summary>One query the client of a <see cref="FakeInstanceStore"/> answered.</summary>
public sealed record RecordedQuery(string? Prefix, IReadOnlyList<OrchestrationRuntimeStatus>? Statuses, bool FetchInputsAndOutputs, int PageSize, string? ContinuationToken);

/// <summary>
/// Instances held by the substitute client of a <see cref="FakeTaskHub"/>: <c>GetAllInstancesAsync</c> filters them by
/// instance id prefix and runtime status, in instance id order (as the Azure Storage backend's table does), and pages
/// them (the continuation token is the next position); without <c>FetchInputsAndOutputs</c> the inputs and outputs are
/// left out and the custom status kept, as the project's Azure Storage client does. <c>GetInstanceAsync</c> finds an
/// instance by id. Every query and every read is recorded.
/// </summary>
public sealed class FakeInstanceStore
{
    public FakeInstanceStore(FakeTaskHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        hub.Client.GetAllInstancesAsync(Arg.Any<OrchestrationQuery?>()).Returns(call => Query(call.ArgAt<OrchestrationQuery?>(0) ?? new OrchestrationQuery()));
        hub.Client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(call => Read(call.ArgAt<string>(0), call.ArgAt<bool>(1)));
        hub.Client.GetInstancesAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(call => Read(call.ArgAt<string>(0), call.ArgAt<bool>(1)));
    }

    public List<OrchestrationMetadata> Instances { get; } = [];

    public List<RecordedQuery> Queries { get; } = [];

    /// <summary>The instance ids read one by one.</summary>
    public List<string> Reads { get; } = [];

    public FakeInstanceStore Add(params OrchestrationMetadata[] instances)
    {
        Instances.AddRange(instances);
        return this;
    }

    private OrchestrationMetadata? Read(string instanceId, bool withPayloads)
    {
        Reads.Add(instanceId);
        OrchestrationMetadata? found = Instances.FirstOrDefault(i => i.InstanceId == instanceId);
        return found is null || withPayloads ? found : WithoutPayloads(found);
    }

    private AsyncPageable<OrchestrationMetadata> Query(OrchestrationQuery query) =>
        Pageable.Create((continuation, pageSize, cancellation) =>
        {
            int size = pageSize ?? query.PageSize;
            Queries.Add(new RecordedQuery(query.InstanceIdPrefix, query.Statuses?.ToList(), query.FetchInputsAndOutputs, size, continuation));
            OrchestrationMetadata[] matching = [.. Instances
                .Where(i => query.InstanceIdPrefix is null || i.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(i => query.Statuses is null || !query.Statuses.Any() || query.Statuses.Contains(i.RuntimeStatus))
                .OrderBy(i => i.InstanceId, StringComparer.Ordinal)];
            int start = continuation is null ? 0 : int.Parse(continuation, System.Globalization.CultureInfo.InvariantCulture);
            OrchestrationMetadata[] values = [.. matching.Skip(start).Take(size).Select(i => query.FetchInputsAndOutputs ? i : WithoutPayloads(i))];
            string? next = start + size < matching.Length ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<OrchestrationMetadata>(values, next));
        });

    private static OrchestrationMetadata WithoutPayloads(OrchestrationMetadata instance) =>
        new(instance.Name, instance.InstanceId)
        {
            RuntimeStatus = instance.RuntimeStatus,
            CreatedAt = instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
            SerializedCustomStatus = instance.SerializedCustomStatus,
            FailureDetails = instance.FailureDetails,

            // As both hosts' clients: no data converter, so Read...As throws (the payloads were not asked for).
            DataConverter = null,
        };
}
