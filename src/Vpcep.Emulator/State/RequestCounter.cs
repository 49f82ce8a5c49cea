using System.Collections.Concurrent;

namespace Vpcep.Emulator.State;

/// <summary>Counts requests by operation name, so tests can assert how often a client called (for example, retries).</summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public void Increment(string operation) => counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    public void Clear() => counts.Clear();
}
