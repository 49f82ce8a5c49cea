using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Vpcep.Emulator.Faults;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

/// <summary>Real time (TimeScale 1) so injected latency is measurable; short creation delay.</summary>
public sealed class FaultFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(o => o.CreationDelay = TimeSpan.FromMilliseconds(50));
        Client = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}

public sealed class FaultTests(FaultFixture fixture) : IClassFixture<FaultFixture>, IAsyncLifetime
{
    private readonly HttpClient client = fixture.Client;
    private readonly string project = Ids.NewProject();

    public async Task InitializeAsync() => (await fixture.Host.Admin.DeleteAsync("/_emulator/faults")).EnsureSuccessStatusCode();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SetFaultsAsync(string json)
    {
        HttpResponseMessage response = await fixture.Host.Admin.SendJsonAsync(HttpMethod.Put, "/_emulator/faults", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<int> EndpointCountAsync()
    {
        JsonNode all = await (await fixture.Host.Admin.GetAsync("/_emulator/endpoints")).ReadJsonAsync();
        return all["endpoints"]!.AsArray().Count(e => (string?)e!["project_id"] == project);
    }

    [Fact]
    public async Task Fail_next_N_fails_exactly_N_calls_of_that_operation_only()
    {
        await SetFaultsAsync("""{"operations":{"CreateEndpoint":{"fail_next":2}}}""");

        HttpResponseMessage first = await this.client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest());
        HttpResponseMessage list = await this.client.GetAsync($"/v1/{project}/vpc-endpoints");
        HttpResponseMessage second = await this.client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest());
        HttpResponseMessage third = await this.client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest());

