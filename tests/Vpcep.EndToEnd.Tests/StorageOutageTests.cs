using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Vpcep.SelfHost;

namespace Vpcep.EndToEnd.Tests;

/// <summary>With its storage unreachable, the self-host stays up and tells callers to retry; it never takes a request it cannot keep.</summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageOutageTests : IAsyncLifetime
{
    private WebApplication? app;
    private HttpClient? http;

    public async Task InitializeAsync()
    {
        // A loopback port nothing listens on: every storage call is refused.
        int deadPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        string deadStorage =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;";
        app = SelfHostApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=None",
            $"--DurableTask:ConnectionString={deadStorage}",
            "--ProvisioningQueue:MaxPollingInterval=00:00:01",
        ]);
        http = new HttpClient
        {
            BaseAddress = await InProcessServer.StartAsync(app),
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        await InProcessServer.StopAsync(app);
    }

    [Fact]
    public async Task A_valid_request_gets_503_with_retry_after_and_the_host_keeps_serving()
    {
        var body = new
        {
            project_id = "6e9dfd51d1124e8d8498dce894923a0d",
            endpoint = new { vpc_id = "84758cf5-9c62-43ae-a778-3dbd8370c0a4", endpoint_service_id = "e0c748b7-d982-47df-ba06-b9c8c7650c1a", subnet_id = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de" },
        };

        using HttpResponseMessage response = await http!.PostAsJsonAsync("/api/vpc-endpoints", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using HttpResponseMessage health = await http!.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task An_invalid_request_still_gets_its_400_without_storage()
    {
        using HttpResponseMessage response = await http!.PostAsJsonAsync("/api/vpc-endpoints", new { project_id = "nope" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
