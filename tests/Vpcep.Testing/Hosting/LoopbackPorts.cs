using System.Net;
using System.Net.Sockets;

namespace Vpcep.Testing;

/// <summary>Free loopback ports for the servers a test run starts.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
