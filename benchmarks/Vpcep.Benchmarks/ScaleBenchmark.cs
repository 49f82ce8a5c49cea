using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Emulator;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.Benchmarks;

/// <summary>
/// <c>bench scale [N ...]</c>: batches of N endpoints with an emulated creation time of 60 s under a 10 requests/s
/// limit per project, as the "batches at the speed of the API" issue keeps score: API calls per endpoint (throttled
/// answers included), the makespan against the physical limit N/R + T, detection lag (the emulator's ready time to the
/// outcome's <c>completed_at</c>), self-host and Azurite CPU and memory. Then a Terraform-style waiter (create, poll at
/// 5 s and every 3 s, a final read) provisions as many endpoints on the same emulator, with every endpoint in parallel
/// and no rate limit (its calls would not fit under one), and the ratios are printed.
/// </summary>
internal static class ScaleBenchmark
{
    private const double RateLimit = 10;
    private const int ItemsPerMessage = 100;
    private static readonly TimeSpan CreationTime = TimeSpan.FromSeconds(60);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // The fixtures' subnets are /24s: each run gets /20s of its own in the default VPC, one for the workflow, one for the waiter.
    private const string WorkflowSubnet = "5a000000-0000-4000-8000-000000000001";
    private const string WaiterSubnet = "5a000000-0000-4000-8000-000000000002";

    public static async Task<(string Row, bool Passed)> RunAsync(int items)
    {
        await using BenchmarkStack stack = await BenchmarkStack.StartAsync(
            [
                $"--Emulator:CreationDelay={CreationTime.ToString("c", Invariant)}",
                $"--Emulator:Faults:Global:RateLimitPerSecond={RateLimit.ToString(Invariant)}",
                $"--Emulator:Faults:Global:Burst={RateLimit.ToString(Invariant)}",
                "--Emulator:Faults:Global:ThrottleMode=gateway",
            ],
            [$"--HuaweiCloud:MaxRequestsPerSecondPerProject={(RateLimit * 0.95).ToString(Invariant)}"]);

        await SeedSubnetsAsync(stack);
        Workflow ours = await RunWorkflowAsync(stack, items);
        int endpoints = await stack.EndpointCountAsync();

        // The waiter starts on an emptied emulator (the project's quota is 500 endpoints) without the rate limit.
        (await stack.Emulator.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();
        await SeedSubnetsAsync(stack);
        Waiter theirs = await RunWaiterAsync(stack, items);

        double physical = (items / RateLimit) + CreationTime.TotalSeconds;
        double perEndpoint = ours.Calls.Values.Sum() / (double)items;
        double theirsPerEndpoint = theirs.Calls.Values.Sum() / (double)items;
        bool passed = ours.Accepted == items && endpoints == items && perEndpoint <= 3 && ours.Makespan.TotalSeconds <= 1.2 * physical && BenchmarkRunner.Percentile(ours.Lags, 0.5) <= 2;
        string row = string.Create(Invariant,
            $"| scale: {items} endpoints, T = {CreationTime.TotalSeconds:F0} s, limit {RateLimit} requests/s | {(passed ? "PASS" : "FAIL")}: " +
            $"{ours.Accepted}/{items} accepted, {endpoints} endpoints; {perEndpoint:F2} API calls per endpoint ({Describe(ours.Calls, items)}); " +
            $"makespan {ours.Makespan.TotalSeconds:F1} s = {ours.Makespan.TotalSeconds / physical:F2} x the physical limit N/R + T = {physical:F0} s; " +
            $"detection lag p50 {BenchmarkRunner.Percentile(ours.Lags, 0.5):F2} s, p95 {BenchmarkRunner.Percentile(ours.Lags, 0.95):F2} s; " +
            $"self-host+emulator process CPU {ours.HostCpu.TotalSeconds:F0} s, RSS {ours.HostRss / 1048576} MiB; Azurite CPU {ours.AzuriteCpu.TotalSeconds:F0} s, RSS {ours.AzuriteRss / 1048576} MiB | " +
            $"Terraform-style waiter, unthrottled, all in parallel: {theirsPerEndpoint:F2} calls per endpoint ({Describe(theirs.Calls, items)}), makespan {theirs.Makespan.TotalSeconds:F1} s, " +
            $"lag p50 {BenchmarkRunner.Percentile(theirs.Lags, 0.5):F2} s, p95 {BenchmarkRunner.Percentile(theirs.Lags, 0.95):F2} s; its calls need {theirs.Calls.Values.Sum() / RateLimit:F0} s at {RateLimit} requests/s. " +
            $"Ratios (ours / waiter): calls {perEndpoint / theirsPerEndpoint:F3}, lag p50 {BenchmarkRunner.Percentile(ours.Lags, 0.5) / BenchmarkRunner.Percentile(theirs.Lags, 0.5):F2} |");
        return (row, passed);
    }

    private sealed record Workflow(int Accepted, TimeSpan Makespan, Dictionary<string, long> Calls, List<double> Lags, TimeSpan HostCpu, long HostRss, TimeSpan AzuriteCpu, long AzuriteRss);

    private sealed record Waiter(TimeSpan Makespan, Dictionary<string, long> Calls, List<double> Lags);

    private static async Task<Workflow> RunWorkflowAsync(BenchmarkStack stack, int items)
    {
        string run = Guid.NewGuid().ToString("N")[..8];
        string sink = "scale-" + run;
        Dictionary<string, long> before = await stack.ApiCallsByOperationAsync();
        using var self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        (TimeSpan Cpu, long ResidentBytes) azuriteBefore = stack.AzuriteUsage() ?? default;
        var batches = new List<string>();
        var clock = Stopwatch.StartNew();
        for (int first = 0; first < items; first += ItemsPerMessage)
        {
            // A queue message holds at most 64 KiB: a big batch goes as several messages.
            var requests = new JsonArray();
            for (int i = first; i < Math.Min(items, first + ItemsPerMessage); i++)
            {
                JsonObject request = BenchmarkStack.Request($"scale-{run}-{i}");
                request["endpoint"]!["subnet_id"] = WorkflowSubnet;
                request["callback_url"] = new Uri(stack.EmulatorUrl, $"/_emulator/callbacks/{sink}").ToString();
                requests.Add(request);
            }

            string batchId = $"scale-{run}-{first}";
            batches.Add(batchId);
            await stack.EnqueueAsync(new JsonObject { ["batch_id"] = batchId, ["requests"] = requests });
        }

        int accepted = 0;
        foreach (string batchId in batches)
        {
            JsonElement state = await stack.WaitForEndAsync($"/api/batches/{batchId}", TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1));
            accepted += state.GetProperty("counts").TryGetProperty("accepted", out JsonElement a) ? a.GetInt32() : 0;
        }

        clock.Stop();
        self.Refresh();
        TimeSpan hostCpu = self.TotalProcessorTime - cpuBefore;
        (TimeSpan Cpu, long ResidentBytes) azuriteAfter = stack.AzuriteUsage() ?? default;
        Dictionary<string, long> calls = Subtract(await stack.ApiCallsByOperationAsync(), before);

        Dictionary<string, DateTimeOffset> ready = await stack.ReadyTimesAsync();
        JsonElement callbacks = await stack.Emulator.GetFromJsonAsync<JsonElement>($"/_emulator/callbacks/{sink}");
        var lags = new List<double>();
        foreach (JsonElement callback in callbacks.GetProperty("callbacks").EnumerateArray())
        {
            JsonElement body = callback.GetProperty("body");
            if (body.TryGetProperty("endpoint", out JsonElement endpoint) && endpoint.ValueKind == JsonValueKind.Object
                && ready.TryGetValue(endpoint.GetProperty("id").GetString()!, out DateTimeOffset readyAt))
            {
                lags.Add((body.GetProperty("completed_at").GetDateTimeOffset() - readyAt).TotalSeconds);
            }
        }

        lags.Sort();
        return new Workflow(accepted, clock.Elapsed, calls, lags, hostCpu, self.WorkingSet64, azuriteAfter.Cpu - azuriteBefore.Cpu, azuriteAfter.ResidentBytes);
    }

