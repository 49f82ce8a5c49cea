using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vpcep.Testing;

/// <summary>
/// A real Azurite, started for the test run on free loopback ports with its data in a temp folder,
/// from the pinned copy the project installs (tools/azurite). When AZURITE_CONNECTION_STRING is set,
/// that Azurite (or storage account) is used instead.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string? dataFolder;
    private readonly ProcessStartInfo? start;
    private readonly int[] ports;
    private Process? process;

    private AzuriteProcess(string connectionString, Process? process, string? dataFolder, ProcessStartInfo? start = null, int[]? ports = null)
    {
        ConnectionString = connectionString;
        this.process = process;
        this.dataFolder = dataFolder;
        this.start = start;
        this.ports = ports ?? [];
    }

    public string ConnectionString { get; }

    /// <summary>CPU time Azurite's process has used so far, and its resident memory; none when it is not a child of this process.</summary>
    public (TimeSpan Cpu, long ResidentBytes)? Usage()
    {
        if (process is not { HasExited: false } running)
        {
            return null;
        }

        running.Refresh();
        return (running.TotalProcessorTime, running.WorkingSet64);
    }

    public static async Task<AzuriteProcess> StartAsync()
    {
        string? external = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new AzuriteProcess(external, null, null);
        }

        string azurite = Path.Combine(RepositoryPaths.Root, "tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}. Run ./build.sh test (it installs it) or npm ci in tools/azurite.");
        }

        string data = Directory.CreateTempSubdirectory("vpcep-azurite-").FullName;
        int blob = LoopbackPorts.Free(), queue = LoopbackPorts.Free(), table = LoopbackPorts.Free();
        var start = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--skipApiVersionCheck", "--loose", "--location", data,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string connectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        var azuriteProcess = new AzuriteProcess(connectionString, process, data, start, [blob, queue, table]);
        await WaitForPortsAsync(process, [blob, queue, table]).ConfigureAwait(false);
        return azuriteProcess;
    }

    /// <summary>
    /// Stops Azurite (SIGTERM, so it writes its data out as a storage service keeps what it acknowledged; a SIGKILL
    /// loses Azurite's last writes, which real storage never does), as a storage outage. The data folder stays
    /// for <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            using (Process? term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await (term?.WaitForExitAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts Azurite again on the same ports and data folder, and waits until it listens.</summary>
    public async Task RestartAsync()
    {
        if (start is null)
        {
            throw new InvalidOperationException("An Azurite this run did not start cannot be restarted.");
        }

        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForPortsAsync(process, ports).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        if (dataFolder is not null)
        {
            try
            {
                Directory.Delete(dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: it is a temp folder.
            }
        }
    }


    private static async Task WaitForPortsAsync(Process process, int[] ports)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (int port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} while starting.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200).ConfigureAwait(false);
                }
            }
        }
    }
}
