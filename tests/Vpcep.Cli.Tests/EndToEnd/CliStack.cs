using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Vpcep.Emulator;

namespace Vpcep.Cli.Tests.EndToEnd;

/// <summary>
/// The stack an operator points the CLI at, each part real: Azurite (a process), the VPCEP emulator (a loopback
/// server) and the self-host as a process of its own. Creates are paced at 2 per second, so a batch's items end one
/// after another and a watch sees it progress.
/// </summary>
public sealed class CliStack : IAsyncLifetime
{
    public const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    public const string ServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a";

    /// <summary>An endpoint service of the emulator's fixtures whose endpoints fail (EndPoint.2004).</summary>
    public const string FailingServiceId = "3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c03";

    private AzuriteProcess? azurite;
    private WebApplication? emulator;
    private SelfHostProcess? selfHost;

    /// <summary>The self-host's base address.</summary>
    public Uri SelfHostUrl => selfHost!.Url;

    /// <summary>The storage connection string of this stack's Azurite.</summary>
    public string StorageConnectionString => azurite!.ConnectionString;

    /// <summary>The built CLI (<c>Vpcep.Cli.dll</c>) in the configuration the tests run in.</summary>
    public static string CliAssembly => Path.Combine(RepositoryPaths.Root, "src", "Vpcep.Cli", "bin", Configuration, "net10.0", "Vpcep.Cli.dll");

    /// <summary>The configuration the tests were built in (Release in CI).</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        emulator = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Emulator:CreationDelay=00:00:02", "--Logging:LogLevel:Default=Warning"]);
        Uri emulatorUrl = await InProcessServer.StartAsync(emulator);
        selfHost = await SelfHostProcess.StartAsync(
        [
            $"--DurableTask:ConnectionString={azurite.ConnectionString}",
            $"--DurableTask:TaskHubName=cli{Guid.NewGuid().ToString("N")[..12]}",
            "--DurableTask:MaxQueuePollingInterval=00:00:00.500",
            $"--HuaweiCloud:BaseUrl={emulatorUrl}",
            "--HuaweiCloud:AccessKey=EMULATORACCESSKEY00001",
            "--HuaweiCloud:SecretKey=emulator-secret-key-0001-do-not-use-in-production",
            "--HuaweiCloud:MaxRequestsPerSecondPerProject=2",
            "--Provisioning:InitialPollDelay=00:00:01",
            "--Provisioning:PollInterval=00:00:01",
            "--ProvisioningQueue:MaxPollingInterval=00:00:01",
        ]);
    }

    public async Task DisposeAsync()
    {
        if (selfHost is not null)
        {
            await selfHost.DisposeAsync();
        }

        await InProcessServer.StopAsync(emulator);
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>A provisioning request document.</summary>
    public static JsonObject Request(string serviceId = ServiceId) => new()
    {
        ["project_id"] = ProjectId,
        ["region"] = "cn-north-4",
        ["endpoint"] = new JsonObject
        {
            ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
            ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
            ["endpoint_service_id"] = serviceId,
        },
    };

    /// <summary>Posts a batch of <paramref name="items"/> requests, every <paramref name="failEvery"/>-th one to the failing service.</summary>
    public async Task<string> PostBatchAsync(int items, int failEvery)
    {
        string batchId = "cli-" + Guid.NewGuid().ToString("N")[..10];
        var requests = new JsonArray([.. Enumerable.Range(0, items).Select(i => (JsonNode)Request(i % failEvery == failEvery - 1 ? FailingServiceId : ServiceId))]);
        using var http = new HttpClient { BaseAddress = SelfHostUrl };
        using HttpResponseMessage answer = await http.PostAsJsonAsync("/api/batches", new JsonObject { ["batch_id"] = batchId, ["requests"] = requests });
        answer.EnsureSuccessStatusCode();
        return batchId;
    }

    /// <summary>Runs a program to its end (bounded), its output captured.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? within = null)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {(within ?? TimeSpan.FromMinutes(3)).TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {await output} {await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}

[CollectionDefinition(Name)]
public sealed class CliStackCollection : ICollectionFixture<CliStack>
{
    public const string Name = "CLI stack";
}
