using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.State;

/// <summary>The SMN messages "published" to the emulator, kept so tests and the demo can read them back.</summary>
public sealed class SmnOutbox
{
    private readonly Lock gate = new();
    private readonly List<SmnMessageBody> messages = [];

    public void Add(SmnMessageBody message)
    {
        lock (gate)
        {
            this.messages.Add(message);
        }
    }

    public IReadOnlyList<SmnMessageBody> Snapshot()
    {
        lock (gate)
        {
            return [.. this.messages];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            this.messages.Clear();
        }
    }
}
