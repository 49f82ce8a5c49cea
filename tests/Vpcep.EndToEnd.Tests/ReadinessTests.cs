using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Vpcep.SelfHost;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// Readiness follows the task hub's storage: healthy with Azurite up, 503 while it is stopped, healthy again once it is
/// back on the same data; liveness stays 200 throughout.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReadinessTests : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private WebApplication? app;
    private HttpClient? http;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        app = SelfHostApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=None",
            $"--DurableTask:ConnectionString={azurite.ConnectionString}",
            "--DurableTask:TaskHubName=ready" + Guid.NewGuid().ToString("N")[..12],
            "--DurableTask:MaxQueuePollingInterval=00:00:00.500",
            "--ProvisioningQueue:Enabled=false",
        ]);
        http = new HttpClient { BaseAddress = await InProcessServer.StartAsync(app), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        await InProcessServer.StopAsync(app);
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        using HttpResponseMessage response = await http!.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadyWithinAsync(TimeSpan within)
    {
        DateTime deadline = DateTime.UtcNow + within;
        (HttpStatusCode Status, JsonElement Body) answer;
        do
        {
            answer = await ReadyAsync();
            if (answer.Status == HttpStatusCode.OK)
            {
                return answer;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        return answer;
    }

    private async Task<HttpStatusCode> LiveAsync()
    {
        using HttpResponseMessage response = await http!.GetAsync("/healthz");
        return response.StatusCode;
    }

    [Fact]
    public async Task Readiness_is_503_while_azurite_is_stopped_and_200_again_when_it_is_back_while_liveness_stays_200()
    {
        // The worker creates the task hub at start; until then the hub's queue does not exist and readiness says so.
        (HttpStatusCode status, JsonElement body) = await ReadyWithinAsync(TimeSpan.FromSeconds(60));
        Assert.True(status == HttpStatusCode.OK, $"not ready with Azurite up: {body}");
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, await LiveAsync());

        await azurite!.StopAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        (status, body) = await ReadyAsync();
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        JsonElement check = Assert.Single(body.GetProperty("checks").EnumerateArray());
        Assert.Equal("task_hub_storage", check.GetProperty("name").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"readiness took {watch.Elapsed} to answer with storage down");
        Assert.Equal(HttpStatusCode.OK, await LiveAsync());

        await azurite.RestartAsync();
        (status, body) = await ReadyWithinAsync(TimeSpan.FromSeconds(60));

        Assert.True(status == HttpStatusCode.OK, $"not ready again after Azurite came back: {body}");
        Assert.Equal(HttpStatusCode.OK, await LiveAsync());
    }
}
