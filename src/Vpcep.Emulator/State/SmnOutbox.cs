using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.State;

/// <summary>The SMN messages "published" to the emulator, kept so tests and the demo can read them back.</summary>
public sealed class SmnOutbox
{
    private readonly Lock _gate = new();
    private readonly List<SmnMessageBody> _messages = [];

    public void Add(SmnMessageBody message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }
    }

    public IReadOnlyList<SmnMessageBody> Snapshot()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }
}
