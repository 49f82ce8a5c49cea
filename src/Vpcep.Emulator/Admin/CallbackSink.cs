using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.Admin;

/// <summary>
/// A webhook receiver: named sinks that record each request posted to them, oldest first, so the
/// local demo and tests can check what a workflow notified.
/// </summary>
public sealed class CallbackSink
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<CallbackRecordBody>> sinks = new(StringComparer.Ordinal);

    public void Record(CallbackRecordBody record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            if (!this.sinks.TryGetValue(record.Name, out List<CallbackRecordBody>? list))
            {
                list = [];
                this.sinks[record.Name] = list;
            }

            list.Add(record);
        }
    }

    public IReadOnlyList<CallbackRecordBody> Get(string name)
    {
        lock (gate)
        {
            return this.sinks.TryGetValue(name, out List<CallbackRecordBody>? list) ? [.. list] : [];
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<CallbackRecordBody>> All()
    {
        lock (gate)
        {
            return this.sinks.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CallbackRecordBody>)[.. kv.Value], StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            this.sinks.Clear();
        }
    }
}
