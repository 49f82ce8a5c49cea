using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Vpcep.Emulator;

namespace Vpcep.Testing;

/// <summary>A chaos scenario: requests submitted to self-host processes that are killed (SIGKILL) while they work.</summary>
/// <param name="Name">What the scenario is called in reports.</param>
/// <param name="Requests">How many provisioning requests are submitted.</param>
/// <param name="Hosts">Self-host processes sharing the task hub.</param>
/// <param name="KillsAfter">When to kill the first host, counted from the first submission; it is restarted after each kill unless <paramref name="Restart"/> is false.</param>
/// <param name="Restart">Whether a killed host is started again (with one host it must be).</param>
/// <param name="EmulatorFaults">Emulator faults in its admin JSON (snake_case), or none.</param>
/// <param name="StorageOutageAfter">When Azurite itself is killed (a storage outage), counted from the first submission; none: never.</param>
/// <param name="StorageOutage">How long the storage stays down before Azurite is started again on the same data.</param>
/// <param name="CreationDelay">How long each endpoint stays <c>creating</c> in the emulator; none: 3 s.</param>
/// <param name="HostSettings">More command-line settings for every self-host (for example pacing).</param>
public sealed record ChaosScenario(
    string Name, int Requests, int Hosts, IReadOnlyList<TimeSpan> KillsAfter, bool Restart, string? EmulatorFaults = null,
    TimeSpan? StorageOutageAfter = null, TimeSpan StorageOutage = default, TimeSpan? CreationDelay = null, IReadOnlyList<string>? HostSettings = null);

/// <summary>What a chaos scenario left behind.</summary>
public sealed record ChaosReport(
    string Name,
    int Requests,
    int Terminal,
    int Lost,
    int Endpoints,
    int DuplicateEndpoints,
    int Misreported,
    int Notified,
    int DuplicateNotifications,
    TimeSpan LongestStallAfterRecovery,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<string> Failures)
{
    /// <summary>Cloud API calls the emulator received (every attempt, throttled ones included).</summary>
    public long ApiCalls { get; init; }

    /// <summary>Calls the emulator's rate limit refused.</summary>
    public long Throttled { get; init; }

    /// <summary>The throttled answers by operation.</summary>
    public IReadOnlyDictionary<string, long> ThrottledOperations { get; init; } = new Dictionary<string, long>();

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Requests} requests, {Terminal} terminal ({string.Join(", ", Outcomes.Select(o => $"{o.Value} {o.Key}"))}), {Endpoints} endpoints, " +
        $"{DuplicateEndpoints} duplicate, {Lost} lost, {Misreported} misreported, {Notified} notified ({DuplicateNotifications} repeated deliveries), " +
        $"longest stall after recovery {LongestStallAfterRecovery.TotalSeconds:F1} s, {Elapsed.TotalSeconds:F0} s in all, " +
        $"{ApiCalls} API calls ({ApiCalls / Elapsed.TotalSeconds:F2}/s), {Throttled} throttled ({string.Join(", ", ThrottledOperations.Select(o => $"{o.Key} {o.Value}"))})") +
        (Failures.Count == 0 ? "" : "; failures: " + string.Join(" | ", Failures));
}

/// <summary>
/// Runs a <see cref="ChaosScenario"/> on a real stack: Azurite (a process), the emulator (in process), and the
/// self-host as separate processes that are killed with SIGKILL mid-run. It then checks every request: terminal,
/// exactly one endpoint per request, the outcome naming the endpoint the request made, a notification.
/// </summary>
public static class ChaosRun
{
    private const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    private const string TagKey = "chaos";

