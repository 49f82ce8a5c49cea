using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Testing;

/// <summary>
/// A resolver of callback host names that never asks DNS: names it was given answer their addresses (one answer after
/// another when given several, the last repeating), names it was told to hang never answer, and any other name does not
/// exist (as the reserved <c>.test</c> names the tests use).
/// </summary>
public sealed class FakeCallbackResolver : ICallbackHostResolver
{
    private readonly ConcurrentDictionary<string, Queue<IPAddress[]>> answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> hanging = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets every name asked, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    /// <summary>The name resolves to these addresses.</summary>
    public FakeCallbackResolver Answer(string host, params string[] addresses) => AnswerInTurn(host, addresses);

    /// <summary>The name answers each list in turn (the last one from then on): a name whose answer changes (DNS rebinding).</summary>
    public FakeCallbackResolver AnswerInTurn(string host, params string[][] answersInTurn)
    {
        answers[host] = new Queue<IPAddress[]>(answersInTurn.Select(list => list.Select(IPAddress.Parse).ToArray()));
        return this;
    }

    /// <summary>The name never answers (until the look-up is cancelled).</summary>
    public FakeCallbackResolver Hang(string host)
    {
        hanging[host] = true;
        return this;
    }

    /// <inheritdoc/>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Asked.Enqueue(host);
        if (hanging.ContainsKey(host))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (!answers.TryGetValue(host, out Queue<IPAddress[]>? queue))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        lock (queue)
        {
            return queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }
    }

    /// <summary>An intake's or a connector's check with this resolver.</summary>
    public CallbackHostCheck Check(CallbackTargetOptions? options = null, TimeProvider? time = null) =>
        new(new CallbackTargetPolicy(options ?? new CallbackTargetOptions()), this, Microsoft.Extensions.Options.Options.Create(options ?? new CallbackTargetOptions()),
            time ?? TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CallbackHostCheck>.Instance);
}
