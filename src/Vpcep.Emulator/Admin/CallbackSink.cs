using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.Admin;

/// <summary>
/// A webhook receiver: named sinks that record each request posted to them, oldest first, so the
/// local demo and tests can check what a workflow notified.
/// </summary>
public sealed class CallbackSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<CallbackRecordBody>> _sinks = new(StringComparer.Ordinal);

    public void Record(CallbackRecordBody record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_sinks.TryGetValue(record.Name, out List<CallbackRecordBody>? list))
            {
                list = [];
                _sinks[record.Name] = list;
            }

            list.Add(record);
        }
    }

    public IReadOnlyList<CallbackRecordBody> Get(string name)
    {
        lock (_gate)
        {
            return _sinks.TryGetValue(name, out List<CallbackRecordBody>? list) ? [.. list] : [];
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<CallbackRecordBody>> All()
    {
        lock (_gate)
        {
            return _sinks.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CallbackRecordBody>)[.. kv.Value], StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _sinks.Clear();
        }
    }
}
