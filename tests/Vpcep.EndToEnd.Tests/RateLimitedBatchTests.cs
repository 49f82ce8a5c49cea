using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Vpcep.EndToEnd.Tests;

/// <summary>A stack whose emulator throttles every project above 5 requests per second.</summary>
public sealed class RateLimitedStack : ProvisioningStack
{
    public const double ServiceLimit = 5;

    protected override IEnumerable<string> EmulatorArguments() =>
        [$"--Emulator:Faults:Global:RateLimitPerSecond={ServiceLimit}", "--Emulator:Faults:Global:ThrottleMode=endpoint"];

    // The client paces itself a little under the service's limit.
    protected override IEnumerable<string> SelfHostArguments() =>
        ["--HuaweiCloud:MaxRequestsPerSecondPerProject=4.5", "--Provisioning:PollInterval=00:00:03"];
}

public sealed class RateLimitedBatchTests(RateLimitedStack stack, ITestOutputHelper output) : IClassFixture<RateLimitedStack>
{
    [Fact]
    public async Task A_batch_of_100_under_a_5_per_second_rate_limit_completes_with_no_request_failed_by_throttling()
    {
        string batchId = "paced-" + Guid.NewGuid().ToString("N")[..10];
        var requests = new JsonArray();
        for (int i = 0; i < 100; i++)
        {
            requests.Add(new JsonObject
            {
                ["project_id"] = WebhookProvisioningTests.ProjectId,
                ["endpoint"] = new JsonObject
                {
                    ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
                    ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                    ["endpoint_service_id"] = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
                },
            });
        }

        var clock = Stopwatch.StartNew();
        await QueueHelpers.SendAsync(stack, new JsonObject { ["batch_id"] = batchId, ["requests"] = requests });
        JsonElement batch = await QueueHelpers.WaitForBatchAsync(stack, batchId, TimeSpan.FromMinutes(10));
        clock.Stop();

        JsonElement counts = batch.GetProperty("counts");
        Assert.Equal(100, counts.GetProperty("accepted").GetInt32());
        Assert.False(counts.TryGetProperty("failed", out _), $"failed items: {batch}");
        Assert.Equal(100, (await stack.EmulatorEndpointsAsync()).Length);

        JsonElement requestCounts = await stack.EmulatorAdmin.GetFromJsonAsync<JsonElement>("/_emulator/requests");
        long total = requestCounts.EnumerateObject().Sum(p => p.Value.GetInt64());
        output.WriteLine($"100 endpoints in {clock.Elapsed.TotalSeconds:F1} s; {total} API requests ({total / 100.0:F1} per endpoint, {total / clock.Elapsed.TotalSeconds:F2}/s); counts: {requestCounts}");
    }
}
