using Microsoft.AspNetCore.Builder;
using Spectre.Console.Testing;
using Vpcep.Cli.Api;
using Vpcep.Cli.Following;
using Vpcep.Cli.Rendering;
using Vpcep.Cli.Tests.Infrastructure;

namespace Vpcep.Cli.Tests;

public class WatchTests
{
    [Theory]
    [InlineData("listing")]
    [InlineData("older host")]
    [InlineData("no listing, items left out")]
    public async Task The_live_view_of_a_running_batch_changes_its_counts_progress_and_failure_rows_between_frames(string host)
    {
        var batch = new ScriptedBatch();
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => batch.Map(app, withListing: host == "listing", honoursIncludeItems: host != "older host"));
        using var http = new HttpClient { BaseAddress = api.Url };
        var watcher = new BatchWatcher(new VpcepApiClient(http), ScriptedBatch.BatchId, TimeProvider.System);

        var frames = new List<string>();
        for (int i = 0; i < ScriptedBatch.Steps; i++)
        {
            (BatchFrame frame, _, _) = await watcher.LookAsync(CancellationToken.None);
            var console = new TestConsole().Width(120);
            console.Write(Views.Batch(frame));
            frames.Add(console.Output);
            batch.Advance();
        }

        Assert.Contains("0/6 (0%)", frames[0], StringComparison.Ordinal);
        Assert.DoesNotContain("failures", frames[0], StringComparison.Ordinal);
        Assert.Contains("3/6 (50%)", frames[1], StringComparison.Ordinal);
        Assert.Matches(@"accepted\s*│\s*2", frames[1]);
        Assert.Contains("failures (1)", frames[1], StringComparison.Ordinal);
        Assert.Contains("VPCEP.9001", frames[1], StringComparison.Ordinal);
        Assert.Contains("Endpoint quota exceeded", frames[1], StringComparison.Ordinal);
        Assert.Contains("5/6 (83%)", frames[2], StringComparison.Ordinal);
        Assert.Contains("failures (2)", frames[2], StringComparison.Ordinal);
        Assert.Contains("vpc_not_found", frames[2], StringComparison.Ordinal);
        Assert.Contains("6/6 (100%)", frames[3], StringComparison.Ordinal);
        Assert.Matches(@"accepted\s*│\s*4", frames[3]);
        Assert.Matches(@"running\s*│\s*0", frames[3]);
        Assert.Contains("Completed", frames[3], StringComparison.Ordinal);
        Assert.Contains("items/min", frames[3], StringComparison.Ordinal);
        Assert.Equal(frames.Count, frames.Distinct().Count());