    /// <summary>Terraform's huaweicloud_vpcep_endpoint create: the create call, a wait of 5 s, a status read every 3 s until the endpoint leaves <c>creating</c>, then the resource read.</summary>
    private static async Task<Waiter> RunWaiterAsync(BenchmarkStack stack, int items)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HuaweiCloud:BaseUrl"] = stack.EmulatorUrl.ToString(),
            ["HuaweiCloud:AccessKey"] = EmulatorOptions.DefaultAccessKey,
            ["HuaweiCloud:SecretKey"] = EmulatorOptions.DefaultSecretKey,
        }).Build();
        await using ServiceProvider services = new ServiceCollection().AddLogging().AddHuaweiCloud(configuration).BuildServiceProvider();
        VpcepClient client = services.GetRequiredService<VpcepClient>();
        var scope = new ProjectScope(BenchmarkStack.ProjectId, "cn-north-4");
        Dictionary<string, long> before = await stack.ApiCallsByOperationAsync();
        var seenAt = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, items).Select(async i =>
        {
            VpcEndpoint created = await client.CreateEndpointAsync(scope, new CreateEndpointRequest
            {
                EndpointServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
                VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                SubnetId = WaiterSubnet,
                Tags = [new ResourceTag("bench", $"waiter-{i}")],
            });
            await Task.Delay(TimeSpan.FromSeconds(5));
            while ((await client.GetEndpointAsync(scope, created.Id)).Status == EndpointStatus.Creating)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            seenAt[created.Id] = DateTimeOffset.UtcNow;
            await client.GetEndpointAsync(scope, created.Id);
        }));
        clock.Stop();
        Dictionary<string, long> calls = Subtract(await stack.ApiCallsByOperationAsync(), before);
        Dictionary<string, DateTimeOffset> ready = await stack.ReadyTimesAsync();
        List<double> lags = [.. seenAt.Select(s => (s.Value - ready[s.Key]).TotalSeconds).Order()];
        return new Waiter(clock.Elapsed, calls, lags);
    }

    private static async Task SeedSubnetsAsync(BenchmarkStack stack) =>
        (await stack.Emulator.PostAsJsonAsync("/_emulator/fixtures", new JsonObject
        {
            ["subnets"] = new JsonArray(
                Subnet(WorkflowSubnet, "192.168.16.0/20", "192.168.16.1"),
                Subnet(WaiterSubnet, "192.168.32.0/20", "192.168.32.1")),
        })).EnsureSuccessStatusCode();

    private static JsonObject Subnet(string id, string cidr, string gateway) => new()
    {
        ["id"] = id,
        ["name"] = "bench-" + id[^4..],
        ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
        ["cidr"] = cidr,
        ["gateway_ip"] = gateway,
        ["status"] = "ACTIVE",
    };

    private static Dictionary<string, long> Subtract(Dictionary<string, long> after, Dictionary<string, long> before) =>
        after.Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .ToDictionary(p => p.Key, p => p.Count, StringComparer.Ordinal);

    private static string Describe(Dictionary<string, long> calls, int items) =>
        string.Join(", ", calls.OrderByDescending(c => c.Value).Select(c => string.Create(Invariant, $"{c.Key} {c.Value / (double)items:F2}")));

}
