namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// Where callbacks may go, bound from the <c>Notifications</c> section and checked when the host starts
/// (<see cref="CallbackTargetOptionsValidator"/>). By default only <c>https</c> to public addresses: see
/// <see cref="CallbackTargetPolicy"/> for what is refused and where.
/// </summary>
/// <remarks>Other classes may bind the same section for other notification settings; each reads only its own keys.</remarks>
public sealed class CallbackTargetOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Notifications";

    /// <summary>The longest <see cref="ResolveTimeout"/>: intake waits for it while the caller waits for an answer.</summary>
    public static readonly TimeSpan MaxResolveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hosts the operator trusts, to which callbacks go whatever their addresses (the emulator's callback sink, a
    /// receiver inside the operator's own network). Each entry is a host, matching any port, or <c>host:port</c>,
    /// matching that port only (the URL's port, its scheme's default when it names none): a DNS name
    /// (<c>hooks.internal.example</c>, exact, not case-sensitive, no wildcards), an IPv4 address in dotted-quad form
    /// (<c>127.0.0.1:5080</c>), or an IPv6 address in brackets (<c>[::1]</c>, <c>[::1]:8080</c>). A name entry lets
    /// through whatever the name resolves to; an address entry only URLs naming that address. Empty by default.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// Whether callback URLs may use plain <c>http</c> (local development, the emulator's sink). Default false:
    /// only <c>https</c>. It does not lift the address rules; <see cref="AllowedHosts"/> does that.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// How long intake waits for the DNS answer about a callback URL's host name (default 2 s, at most
    /// <see cref="MaxResolveTimeout"/>). A name that does not resolve in time, or at all, is taken: the address is
    /// checked again when the callback is delivered, and a non-public one is refused then.
    /// </summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
