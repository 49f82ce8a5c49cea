using System.Net;
using System.Net.Sockets;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the callback client: resolves the host itself, refuses it
/// when any address is not public (unless allow-listed, <see cref="CallbackHostCheck.VetForConnectAsync"/>), and
/// connects to the addresses it vetted, never to a second answer of the resolver (OWASP Server-Side Request Forgery
/// Prevention Cheat Sheet: validate the address actually connected to, which defeats DNS rebinding).
/// </summary>
public sealed class CallbackConnector(CallbackHostCheck hosts)
{
    /// <summary>The connect callback: <c>new SocketsHttpHandler { ConnectCallback = connector.ConnectAsync }</c>.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectAsync(context.DnsEndPoint, cancellationToken);
    }

    /// <summary>Vets <paramref name="endPoint"/>'s host and opens a TCP connection to one of its vetted addresses.</summary>
    /// <param name="endPoint">The host and port HttpClient wants.</param>
    /// <param name="cancellationToken">Cancels the look-up and the connection.</param>
    /// <returns>The connected stream.</returns>
    /// <exception cref="CallbackTargetRefusedException">The host is or resolves to a non-public address.</exception>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        IPAddress[] vetted = await hosts.VetForConnectAsync(endPoint.Host, endPoint.Port, cancellationToken);

        // A dual-mode socket (as SocketsHttpHandler's own connect makes) reaches IPv4 and IPv6 addresses alike.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(vetted, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
