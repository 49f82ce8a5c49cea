using Xunit.Abstractions;

namespace Vpcep.EndToEnd.Tests;

/// <summary>
/// Pacing that holds across workers: two self-host processes on one task hub provision under an emulator limited to
/// 5 calls/s per project (a token bucket of 3, answering the gateway's <c>APIG.0308</c> beyond it), each configured to
/// pace the project at 4 calls/s. Paced per process they would send up to 8 calls/s together; sharing one schedule
/// in the task hub's storage they stay under the limit, so the emulator throttles next to nothing.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(SerialTimingCollection.Name)]
public sealed class SharedPacingTests(ITestOutputHelper output)
{
    private const string RateLimit = """{"global":{"rate_limit_per_second":5,"burst":3,"throttle_mode":"gateway"}}""";

    [Fact]
    public async Task Two_self_hosts_on_one_task_hub_share_the_project_rate_and_no_request_fails_for_throttling()
    {
        var scenario = new ChaosScenario(
            "shared pacing: two self-hosts, 3.5/s shared under a 5/s limit", Requests: 60, Hosts: 2, KillsAfter: [], Restart: false, RateLimit,
            HostSettings: ["--HuaweiCloud:MaxRequestsPerSecondPerProject=3.5"]);

        ChaosReport report = await ChaosRun.RunAsync(scenario, TimeSpan.FromMinutes(4));
        output.WriteLine(report.ToString());

        // Zero throttled failures: every request accepted. Throttled answers (each retried) stay at scheduling jitter:
        // calls sent on time can reach the emulator bunched on a loaded 2-core machine. At 4.5/s under a 5/s limit with
        // a burst of 2 that was 0 to 10 % of calls, too close to the control; 4/s with a burst of 3 drew 0 of 80 and, in a
        // later run, 5 of 92 (all creates); 3.5/s leaves room for the jitter while two hosts at 4/s each (the control)
        // still offer 8/s.
        Assert.True(report.Throttled * 20 <= report.ApiCalls, $"{report.Throttled} of {report.ApiCalls} calls throttled");
        Assert.Equal(report.Requests, report.Terminal);
        Assert.Equal(report.Requests, report.Outcomes.GetValueOrDefault("accepted"));
        Assert.Equal(report.Requests, report.Endpoints);
        Assert.True(report.ApiCalls / report.Elapsed.TotalSeconds <= 4, $"{report.ApiCalls} calls in {report.Elapsed}");
    }

    [Fact]
    public async Task Paced_per_process_instead_the_same_two_self_hosts_are_throttled()
    {
        // The control: the same two self-hosts with sharing off, each at 4/s, show the test above can fail.
        var scenario = new ChaosScenario(
            "per-process pacing: two self-hosts, 4/s each under a 5/s limit", Requests: 60, Hosts: 2, KillsAfter: [], Restart: false, RateLimit,
            HostSettings: ["--HuaweiCloud:MaxRequestsPerSecondPerProject=4", "--SharedPacing:Enabled=false"]);

        ChaosReport report = await ChaosRun.RunAsync(scenario, TimeSpan.FromMinutes(4));
        output.WriteLine(report.ToString());

        Assert.True(report.Throttled * 10 >= report.ApiCalls, $"two self-hosts pacing on their own: only {report.Throttled} of {report.ApiCalls} calls throttled");
    }
}

/// <summary>Tests whose figures depend on timing run alone, after the parallel ones, so other tests' load does not skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTimingCollection
{
    public const string Name = "serial timing";
}
