using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vpcep.Testing;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (only) for delivery tests: records each request line and answers every request
/// with one fixed status (and <c>Location</c>, for a redirect), closing the connection after it.
/// </summary>
public sealed class LoopbackSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly string status;
    private readonly string? location;
    private readonly Task accepting;

    /// <param name="status">The status line's code and reason, for example <c>200 OK</c> or <c>302 Found</c>.</param>
    /// <param name="location">The <c>Location</c> header, if any.</param>
    public LoopbackSink(string status = "200 OK", string? location = null)
    {
        this.status = status;
        this.location = location;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Gets the port it listens on.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Gets the request lines received (<c>POST /hook HTTP/1.1</c>), in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A URL of this sink: <c>http://127.0.0.1:{port}{path}</c>.</summary>
    public Uri Url(string path) => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}{path}");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string head = await ReadHeadAsync(stream);
                Requests.Enqueue(head.Split("\r\n")[0]);
                int length = head.Split("\r\n")
                    .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
                    .FirstOrDefault();
                byte[] body = new byte[length];
                await stream.ReadExactlyAsync(body, stop.Token);
                string answer = $"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n" + (location is null ? "" : $"Location: {location}\r\n") + "\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away or the sink stops.
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, stop.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
