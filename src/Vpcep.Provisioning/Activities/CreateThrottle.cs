using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// Caps the create calls in flight per project on this worker
/// (<see cref="ProvisioningOptions.MaxConcurrentCreatesPerProject"/>), so a batch of hundreds does
/// not fire hundreds of creates at once. The request-rate limit of every call is the client's
/// (<c>HuaweiCloud:MaxRequestsPerSecondPerProject</c>).
/// </summary>
public sealed class CreateThrottle(IOptions<ProvisioningOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="create"/> once a slot for <paramref name="projectId"/> is free.</summary>
    public async Task<T> RunAsync<T>(string projectId, Func<Task<T>> create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        SemaphoreSlim gate = gates.GetOrAdd(projectId, _ => new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentCreatesPerProject)));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await create();
        }
        finally
        {
            gate.Release();
        }
    }
}