    public static async Task<ChaosReport> RunAsync(ChaosScenario scenario, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using AzuriteProcess azurite = await AzuriteProcess.StartAsync();
        WebApplication emulator = EmulatorApp.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", $"--Emulator:CreationDelay={(scenario.CreationDelay ?? TimeSpan.FromSeconds(3)).ToString("c", CultureInfo.InvariantCulture)}"]);
        Uri emulatorUrl = await InProcessServer.StartAsync(emulator);
        using var admin = new HttpClient { BaseAddress = emulatorUrl, Timeout = TimeSpan.FromSeconds(30) };
        var hosts = new List<SelfHostProcess>();
        try
        {
            if (scenario.EmulatorFaults is { } faults)
            {
                using HttpResponseMessage set = await admin.PutAsync(new Uri("/_emulator/faults", UriKind.Relative), new StringContent(faults, System.Text.Encoding.UTF8, "application/json"));
                set.EnsureSuccessStatusCode();
            }

            string hub = "chaos" + Guid.NewGuid().ToString("N")[..12];
            string[] settings =
            [
                $"--DurableTask:ConnectionString={azurite.ConnectionString}",
                $"--DurableTask:TaskHubName={hub}",
                "--DurableTask:MaxQueuePollingInterval=00:00:00.500",
                $"--HuaweiCloud:BaseUrl={emulatorUrl}",
                $"--HuaweiCloud:AccessKey={EmulatorOptions.DefaultAccessKey}",
                $"--HuaweiCloud:SecretKey={EmulatorOptions.DefaultSecretKey}",
                "--HuaweiCloud:RequestTimeout=00:00:05",
                "--Provisioning:InitialPollDelay=00:00:02",
                "--Provisioning:PollInterval=00:00:01",
                "--Provisioning:FirstRetryInterval=00:00:00.500",
                "--ProvisioningQueue:Enabled=false",

                // The callbacks go to the emulator's sink, plain http on loopback: trusted for the run.
                "--Notifications:AllowHttp=true",
                $"--Notifications:AllowedHosts:0=127.0.0.1:{emulatorUrl.Port.ToString(CultureInfo.InvariantCulture)}",
                .. scenario.HostSettings ?? [],
            ];
            for (int i = 0; i < scenario.Hosts; i++)
            {
                hosts.Add(await SelfHostProcess.StartAsync(settings));
            }

            var clock = Stopwatch.StartNew();
            string sink = "chaos-" + Guid.NewGuid().ToString("N")[..8];
            string callback = new Uri(emulatorUrl, $"/_emulator/callbacks/{sink}").ToString();
            Dictionary<string, string> instances = await SubmitAsync(hosts, scenario.Requests, callback);

            // Kills happen while the requests are watched, so every recovery is measured, not only the last.
            var recoveries = new Recoveries();
            Task killing = KillAsync(scenario, hosts, clock, recoveries);
            Task outage = StorageOutageAsync(scenario, azurite, clock, recoveries);
            SelfHostProcess reader = scenario.Restart ? hosts[0] : hosts[^1];
            (Dictionary<string, JsonElement> ends, TimeSpan stall) = await WaitForEndsAsync(reader.Url, instances, recoveries, within);
            await killing;
            await outage;
            clock.Stop();
            return await ReportAsync(scenario, admin, sink, instances, ends, stall, clock.Elapsed);
        }
        finally
        {
            foreach (SelfHostProcess host in hosts)
            {
                await host.DisposeAsync();
            }

            await InProcessServer.StopAsync(emulator);
        }
    }

    private static async Task KillAsync(ChaosScenario scenario, List<SelfHostProcess> hosts, Stopwatch clock, Recoveries recoveries)
    {
        foreach (TimeSpan at in scenario.KillsAfter)
        {
            TimeSpan wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            recoveries.Down();
            hosts[0].Kill();
            if (scenario.Restart)
            {
                await hosts[0].StartAsync();
                recoveries.Up(hosts[0].ReadyAt);
            }
            else
            {
                recoveries.Up(DateTimeOffset.UtcNow); // the other hosts are ready already
            }
        }
    }