        await first.AssertErrorAsync(HttpStatusCode.InternalServerError, "EndPoint.0001");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await second.AssertErrorAsync(HttpStatusCode.InternalServerError, "EndPoint.0001");
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(1, await EndpointCountAsync());
    }

    [Fact]
    public async Task Injected_error_code_and_status_are_configurable()
    {
        await SetFaultsAsync("""{"operations":{"GetVpc":{"fail_next":1,"error_status":403,"error_code":"EndPoint.0004"}}}""");

        HttpResponseMessage response = await this.client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}");

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "EndPoint.0004");
    }

    [Fact]
    public async Task Global_error_rate_of_one_fails_every_operation_and_rate_zero_none()
    {
        await SetFaultsAsync("""{"global":{"error_rate":1.0}}""");
        HttpResponseMessage vpc = await this.client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}");
        HttpResponseMessage list = await this.client.GetAsync($"/v1/{project}/vpc-endpoints");
        HttpResponseMessage admin = await fixture.Host.Admin.GetAsync("/_emulator/health");

        await SetFaultsAsync("""{"global":{"error_rate":0.0}}""");
        HttpResponseMessage after = await this.client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}");

        await vpc.AssertErrorAsync(HttpStatusCode.InternalServerError, "EndPoint.0001");
        await list.AssertErrorAsync(HttpStatusCode.InternalServerError, "EndPoint.0001");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Latency_is_added_before_the_operation()
    {
        await SetFaultsAsync("""{"operations":{"GetSubnet":{"latency_ms":400}}}""");

        var watch = Stopwatch.StartNew();
        HttpResponseMessage slow = await this.client.GetAsync($"/v1/{project}/subnets/{Ids.Subnet}");
        TimeSpan elapsed = watch.Elapsed;

        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(380), $"took {elapsed}");
    }

    [Theory]
    [InlineData("endpoint", HttpStatusCode.BadRequest, "EndPoint.0022")]
    [InlineData("gateway", HttpStatusCode.TooManyRequests, "APIG.0308")]
    public async Task Rate_limit_throttles_per_project(string mode, HttpStatusCode status, string code)
    {
        // 0.01 tokens per second: the burst of 2 does not refill during the test.
        await SetFaultsAsync($$$"""{"global":{"rate_limit_per_second":0.01,"burst":2,"throttle_mode":"{{{mode}}}"}}""");
        string path = $"/v1/{project}/vpcs/{Ids.Vpc}";

        HttpResponseMessage first = await this.client.GetAsync(path);
        HttpResponseMessage second = await this.client.GetAsync(path);
        HttpResponseMessage third = await this.client.GetAsync(path);
        HttpResponseMessage otherProject = await this.client.GetAsync($"/v1/{Ids.NewProject()}/vpcs/{Ids.Vpc}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await third.AssertErrorAsync(status, code);
        Assert.Equal(HttpStatusCode.OK, otherProject.StatusCode);
    }

    [Fact]
    public async Task Throttled_calls_are_counted_by_operation_until_the_reset()
    {
        await SetFaultsAsync("""{"global":{"rate_limit_per_second":0.01,"burst":1,"throttle_mode":"gateway"}}""");
        JsonNode before = await (await fixture.Host.Admin.GetAsync("/_emulator/throttled")).ReadJsonAsync();
        string path = $"/v1/{project}/vpcs/{Ids.Vpc}";

        HttpResponseMessage accepted = await this.client.GetAsync(path);
        HttpResponseMessage refused = await this.client.GetAsync(path);
        HttpResponseMessage refusedAgain = await this.client.GetAsync(path);
        JsonNode after = await (await fixture.Host.Admin.GetAsync("/_emulator/throttled")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "APIG.0308");
        await refusedAgain.AssertErrorAsync(HttpStatusCode.TooManyRequests, "APIG.0308");
        Assert.Equal(2, (long)after["total"]! - (long)before["total"]!);
        Assert.Equal(2, (long)after["operations"]!["GetVpc"]! - ((long?)before["operations"]!["GetVpc"] ?? 0));
    }

    [Fact]
    public async Task Drop_abort_commits_the_create_but_resets_the_connection()
    {
        await SetFaultsAsync("""{"operations":{"CreateEndpoint":{"drop_next":1,"drop_mode":"abort"}}}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => this.client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest()));
        HttpResponseMessage next = await this.client.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest());

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, await EndpointCountAsync());
    }

    [Fact]
    public async Task Drop_hang_commits_the_create_and_outlasts_the_client_timeout()
    {
        await SetFaultsAsync("""{"operations":{"CreateEndpoint":{"drop_next":1,"drop_mode":"hang","hang_ms":30000}}}""");
        using HttpClient impatient = fixture.Host.CreateClient(timeout: TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.PostJsonAsync($"/v1/{project}/vpc-endpoints", Wire.InterfaceRequest()));

        Assert.Equal(1, await EndpointCountAsync());
    }

    [Fact]
    public async Task A_failed_delete_changes_nothing_and_the_next_delete_goes_through()
    {
        string id = (string)(await this.client.CreateEndpointAsync(project, Wire.InterfaceRequest()))["id"]!;
        await SetFaultsAsync("""{"operations":{"DeleteEndpoint":{"fail_next":1,"error_status":500,"error_code":"EndPoint.0001"}}}""");

        HttpResponseMessage failed = await this.client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");
        JsonNode still = await (await this.client.GetAsync($"/v1/{project}/vpc-endpoints/{id}")).ReadJsonAsync();
        HttpResponseMessage deleted = await this.client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");

        await failed.AssertErrorAsync(HttpStatusCode.InternalServerError, "EndPoint.0001");
        Assert.NotEqual("deleting", (string?)still["status"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task A_dropped_delete_answer_still_commits_the_delete_so_a_repeated_delete_meets_EndPoint_2018_or_404()
    {
        string id = (string)(await this.client.CreateEndpointAsync(project, Wire.InterfaceRequest()))["id"]!;
        await SetFaultsAsync("""{"operations":{"DeleteEndpoint":{"drop_next":1,"drop_mode":"abort"}}}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => this.client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}"));
        HttpResponseMessage again = await this.client.DeleteAsync($"/v1/{project}/vpc-endpoints/{id}");

        // Deleting for DeletionDelay (1 s by default at TimeScale 1), then gone.
        Assert.Contains((int)again.StatusCode, (int[])[400, 404]);
        await again.AssertErrorAsync(again.StatusCode, again.StatusCode == HttpStatusCode.BadRequest ? "EndPoint.2018" : "EndPoint.2006");
    }

    [Fact]
    public async Task Faults_read_back_with_counters_counting_down()
    {
        await SetFaultsAsync("""{"operations":{"GetVpc":{"fail_next":3}}}""");
        await this.client.GetAsync($"/v1/{project}/vpcs/{Ids.Vpc}");

        JsonNode faults = await (await fixture.Host.Admin.GetAsync("/_emulator/faults")).ReadJsonAsync();

        Assert.Equal(2, (int)faults["operations"]!["GetVpc"]!["fail_next"]!);
    }

    [Fact]
    public async Task Malformed_faults_body_is_rejected()
    {
        HttpResponseMessage response = await fixture.Host.Admin.SendJsonAsync(HttpMethod.Put, "/_emulator/faults", "{\"global\": 5}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "EndPoint.0002");
    }
}

public sealed class StartupFaultTests
{
    [Fact]
    public async Task Faults_can_be_set_at_start_through_options()
    {
        await using EmulatorHost host = await EmulatorHost.StartAsync(o => o.Faults = new FaultSettings
        {
            Operations = new Dictionary<string, FaultRule> { ["GetVpc"] = new FaultRule { FailNext = 1 } },
        });
        using HttpClient client = host.CreateClient();
        string path = $"/v1/{Ids.NewProject()}/vpcs/{Ids.Vpc}";

        await (await client.GetAsync(path)).AssertErrorAsync(HttpStatusCode.InternalServerError, "EndPoint.0001");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Faults_can_be_set_at_start_through_configuration()
    {
        var app = EmulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Emulator:Faults:Operations:GetVpc:FailNext=1", "--Emulator:Faults:Operations:GetVpc:ErrorCode=EndPoint.0022", "--Emulator:Faults:Operations:GetVpc:ErrorStatus=400"]);
        var options = app.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<EmulatorOptions>)) as Microsoft.Extensions.Options.IOptions<EmulatorOptions>;

        FaultRule rule = options!.Value.Faults.Operations["GetVpc"];

        Assert.Equal(1, rule.FailNext);
        Assert.Equal("EndPoint.0022", rule.ErrorCode);
        Assert.Equal(400, rule.ErrorStatus);
        await app.DisposeAsync();
    }
}
