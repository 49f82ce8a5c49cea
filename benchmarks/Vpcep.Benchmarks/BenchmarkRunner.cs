using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.Testing;

namespace Vpcep.Benchmarks;

/// <summary>
/// <c>bench [latency|batch|paced|all|intake|scale [N ...]|chaos]</c>: end-to-end figures of the workflow on this machine.
/// Each scenario starts its own stack (Azurite, emulator, self-host) and prints one result row.
/// </summary>
internal static class BenchmarkRunner
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        string scenario = args.FirstOrDefault() ?? "all";
        var results = new List<string>();
        bool ok = true;
        if (scenario is "latency" or "all")
        {
            results.Add(await LatencyAsync(requests: 20));
        }

        if (scenario is "batch" or "all")
        {
            results.Add(await BatchAsync(items: 200));
        }

        if (scenario is "paced" or "all")
        {
            (string row, bool passed) = await PacedAsync(items: 100, serviceLimit: 5, pacing: 4.5);
            results.Add(row);
            ok &= passed;
        }

        if (scenario is "intake")
        {
            results.Add(await IntakeBenchmark.RunAsync(requests: 400));
        }

        if (scenario is "scale")
        {
            int[] sizes = args.Length > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, Invariant))] : [50, 200, 500];
            foreach (int size in sizes)
            {
                (string row, bool passed) = await ScaleBenchmark.RunAsync(size);
                Console.WriteLine(row);
                results.Add(row);
                ok &= passed;
            }
        }

        if (scenario is "chaos")
        {
            string? only = args.Skip(1).FirstOrDefault();
            foreach (ChaosScenario chaos in ChaosScenarios.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
            {
                ChaosReport report = await ChaosRun.RunAsync(chaos, TimeSpan.FromMinutes(10));
                bool passed = report.Lost == 0 && report.DuplicateEndpoints == 0 && report.Misreported == 0 && report.Terminal == report.Requests
                    && report.Notified == report.Requests && report.LongestStallAfterRecovery <= TimeSpan.FromSeconds(30)
                    && report.Outcomes.GetValueOrDefault("accepted") == report.Requests;
                results.Add($"| chaos: {chaos.Name} | {(passed ? "PASS" : "FAIL")}: {report} |");
                ok &= passed;
            }
        }

        if (results.Count == 0)
        {
            await Console.Error.WriteLineAsync("usage: bench [latency|batch|paced|all|intake|scale [N ...]|chaos [name part]]");
            return 2;
        }

        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("| scenario | result |");
        Console.WriteLine("|---|---|");
        foreach (string row in results)
        {
            Console.WriteLine(row);
        }

        return ok ? 0 : 1;
    }

    /// <summary>
    /// The chaos suite (<c>./build.sh chaos</c>): self-hosts killed with SIGKILL mid-run, alone or beside another
    /// host on the same task hub, with and without emulator faults (5xx and commit-then-drop on create).
    /// </summary>
    private static readonly ChaosScenario[] ChaosScenarios =
    [
        new("one self-host killed three times during 200 requests", 200, Hosts: 1,
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(80)], Restart: true),
        new("two self-hosts on one task hub, one killed for good, 100 requests", 100, Hosts: 2, [TimeSpan.FromSeconds(10)], Restart: false),
        new("one kill, 20 % 5xx and 10 % commit-then-drop on create, 100 requests", 100, Hosts: 1, [TimeSpan.FromSeconds(10)], Restart: true,
            """{"operations":{"CreateEndpoint":{"error_rate":0.2,"error_status":500,"error_code":"EndPoint.0001","drop_rate":0.1}}}"""),
        new("storage outage: Azurite stopped for 40 s and restarted on the same data, 100 requests", 100, Hosts: 1, [], Restart: true,
            StorageOutageAfter: TimeSpan.FromSeconds(10), StorageOutage: TimeSpan.FromSeconds(40)),
        new("throttled: 40 requests against a 3 requests/s limit, no client pacing", 40, Hosts: 1, [], Restart: true,
            """{"global":{"rate_limit_per_second":3,"burst":3,"throttle_mode":"gateway"}}"""),
    ];

    /// <summary>Webhook to completed, one request at a time; the emulator creates at once, so this is the workflow's own overhead.</summary>
    private static async Task<string> LatencyAsync(int requests)
    {
        await using BenchmarkStack stack = await BenchmarkStack.StartAsync(
            ["--Emulator:CreationDelay=00:00:00"],
            ["--Provisioning:InitialPollDelay=00:00:00", "--Provisioning:PollInterval=00:00:01", "--DurableTask:MaxQueuePollingInterval=00:00:00.100"]);
        await RunOneAsync(stack, "warm-up");
        var samples = new List<double>();
        for (int i = 0; i < requests; i++)
        {
            samples.Add((await RunOneAsync(stack, $"latency-{i}")).TotalMilliseconds);
        }

        samples.Sort();
        return string.Create(Invariant,
            $"| webhook 202 to completed (accepted), {requests} sequential requests, creation instant | p50 {Percentile(samples, 0.5):F0} ms, p95 {Percentile(samples, 0.95):F0} ms, max {samples[^1]:F0} ms |");
    }

    private static async Task<TimeSpan> RunOneAsync(BenchmarkStack stack, string tag)
    {
        var clock = Stopwatch.StartNew();
        using HttpResponseMessage response = await stack.Api.PostAsJsonAsync("/api/vpc-endpoints", BenchmarkStack.Request(tag));
        response.EnsureSuccessStatusCode();
        JsonElement state = await stack.WaitForEndAsync(response.Headers.Location!.ToString(), TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(20));
        clock.Stop();
        string? result = state.GetProperty("outcome").GetProperty("result").GetString();
        return result == "accepted" ? clock.Elapsed : throw new InvalidOperationException($"{tag} ended as {result}.");
    }

    /// <summary>One queue message with many requests, no rate limit: how fast the stack drains a batch.</summary>
    private static async Task<string> BatchAsync(int items)
    {
        await using BenchmarkStack stack = await BenchmarkStack.StartAsync(
            ["--Emulator:CreationDelay=00:00:02"],
            ["--Provisioning:InitialPollDelay=00:00:02", "--Provisioning:PollInterval=00:00:02", "--DurableTask:MaxQueuePollingInterval=00:00:00.500"]);
        (TimeSpan elapsed, JsonElement counts, long calls) = await RunBatchAsync(stack, "batch", items, TimeSpan.FromMinutes(15));
        return string.Create(Invariant,
            $"| batch of {items} via one queue message, creation 2 s, no rate limit | {elapsed.TotalSeconds:F1} s to all ended ({items / elapsed.TotalSeconds:F1} endpoints/s); {Describe(counts)}; {calls} API calls ({calls / (double)items:F1} per endpoint) |");
    }

    /// <summary>The queue issue's target: a batch under the service's per-project rate limit, paced by the client, ends with no throttling failure.</summary>
    private static async Task<(string Row, bool Passed)> PacedAsync(int items, double serviceLimit, double pacing)
    {
        await using BenchmarkStack stack = await BenchmarkStack.StartAsync(
            [$"--Emulator:Faults:Global:RateLimitPerSecond={serviceLimit.ToString(Invariant)}", "--Emulator:CreationDelay=00:00:01"],
            [$"--HuaweiCloud:MaxRequestsPerSecondPerProject={pacing.ToString(Invariant)}", "--Provisioning:PollInterval=00:00:03"]);
        (TimeSpan elapsed, JsonElement counts, long calls) = await RunBatchAsync(stack, "paced", items, TimeSpan.FromMinutes(15));
        int accepted = counts.TryGetProperty("accepted", out JsonElement a) ? a.GetInt32() : 0;
        int endpoints = await stack.EndpointCountAsync();
        bool passed = accepted == items && endpoints == items;
        return (string.Create(Invariant,
            $"| batch of {items}, service limit {serviceLimit}/s per project, client pacing {pacing}/s | {(passed ? "PASS" : "FAIL")}: {Describe(counts)}, {endpoints} endpoints, {elapsed.TotalSeconds:F1} s, {calls} API calls ({calls / elapsed.TotalSeconds:F2}/s) |"), passed);
    }

    private static async Task<(TimeSpan Elapsed, JsonElement Counts, long Calls)> RunBatchAsync(BenchmarkStack stack, string name, int items, TimeSpan within)
    {
        string batchId = $"{name}-{Guid.NewGuid():N}";
        var requests = new JsonArray();
        for (int i = 0; i < items; i++)
        {
            requests.Add(BenchmarkStack.Request($"{name}-{i}"));
        }

        var clock = Stopwatch.StartNew();
        await stack.EnqueueAsync(new JsonObject { ["batch_id"] = batchId, ["requests"] = requests });
        JsonElement state = await stack.WaitForEndAsync($"/api/batches/{batchId}", within, TimeSpan.FromMilliseconds(250));
        clock.Stop();
        return (clock.Elapsed, state.GetProperty("counts"), await stack.ApiCallsAsync());
    }

    private static string Describe(JsonElement counts) =>
        string.Join(", ", counts.EnumerateObject().Select(p => $"{p.Value.GetInt32()} {p.Name}"));

    /// <summary>The value at quantile <paramref name="p"/> of an ascending list (nearest rank); NaN for none.</summary>
    internal static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