    private static async Task StorageOutageAsync(ChaosScenario scenario, AzuriteProcess azurite, Stopwatch clock, Recoveries recoveries)
    {
        if (scenario.StorageOutageAfter is not { } at)
        {
            return;
        }

        TimeSpan wait = at - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        recoveries.Down();
        await azurite.StopAsync();
        await Task.Delay(scenario.StorageOutage);
        await azurite.RestartAsync();
        recoveries.Up(DateTimeOffset.UtcNow);
    }

    /// <summary>When the hosts were last brought back (a kill then a ready host), and whether one is down now.</summary>
    private sealed class Recoveries
    {
        private readonly Lock gate = new();
        private DateTimeOffset? last;
        private bool down;

        public void Down()
        {
            lock (gate)
            {
                down = true;
            }
        }

        public void Up(DateTimeOffset at)
        {
            lock (gate)
            {
                down = false;
                last = at;
            }
        }

        public (DateTimeOffset? Last, bool Down) Now()
        {
            lock (gate)
            {
                return (last, down);
            }
        }
    }

    private static async Task<Dictionary<string, string>> SubmitAsync(List<SelfHostProcess> hosts, int count, string callback)
    {
        var instances = new Dictionary<string, string>(StringComparer.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (int i = 0; i < count; i++)
        {
            string tag = $"r{i.ToString("D4", CultureInfo.InvariantCulture)}";
            var body = new JsonObject
            {
                ["project_id"] = ProjectId,
                ["callback_url"] = callback,
                ["endpoint"] = new JsonObject
                {
                    ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                    ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
                    ["endpoint_service_id"] = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
                    ["tags"] = new JsonArray(new JsonObject { ["key"] = TagKey, ["value"] = tag }),
                },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(hosts[i % hosts.Count].Url, "/api/vpc-endpoints")) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", tag);
            using HttpResponseMessage answer = await http.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            JsonElement accepted = await answer.Content.ReadFromJsonAsync<JsonElement>();
            instances[tag] = accepted.GetProperty("instance_id").GetString()!;
        }

        return instances;
    }

    /// <summary>
    /// Polls every request until all have ended. The stall is the longest stretch, after a killed host was replaced
    /// by a ready one, in which no request moved: how long work held by the dead worker waited to resume.
    /// </summary>
    private static async Task<(Dictionary<string, JsonElement> Ends, TimeSpan Stall)> WaitForEndsAsync(
        Uri host, Dictionary<string, string> instances, Recoveries recoveries, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(10) };
        var ends = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset lastProgress = DateTimeOffset.MinValue;
        TimeSpan stall = TimeSpan.Zero;
        DateTime deadline = DateTime.UtcNow + within;
        while (ends.Count < instances.Count && DateTime.UtcNow < deadline)
        {
            bool moved = false;
            foreach ((string tag, string instanceId) in instances)
            {
                if (ends.ContainsKey(tag))
                {
                    continue;
                }

                try
                {
                    using HttpResponseMessage answer = await http.GetAsync(new Uri($"/api/vpc-endpoints/{instanceId}", UriKind.Relative));
                    if (!answer.IsSuccessStatusCode)
                    {
                        continue;
                    }

                    JsonElement state = (await answer.Content.ReadFromJsonAsync<JsonElement>()).Clone();
                    string fingerprint = string.Join('|', state.GetProperty("runtime_status").GetString(), Text(state, "phase"), Text(state, "endpoint_status"), Text(state, "polls"));
                    moved |= !seen.TryGetValue(tag, out string? before) || before != fingerprint;
                    seen[tag] = fingerprint;
                    if (state.GetProperty("runtime_status").GetString() is "Completed" or "Failed" or "Terminated")
                    {
                        ends[tag] = state;
                    }
                }
                catch (HttpRequestException)
                {
                    // The host is being restarted; the next round asks again.
                }
                catch (TaskCanceledException)
                {
                    // Likewise.
                }
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            if (moved)
            {
                lastProgress = now;
            }

            (DateTimeOffset? recoveredAt, bool down) = recoveries.Now();
            if (recoveredAt is { } since && !down && now > since && ends.Count < instances.Count)
            {
                TimeSpan quiet = now - (lastProgress > since ? lastProgress : since);
                stall = quiet > stall ? quiet : stall;
            }

            await Task.Delay(250);
        }

        return (ends, stall);
    }

    private static async Task<ChaosReport> ReportAsync(
        ChaosScenario scenario, HttpClient admin, string sink, Dictionary<string, string> instances, Dictionary<string, JsonElement> ends, TimeSpan stall, TimeSpan elapsed)
    {
        JsonElement endpoints = await admin.GetFromJsonAsync<JsonElement>(new Uri("/_emulator/endpoints", UriKind.Relative));
        Dictionary<string, List<string>> byTag = [];
        foreach (JsonElement endpoint in endpoints.GetProperty("endpoints").EnumerateArray())
        {
            foreach (JsonElement tag in endpoint.GetProperty("tags").EnumerateArray())
            {
                if (tag.GetProperty("key").GetString() == TagKey)
                {
                    string value = tag.GetProperty("value").GetString()!;
                    (byTag.TryGetValue(value, out List<string>? ids) ? ids : byTag[value] = []).Add(endpoint.GetProperty("id").GetString()!);
                }
            }
        }

        int misreported = 0;
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string tag, JsonElement state) in ends)
        {
            JsonElement outcome = state.TryGetProperty("outcome", out JsonElement o) ? o : default;
            string result = outcome.ValueKind == JsonValueKind.Object ? outcome.GetProperty("result").GetString()! : state.GetProperty("runtime_status").GetString()!;
            outcomes[result] = outcomes.GetValueOrDefault(result) + 1;
            if (state.TryGetProperty("failure", out JsonElement failure) && failure.ValueKind == JsonValueKind.String && failures.Count < 3)
            {
                failures.Add(failure.GetString()!);
            }
            string? named = outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("endpoint", out JsonElement e) && e.ValueKind == JsonValueKind.Object
                ? e.GetProperty("id").GetString()
                : null;
            List<string> made = byTag.GetValueOrDefault(tag) ?? [];
            if (made.Count > 0 && !made.Contains(named ?? ""))
            {
                misreported++;
            }
        }

