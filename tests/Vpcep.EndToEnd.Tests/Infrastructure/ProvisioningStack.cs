using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Emulator;
using Vpcep.SelfHost;

namespace Vpcep.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole stack as users run it, each part a real server on a loopback port: Azurite (a separate
/// process), the VPCEP emulator and the self-host, talking over real HTTP and real storage queues.
/// </summary>
public class ProvisioningStack : IAsyncLifetime
{
    public const string AccessKey = "EMULATORACCESSKEY00001";
    public const string SecretKey = "emulator-secret-key-0001-do-not-use-in-production";

    private AzuriteProcess? azurite;
    private WebApplication? emulator;
    private WebApplication? selfHost;
    private string[] selfHostArguments = [];

    /// <summary>The emulator's base address.</summary>
    public Uri EmulatorUrl { get; private set; } = null!;

    /// <summary>The self-host's base address.</summary>
    public Uri SelfHostUrl { get; private set; } = null!;

    /// <summary>A client of the self-host's HTTP API.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>A client of the emulator (admin API and callback sink need no signature).</summary>
    public HttpClient EmulatorAdmin { get; private set; } = null!;

    /// <summary>The storage connection string of this stack's Azurite.</summary>
    public string StorageConnectionString => azurite!.ConnectionString;

    /// <summary>The provisioning queue the self-host listens to.</summary>
    public const string QueueName = "vpcep-provisioning-requests";

    /// <summary>The self-host's durable client, to look at orchestrations directly.</summary>
    public DurableTaskClient Durable => selfHost!.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        emulator = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Emulator:CreationDelay=00:00:01", "--Logging:LogLevel:Default=Warning", .. EmulatorArguments()]);
        EmulatorUrl = await InProcessServer.StartAsync(emulator);

        string taskHub = "e2e" + Guid.NewGuid().ToString("N")[..12];
        selfHostArguments =
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--DurableTask:ConnectionString={azurite.ConnectionString}",
            $"--DurableTask:TaskHubName={taskHub}",
            "--DurableTask:MaxQueuePollingInterval=00:00:00.500",
            $"--HuaweiCloud:BaseUrl={EmulatorUrl}",
            $"--HuaweiCloud:AccessKey={AccessKey}",
            $"--HuaweiCloud:SecretKey={SecretKey}",
            "--HuaweiCloud:RequestTimeout=00:00:05",
            "--Provisioning:InitialPollDelay=00:00:01",
            "--Provisioning:PollInterval=00:00:01",
            "--Provisioning:FirstRetryInterval=00:00:00.500",
            $"--ProvisioningQueue:QueueName={QueueName}",
            "--ProvisioningQueue:MaxPollingInterval=00:00:01",

            // The emulator's callback sink is plain http on loopback: trusted here, as an operator would for local development.
            "--Notifications:AllowHttp=true",
            $"--Notifications:AllowedHosts:0=127.0.0.1:{EmulatorUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            .. SelfHostArguments(),
        ];
        selfHost = SelfHostApp.Build(selfHostArguments, ConfigureSelfHost);
        SelfHostUrl = await InProcessServer.StartAsync(selfHost);
        Api = new HttpClient { BaseAddress = SelfHostUrl, Timeout = TimeSpan.FromSeconds(30) };
        EmulatorAdmin = new HttpClient { BaseAddress = EmulatorUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The self-host's services (its clients of the emulator, its options).</summary>
    public IServiceProvider SelfHostServices => selfHost!.Services;

    /// <summary>
    /// Stops the self-host (its work items abandoned, as in a deployment) and starts a new one on the same task hub;
    /// <see cref="Api"/> then talks to the new one.
    /// </summary>
    public async Task RestartSelfHostAsync(Func<Task>? whileStopped = null)
    {
        await InProcessServer.StopAsync(selfHost);
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        selfHost = SelfHostApp.Build(selfHostArguments, ConfigureSelfHost);
        SelfHostUrl = await InProcessServer.StartAsync(selfHost);
        Api.Dispose();
        Api = new HttpClient { BaseAddress = SelfHostUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Extra emulator settings of a stack variant, as command-line arguments.</summary>
    protected virtual IEnumerable<string> EmulatorArguments() => [];

    /// <summary>Extra services of a stack variant's self-host (an in-memory exporter, say), added before the app's own.</summary>
    protected virtual void ConfigureSelfHost(WebApplicationBuilder builder)
    {
    }

    /// <summary>Extra self-host settings of a stack variant, as command-line arguments.</summary>
    protected virtual IEnumerable<string> SelfHostArguments() => [];

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        EmulatorAdmin?.Dispose();
        await InProcessServer.StopAsync(selfHost);
        await InProcessServer.StopAsync(emulator);

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>A callback URL on the emulator's sink, unique to one test.</summary>
    public string NewCallbackUrl(out string sinkName)
    {
        sinkName = "test-" + Guid.NewGuid().ToString("N")[..12];
        return new Uri(EmulatorUrl, $"/_emulator/callbacks/{sinkName}").ToString();
    }

    /// <summary>
    /// Polls the status URL until the orchestration has ended, within a bounded time, holding every answer to the
    /// polling contract on the way: 202 while it runs, 200 once it has ended.
    /// </summary>
    public async Task<JsonElement> WaitForCompletionAsync(string statusUrl, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        JsonElement state = default;
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await Api.GetAsync(statusUrl);
            response.EnsureSuccessStatusCode();
            state = await response.Content.ReadFromJsonAsync<JsonElement>();
            bool ended = state.GetProperty("runtime_status").GetString() is "Completed" or "Failed" or "Terminated";
            if (response.StatusCode != (ended ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.Accepted))
            {
                throw new InvalidOperationException($"{statusUrl} answered {(int)response.StatusCode} for {state.GetProperty("runtime_status")}: 202 while running, 200 once ended.");
            }

            if (ended)
            {
                return state;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{statusUrl} did not complete in time; last state: {state}");
    }

    /// <summary>The notifications the sink received, waiting (bounded) for at least one.</summary>
    public async Task<JsonElement[]> WaitForCallbacksAsync(string sinkName, int atLeast = 1, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        JsonElement[] received = [];
        while (DateTime.UtcNow < deadline)
        {
            JsonElement list = await EmulatorAdmin.GetFromJsonAsync<JsonElement>($"/_emulator/callbacks/{sinkName}");
            received = [.. list.GetProperty("callbacks").EnumerateArray()];
            if (received.Length >= atLeast)
            {
                return received;
            }

            await Task.Delay(250);
        }

        return received;
    }

    /// <summary>Every endpoint the emulator holds, of every project.</summary>
    public async Task<JsonElement[]> EmulatorEndpointsAsync()
    {
        JsonElement list = await EmulatorAdmin.GetFromJsonAsync<JsonElement>("/_emulator/endpoints");
        return [.. list.GetProperty("endpoints").EnumerateArray()];
    }
}

[CollectionDefinition(Name)]
public sealed class ProvisioningStackCollection : ICollectionFixture<ProvisioningStack>
{
    public const string Name = "provisioning stack";
}
