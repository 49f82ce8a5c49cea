using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Benchmarks;

/// <summary>
/// <c>bench intake</c>: how fast the webhook accepts requests (202 answers per second and their p50/p99 at a
/// concurrency of 32, each with its own Idempotency-Key), next to how fast a bare <c>DurableTaskClient</c> starts
/// the same orchestrations on the same Azurite, which is the engine's own limit here.
/// </summary>
internal static class IntakeBenchmark
{
    private const int Concurrency = 32;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<string> RunAsync(int requests)
    {
        await using BenchmarkStack stack = await BenchmarkStack.StartAsync(["--Emulator:CreationDelay=00:00:00"], []);
        string run = Guid.NewGuid().ToString("N")[..8];
        await WebhookAsync(stack, $"warm-{run}", 0);
        (double rate, List<double> latencies) webhook = await MeasureAsync(requests, i => WebhookAsync(stack, run, i));

        DurableTaskClient client = stack.SelfHostServices.GetRequiredService<DurableTaskClient>();
        var settings = WorkflowSettings.From(new ProvisioningOptions());
        (double rate, List<double> latencies) bare = await MeasureAsync(requests, async i =>
        {
            var request = new ProvisioningRequest
            {
                ProjectId = BenchmarkStack.ProjectId,
                Region = "cn-north-4",
                Endpoint = new Vpcep.HuaweiCloud.Models.CreateEndpointRequest
                {
                    EndpointServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
                    VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                    SubnetId = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
                },
            };
            await client.ScheduleNewOrchestrationInstanceAsync(
                ProvisionEndpointOrchestrator.Name, new ProvisioningInput(request, null, settings), new StartOrchestrationOptions($"vpcep-bare{run}{i:D18}"));
        });

        return string.Create(Invariant,
            $"| intake: {requests} webhook requests at concurrency {Concurrency}, each with an Idempotency-Key | {webhook.rate:F1} accepted/s, p50 {BenchmarkRunner.Percentile(webhook.latencies, 0.5):F0} ms, p99 {BenchmarkRunner.Percentile(webhook.latencies, 0.99):F0} ms; " +
            $"a bare DurableTaskClient starting the same orchestrations: {bare.rate:F1} starts/s, p50 {BenchmarkRunner.Percentile(bare.latencies, 0.5):F0} ms, p99 {BenchmarkRunner.Percentile(bare.latencies, 0.99):F0} ms; webhook / bare: {webhook.rate / bare.rate:F2} |");
    }

    private static async Task WebhookAsync(BenchmarkStack stack, string run, int i)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/vpc-endpoints")
        {
            Content = JsonContent.Create(BenchmarkStack.Request($"intake-{run}-{i}")),
        };
        message.Headers.Add("Idempotency-Key", $"intake-{run}-{i}");
        using HttpResponseMessage response = await stack.Api.SendAsync(message);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Runs <paramref name="requests"/> calls, <see cref="Concurrency"/> at a time; returns calls per second and each call's milliseconds, sorted.</summary>
    private static async Task<(double Rate, List<double> Latencies)> MeasureAsync(int requests, Func<int, Task> call)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        int next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (int i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                long start = Stopwatch.GetTimestamp();
                await call(i);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        clock.Stop();
        return (requests / clock.Elapsed.TotalSeconds, [.. latencies.Order()]);
    }

}
