using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Vpcep.Cli.Tests.EndToEnd;

/// <summary><c>vpcep watch</c> in a real terminal (tmux), on a real batch of the self-host.</summary>
[Collection(CliStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class TerminalWatchTests(CliStack stack, ITestOutputHelper output) : IDisposable
{
    // A tmux server of this test's own (-L), so the test never touches another tmux session on the machine.
    private readonly string socket = "vpcep-cli-" + Guid.NewGuid().ToString("N")[..10];
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("vpcep-tmux-");

    [Fact]
    public async Task Watch_redraws_a_running_batch_in_place_in_a_terminal_and_exits_1_when_items_failed()
    {
        string batchId = await stack.PostBatchAsync(items: 12, failEvery: 4);
        string exitFile = Path.Combine(work.FullName, "exit");
        string command = $"dotnet '{CliStack.CliAssembly}' watch --batch {batchId} --url {stack.SelfHostUrl}; echo $? > '{exitFile}'; sleep 600";

        (int started, _, string startError) = await CliStack.RunAsync("tmux", ["-L", socket, "new-session", "-d", "-s", "watch", "-x", "120", "-y", "40", command]);
        Assert.True(started == 0, startError);

        var frames = new List<string>();
        DateTime deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(exitFile) || (await File.ReadAllTextAsync(exitFile)).Trim().Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "watch did not end within 3 minutes; last screen:\n" + frames.LastOrDefault());
            string frame = await CaptureAsync();
            if (frames.Count == 0 || frames[^1] != frame)
            {
                frames.Add(frame);
            }

            await Task.Delay(200);
        }

        string final = await CaptureAsync();
        output.WriteLine(final);
        await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), "vpcep-watch-frames.txt"), frames.Append(final).Select(f => f + "\n----"));

        Assert.Equal("1", (await File.ReadAllTextAsync(exitFile)).Trim());
        Assert.Contains($"batch {batchId}", final, StringComparison.Ordinal);
        Assert.Contains("Completed", final, StringComparison.Ordinal);
        Assert.Contains("12/12 (100%)", final, StringComparison.Ordinal);
        Assert.Matches(@"accepted\s*│\s*9", final);
        Assert.Matches(@"failed\s*│\s*3", final);
        Assert.Contains("failures (3)", final, StringComparison.Ordinal);
        Assert.Contains("EndPoint.2004", final, StringComparison.Ordinal);
        Assert.Contains("items/min", final, StringComparison.Ordinal);

        // Redrawn in place: the screen holds one view, not a scroll of frames.
        Assert.Single(Regex.Matches(final, $"batch {Regex.Escape(batchId)}"));

        // And it was seen moving: a frame of the running batch with some, not all, items ended.
        Assert.Contains(frames, f => f.Contains("Running", StringComparison.Ordinal) && Progress().Match(f) is { Success: true } m && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is > 0 and < 12);
    }

    public void Dispose()
    {
        CliStack.RunAsync("tmux", ["-L", socket, "kill-server"]).GetAwaiter().GetResult();
        work.Delete(recursive: true);
    }

    private async Task<string> CaptureAsync()
    {
        (int exit, string screen, string error) = await CliStack.RunAsync("tmux", ["-L", socket, "capture-pane", "-p", "-t", "watch"]);
        Assert.True(exit == 0, error);
        return screen.TrimEnd();
    }

    [GeneratedRegex(@" (\d+)/12 \(")]
    private static partial Regex Progress();
}
