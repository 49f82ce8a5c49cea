using System.Diagnostics;

namespace Vpcep.Testing;

/// <summary>
/// The self-host as a real operating-system process (the built <c>Vpcep.SelfHost.dll</c>), so a test can kill it
/// with SIGKILL the way a crash or an out-of-memory kill would, and start it again.
/// </summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> arguments;
    private Process? process;

    private SelfHostProcess(IReadOnlyList<string> arguments, Uri url)
    {
        this.arguments = arguments;
        Url = url;
    }

    /// <summary>The host's address (a fixed loopback port, kept across restarts).</summary>
    public Uri Url { get; }

    /// <summary>When the current process answered its health check.</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    /// <summary>Starts a self-host with <paramref name="settings"/> (command-line settings such as <c>--DurableTask:TaskHubName=x</c>).</summary>
    public static async Task<SelfHostProcess> StartAsync(IEnumerable<string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var host = new SelfHostProcess([$"--urls={url}", "--Logging:LogLevel:Default=Warning", .. settings], url);
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts the process (again) and waits until it answers <c>/healthz</c>.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SelfHostAssembly());
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("The self-host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The self-host exited with code {process.ExitCode} while starting.");
            }

            try
            {
                using HttpResponseMessage answer = await http.GetAsync(new Uri(Url, "/healthz"));
                if (answer.IsSuccessStatusCode)
                {
                    ReadyAt = DateTimeOffset.UtcNow;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The self-host did not answer /healthz within 60 s.");
    }

    /// <summary>Kills the process at once (SIGKILL): no graceful stop, nothing flushed.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The self-host built in the same configuration as the running assembly (Release in CI).</summary>
    private static string SelfHostAssembly()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        string path = Path.Combine(RepositoryPaths.Root, "src", "Vpcep.SelfHost", "bin", configuration, "net10.0", "Vpcep.SelfHost.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The self-host is not built at {path}; build the solution in {configuration} first.");
    }

}
