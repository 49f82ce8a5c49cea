using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Vpcep.Emulator;
using Vpcep.SelfHost;
using Vpcep.Testing;

namespace Vpcep.Benchmarks;

/// <summary>Azurite (a process), the emulator and the self-host (real servers on loopback), configured per scenario.</summary>
internal sealed class BenchmarkStack : IAsyncDisposable
{
    public const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    public const string QueueName = "vpcep-provisioning-requests";

    private readonly AzuriteProcess azurite;
    private readonly WebApplication emulator;
    private readonly WebApplication selfHost;

    private BenchmarkStack(AzuriteProcess azurite, WebApplication emulator, WebApplication selfHost, Uri emulatorUrl, Uri selfHostUrl)
    {
        this.azurite = azurite;
        this.emulator = emulator;
        this.selfHost = selfHost;
        EmulatorUrl = emulatorUrl;
        Api = new HttpClient { BaseAddress = selfHostUrl, Timeout = TimeSpan.FromMinutes(1) };
        Emulator = new HttpClient { BaseAddress = emulatorUrl, Timeout = TimeSpan.FromMinutes(1) };
    }

    public HttpClient Api { get; }

    public Uri EmulatorUrl { get; }

    /// <summary>The self-host's own services (its <c>DurableTaskClient</c>, for the engine's bare start rate).</summary>
    public IServiceProvider SelfHostServices => selfHost.Services;

    /// <summary>Azurite's CPU time so far and resident memory.</summary>
    public (TimeSpan Cpu, long ResidentBytes)? AzuriteUsage() => azurite.Usage();

    public HttpClient Emulator { get; }

    public string StorageConnectionString => azurite.ConnectionString;

    public static async Task<BenchmarkStack> StartAsync(IEnumerable<string> emulatorArgs, IEnumerable<string> selfHostArgs)
    {
        AzuriteProcess azurite = await AzuriteProcess.StartAsync();
        WebApplication emulator = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. emulatorArgs]);
        Uri emulatorUrl = await InProcessServer.StartAsync(emulator);
        WebApplication selfHost = SelfHostApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--DurableTask:ConnectionString={azurite.ConnectionString}",
            "--DurableTask:TaskHubName=bench" + Guid.NewGuid().ToString("N")[..10],
            $"--HuaweiCloud:BaseUrl={emulatorUrl}",
            $"--HuaweiCloud:AccessKey={EmulatorOptions.DefaultAccessKey}",
            $"--HuaweiCloud:SecretKey={EmulatorOptions.DefaultSecretKey}",
            $"--ProvisioningQueue:QueueName={QueueName}",

            // The callbacks go to the emulator's sink, plain http on loopback: trusted for the benchmark.
            "--Notifications:AllowHttp=true",
            $"--Notifications:AllowedHosts:0=127.0.0.1:{emulatorUrl.Port.ToString(CultureInfo.InvariantCulture)}",
            .. selfHostArgs,
        ]);
        Uri selfHostUrl = await InProcessServer.StartAsync(selfHost);
        return new BenchmarkStack(azurite, emulator, selfHost, emulatorUrl, selfHostUrl);
    }

    public static JsonObject Request(string tag) => new()
    {
        ["project_id"] = ProjectId,
        ["endpoint"] = new JsonObject
        {
            ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
            ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
            ["endpoint_service_id"] = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "bench", ["value"] = tag }),
        },
    };

    public async Task EnqueueAsync(JsonNode message)
    {
        var queue = new QueueClient(StorageConnectionString, QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(message.ToJsonString());
    }

    /// <summary>Polls a status resource until its orchestration has ended, within <paramref name="within"/>.</summary>
    public async Task<JsonElement> WaitForEndAsync(string url, TimeSpan within, TimeSpan poll)
    {
        DateTime deadline = DateTime.UtcNow + within;
        while (true)
        {
            using HttpResponseMessage response = await Api.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                JsonElement state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (state.GetProperty("runtime_status").GetString() is "Completed" or "Failed" or "Terminated")
                {
                    return state;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not end within {within}.");
            }

            await Task.Delay(poll);
        }
    }

    public async Task<long> ApiCallsAsync() => (await ApiCallsByOperationAsync()).Values.Sum();

    /// <summary>Requests the emulator received so far, by operation (throttled and refused ones included).</summary>
    public async Task<Dictionary<string, long>> ApiCallsByOperationAsync()
    {
        JsonElement counts = await Emulator.GetFromJsonAsync<JsonElement>("/_emulator/requests");
        return counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
    }

    /// <summary>When each endpoint left <c>creating</c> in the emulator, at full precision.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> ReadyTimesAsync()
    {
        JsonElement timeline = await Emulator.GetFromJsonAsync<JsonElement>("/_emulator/endpoints/timeline");
        return timeline.GetProperty("endpoints").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("ready_at").GetDateTimeOffset(), StringComparer.Ordinal);
    }

    public async Task<int> EndpointCountAsync() =>
        (await Emulator.GetFromJsonAsync<JsonElement>("/_emulator/endpoints")).GetProperty("endpoints").GetArrayLength();

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Emulator.Dispose();
        await InProcessServer.StopAsync(selfHost);
        await InProcessServer.StopAsync(emulator);
        await azurite.DisposeAsync();
    }
}
