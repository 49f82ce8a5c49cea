using System.CommandLine;
using Vpcep.Cli.Following;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli.Commands;

/// <summary>
/// <c>vpcep watch ID | --batch BATCH_ID</c>: a live view until the request or batch ends, then the outcome's exit
/// code. On a terminal it redraws in place; redirected (or with <c>--json</c>) it writes one line per change.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string?>("ID") { Description = "The request's instance id", Arity = ArgumentArity.ZeroOrOne };
        var batch = new Option<string?>("--batch") { Description = "Watch this batch instead", HelpName = "BATCH_ID" };
        var command = new Command(
            "watch",
            "Watch a request or a batch until it ends: counts by outcome, progress, throughput, elapsed time and failures; exits by its outcome")
        {
            id, batch,
        };
        command.Validators.Add(result => Targets.RequireOne(result, id, batch));
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            (run, token) => parse.GetValue(batch) is { } batchId
                ? WatchBatchAsync(run, batchId, token)
                : RequestWatch.RunAsync(run, $"api/vpc-endpoints/{Uri.EscapeDataString(parse.GetValue(id)!)}", token),
            cancellationToken));
        return command;
    }

    /// <summary>Watches a batch until it ends; answers its exit code.</summary>
    public static async Task<ExitCode> WatchBatchAsync(Invocation run, string batchId, CancellationToken cancellationToken)
    {
        var watcher = new BatchWatcher(run.Api, batchId, run.Console.Time);
        var reported = new HashSet<int>();
        WatchLoop.Look<BatchFrame> last = await WatchLoop.RunAsync(
            run,
            async token =>
            {
                (BatchFrame frame, string json, TimeSpan wait) = await watcher.LookAsync(token);
                return new WatchLoop.Look<BatchFrame>(frame, () => Views.Batch(frame), () => Lines(frame), json, frame.ChangeKey, frame.Ended, wait);
            },
            cancellationToken);
        return Outcomes.ForBatch(last.State.Batch.RuntimeStatus, last.State.Batch.Total, last.State.Batch.Counts);

        IEnumerable<string> Lines(BatchFrame frame)
        {
            yield return Views.BatchLine(frame, run.Console.Time.GetUtcNow());
            foreach (Api.BatchItem failure in frame.Failures.Where(f => reported.Add(f.Index)))
            {
                yield return Views.FailureLine(failure);
            }
        }
    }
}