        string[] paths = [.. api.Requests.Select(r => r.PathAndQuery)];
        if (host == "listing")
        {
            // Counts without items, failures from the listing (paged), read again only when their number changed.
            Assert.All(paths.Where(p => p.StartsWith("/api/batches/rollout-7?", StringComparison.Ordinal)), p => Assert.EndsWith("include_items=false", p, StringComparison.Ordinal));
            Assert.Contains("/api/batches/rollout-7/items?result=failed,timed_out,rejected,invalid&page_size=100", paths);
            Assert.Contains(paths, p => p.Contains("/items?", StringComparison.Ordinal) && p.Contains("continuation_token=", StringComparison.Ordinal));
            Assert.Equal(3, paths.Count(p => p.Contains("/items?", StringComparison.Ordinal)));
        }
        else if (host == "older host")
        {
            // It ignores include_items=false: its documents carry the items, failures with them; /items is never needed.
            Assert.DoesNotContain(paths, p => p.Contains("/items", StringComparison.Ordinal));
        }
        else
        {
            // /items answers 404 once; from then on the full document, which carries the items, is read.
            Assert.Equal(1, paths.Count(p => p.Contains("/items?", StringComparison.Ordinal)));
            Assert.Contains("/api/batches/rollout-7", paths);
        }
    }

    [Fact]
    public async Task Watch_on_a_terminal_redraws_until_the_batch_ends_and_exits_by_its_outcome()
    {
        var batch = new ScriptedBatch();
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => batch.Map(app, withListing: true));
        var cli = new CliHarness(interactive: true).OnWait(_ =>
        {
            batch.Advance();
            return Task.CompletedTask;
        });

        int exit = await cli.RunAsync("watch", "--batch", ScriptedBatch.BatchId, "--url", api.Url.ToString());

        Assert.Equal((int)ExitCode.NotSuccessful, exit);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(3), ScriptedBatch.Steps - 1), cli.Waits);
        Assert.Contains("6/6 (100%)", cli.Ansi.Output, StringComparison.Ordinal);
        Assert.Contains("VPCEP.9001", cli.Ansi.Output, StringComparison.Ordinal);
        Assert.Empty(cli.Output);
    }

    [Fact]
    public async Task Watch_with_redirected_output_writes_one_line_per_change_and_each_failure_once()
    {
        var batch = new ScriptedBatch();
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => batch.Map(app, withListing: true));
        int waits = 0;
        var cli = new CliHarness().OnWait(_ =>
        {
            // Every other look finds no change: it writes nothing.
            if (++waits % 2 == 0)
            {
                batch.Advance();
            }

            return Task.CompletedTask;
        });

        int exit = await cli.RunAsync("watch", "--batch", ScriptedBatch.BatchId, "--url", api.Url.ToString());

        Assert.Equal(1, exit);
        string[] lines = cli.OutputLines;
        string[] progress = [.. lines.Where(l => l.Contains(" batch rollout-7 ", StringComparison.Ordinal))];
        Assert.Equal(ScriptedBatch.Steps, progress.Length);
        Assert.Contains("0/6 (0%)", progress[0], StringComparison.Ordinal);
        Assert.Contains("3/6 (50%) accepted=2 failed=1 running=3", progress[1], StringComparison.Ordinal);
        Assert.Contains("Completed 6/6 (100%) accepted=4 failed=1 invalid=1 running=0", progress[3], StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("#2 failed vpcep-item2 VPCEP.9001: Endpoint quota exceeded", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("#4 invalid vpcep-item4 vpc_not_found: /endpoint/vpc_id No such VPC.", StringComparison.Ordinal));
        Assert.Empty(cli.Ansi.Output);
    }

    [Fact]
    public async Task Watch_with_json_writes_the_batch_document_once_per_change()
    {
        var batch = new ScriptedBatch();
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => batch.Map(app, withListing: true));
        var cli = new CliHarness(interactive: true).OnWait(_ =>
        {
            batch.Advance();
            return Task.CompletedTask;
        });

        int exit = await cli.RunAsync("watch", "--batch", ScriptedBatch.BatchId, "--json", "--url", api.Url.ToString());

        Assert.Equal(1, exit);
        Assert.Equal(ScriptedBatch.Steps, cli.OutputLines.Length);
        Assert.All(cli.OutputLines, line => Assert.Equal(ScriptedBatch.BatchId, System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("batch_id").GetString()));
        Assert.Equal(
            [0, 3, 5, 6],
            cli.OutputLines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("completed").GetInt32()));
        Assert.Empty(cli.Ansi.Output);
    }

    [Fact]
    public async Task Watch_of_a_request_follows_it_until_200_and_exits_0_when_accepted()
    {
        int looks = 0;
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/vpc-endpoints/{id}", (string id) => ++looks < 3
            ? FakeVpcepApi.Json(202, Documents.Request(id, "Running", phase: looks == 1 ? "creating" : "polling"), retryAfter: 3)
            : FakeVpcepApi.Json(200, Documents.Request(id, "Completed", "accepted", "completed"))));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("watch", "vpcep-1", "--url", api.Url.ToString());

        Assert.Equal(0, exit);
        Assert.Collection(
            cli.OutputLines,
            l => Assert.Contains("Running phase=creating", l, StringComparison.Ordinal),
            l => Assert.Contains("Running phase=polling", l, StringComparison.Ordinal),
            l => Assert.Contains("Completed phase=completed", l, StringComparison.Ordinal));
    }
}
