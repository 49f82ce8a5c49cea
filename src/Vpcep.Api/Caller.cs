using Microsoft.AspNetCore.Http;

namespace Vpcep.Api;

/// <summary>
/// Who is calling the HTTP contract, when the host tells callers apart (the self-host's named API keys). A
/// caller's idempotency keys, instance ids and reads are its own: another caller can neither see nor collide
/// with its requests. With no caller (Functions' function keys, a self-host without named keys) every request
/// lives in one shared space, as on a single-tenant host.
/// </summary>
/// <param name="Name">The caller's name, as configured with its key.</param>
/// <param name="Projects">The Huawei projects it may provision in; empty: any.</param>
/// <param name="IsAdmin">An operator: reads every request, its own and others'.</param>
public sealed record Caller(string Name, IReadOnlySet<string> Projects, bool IsAdmin)
{
    /// <summary>The caller of a request, if the host identified one.</summary>
    public static Caller? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Caller>();
    }

    /// <summary>Whether this caller may provision in <paramref name="projectId"/>.</summary>
    public bool MayUse(string? projectId) => Projects.Count == 0 || (projectId is not null && Projects.Contains(projectId));

    /// <summary>Whether this caller may read a request submitted by <paramref name="owner"/>.</summary>
    public bool MayRead(string? owner) => IsAdmin || string.Equals(owner, Name, StringComparison.Ordinal);
}
