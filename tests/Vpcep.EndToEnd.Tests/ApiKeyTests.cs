using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Vpcep.EndToEnd.Tests.Infrastructure;
using Vpcep.SelfHost;

namespace Vpcep.EndToEnd.Tests;

/// <summary>With keys configured, the self-host asks for them the way Azure Functions asks for function keys.</summary>
[Trait("Category", "EndToEnd")]
[Collection(ProvisioningStackCollection.Name)]
public sealed class ApiKeyTests(ProvisioningStack stack) : IAsyncLifetime
{
    private const string Key = "test-key-7f3a";
    private WebApplication? app;
    private HttpClient? http;

    public async Task InitializeAsync()
    {
        app = SelfHostApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--DurableTask:ConnectionString={stack.StorageConnectionString}",
            "--DurableTask:TaskHubName=apikeys" + Guid.NewGuid().ToString("N")[..8],
            "--ProvisioningQueue:Enabled=false",
            $"--SelfHost:ApiKeys:0={Key}",
        ]);
        http = new HttpClient { BaseAddress = await InProcessServer.StartAsync(app) };
    }

    public async Task DisposeAsync()
    {
        http?.Dispose();
        await InProcessServer.StopAsync(app);
    }

    [Fact]
    public async Task A_call_without_a_key_is_401_and_starts_nothing()
    {
        using HttpResponseMessage response = await http!.PostAsJsonAsync("/api/vpc-endpoints", new { project_id = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_key_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/vpc-endpoints/vpcep-00000000000000000000000000000000");
        request.Headers.Add("x-functions-key", "not-the-key");

        using HttpResponseMessage response = await http!.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_key_is_accepted_in_the_header_or_the_code_parameter_like_a_function_key(bool inHeader)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get, "/api/vpc-endpoints/vpcep-00000000000000000000000000000000" + (inHeader ? "" : "?code=" + Key));
        if (inHeader)
        {
            request.Headers.Add("x-functions-key", Key);
        }

        using HttpResponseMessage response = await http!.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_health_probe_needs_no_key()
    {
        using HttpResponseMessage response = await http!.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
