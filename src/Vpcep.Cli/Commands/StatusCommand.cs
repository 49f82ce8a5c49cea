using System.CommandLine;
using Vpcep.Cli.Api;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli.Commands;

/// <summary>
/// <c>vpcep status ID | --batch BATCH_ID</c>: one look. Exit code 0 while it runs or when it ended well, 1 when it
/// ended otherwise (so a script can ask again later, or stop).
/// </summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string?>("ID") { Description = "The request's instance id", Arity = ArgumentArity.ZeroOrOne };
        var batch = new Option<string?>("--batch") { Description = "Look at this batch instead", HelpName = "BATCH_ID" };
        var command = new Command("status", "One look at a request (GET /api/vpc-endpoints/{id}) or a batch (GET /api/batches/{batch_id})") { id, batch };
        command.Validators.Add(result => Targets.RequireOne(result, id, batch));
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            (run, token) => parse.GetValue(batch) is { } batchId ? BatchAsync(run, batchId, token) : RequestAsync(run, parse.GetValue(id)!, token),
            cancellationToken));
        return command;
    }

    private static async Task<ExitCode> RequestAsync(Invocation run, string instanceId, CancellationToken cancellationToken)
    {
        ApiAnswer<RequestStatus> answer = await run.Api.GetRequestAsync(instanceId, cancellationToken);
        if (run.Json)
        {
            run.WriteJson(answer.Json);
        }
        else
        {
            run.Console.Ansi.Write(Views.Request(answer.Document));
        }

        return answer.Ended ? Outcomes.ForRequest(answer.Document.RuntimeStatus, answer.Document.Outcome?.Result) : ExitCode.Success;
    }

    private static async Task<ExitCode> BatchAsync(Invocation run, string batchId, CancellationToken cancellationToken)
    {
        ApiAnswer<BatchStatus> answer = await run.Api.GetBatchAsync(batchId, includeItems: true, cancellationToken);
        BatchStatus batch = answer.Document;
        if (run.Json)
        {
            run.WriteJson(answer.Json);
        }
        else
        {
            DateTimeOffset now = run.Console.Time.GetUtcNow();
            TimeSpan elapsed = batch.CreatedAt is { Year: > 2000 } created && created <= now ? (Outcomes.HasEnded(batch.RuntimeStatus) && batch.LastUpdatedAt is { } updated ? updated : now) - created : TimeSpan.Zero;
            BatchItem[] failures = [.. (batch.Items ?? []).Where(i => i.Result is { } r && Outcomes.Failures.Contains(r)).OrderBy(i => i.Index)];
            run.Console.Ansi.Write(Views.Batch(new BatchFrame(batch, failures, elapsed)));
        }

        return answer.Ended ? Outcomes.ForBatch(batch.RuntimeStatus, batch.Total, batch.Counts) : ExitCode.Success;
    }
}
