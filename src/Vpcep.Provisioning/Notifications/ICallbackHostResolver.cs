using System.Net;

namespace Vpcep.Provisioning.Notifications;

/// <summary>Resolves a callback URL's host name to its addresses (behind an interface so tests never ask DNS).</summary>
public interface ICallbackHostResolver
{
    /// <summary>The host's addresses, IPv4 and IPv6.</summary>
    /// <param name="host">A DNS name.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The addresses; a name that does not exist throws <see cref="System.Net.Sockets.SocketException"/>.</returns>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Resolves with the system's resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>).</summary>
internal sealed class DnsCallbackHostResolver : ICallbackHostResolver
{
    /// <inheritdoc/>
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