        JsonElement callbacks = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/_emulator/callbacks/{sink}", UriKind.Relative));
        var eventIds = new List<string>();
        foreach (JsonElement record in callbacks.GetProperty("callbacks").EnumerateArray())
        {
            JsonElement headers = record.GetProperty("headers");
            eventIds.Add(headers.EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, "webhook-id", StringComparison.OrdinalIgnoreCase)).Value.GetString() ?? "");
        }

        HashSet<string> expected = [.. instances.Values.Select(id => "outcome_" + id)];
        Dictionary<string, long> calls = await admin.GetFromJsonAsync<Dictionary<string, long>>(new Uri("/_emulator/requests", UriKind.Relative)) ?? [];
        JsonElement throttled = await admin.GetFromJsonAsync<JsonElement>(new Uri("/_emulator/throttled", UriKind.Relative));
        return new ChaosReport(
            scenario.Name,
            instances.Count,
            ends.Count,
            instances.Count - ends.Count,
            byTag.Values.Sum(v => v.Count),
            byTag.Values.Count(v => v.Count > 1),
            misreported,
            eventIds.Where(expected.Contains).Distinct().Count(),
            eventIds.Count - eventIds.Distinct().Count(),
            stall,
            elapsed,
            outcomes,
            [.. failures])
        {
            ApiCalls = calls.Values.Sum(),
            Throttled = throttled.GetProperty("total").GetInt64(),
            ThrottledOperations = throttled.GetProperty("operations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal),
        };
    }

    private static string Text(JsonElement state, string name) =>
        state.TryGetProperty(name, out JsonElement value) ? value.ToString() : "";
}
