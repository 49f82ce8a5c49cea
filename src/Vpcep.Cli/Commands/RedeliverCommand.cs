using System.CommandLine;
using Vpcep.Cli.Api;

namespace Vpcep.Cli.Commands;

/// <summary>
/// <c>vpcep redeliver ID</c> and <c>vpcep redeliver --batch BATCH_ID</c>: delivers an ended request's outcome again on
/// every channel (<c>POST /api/vpc-endpoints/{id}/notifications</c>), or an ended batch's summary to its callback URL
/// (<c>POST /api/batches/{id}/notifications</c>).
/// </summary>
internal static class RedeliverCommand
{
    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string?>("ID") { Description = "The ended request whose outcome is delivered again", Arity = ArgumentArity.ZeroOrOne };
        var batch = new Option<string?>("--batch") { Description = "Deliver this ended batch's summary again instead", HelpName = "BATCH_ID" };
        var command = new Command("redeliver", "Deliver an ended request's outcome, or a batch's summary, again (refused with 409 while it runs or a delivery is under way)") { id, batch };
        command.Validators.Add(result => Targets.RequireOne(result, id, batch));
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            async (run, token) =>
            {
                ApiAnswer<AcceptedRedelivery> answer = parse.GetValue(batch) is { } batchId
                    ? await run.Api.RedeliverBatchAsync(batchId, token)
                    : await run.Api.RedeliverAsync(parse.GetValue(id)!, token);
                if (run.Json)
                {
                    run.WriteJson(answer.Json);
                }
                else
                {
                    await run.Console.Out.WriteLineAsync($"redelivery started: event {answer.Document.EventId}, delivery {answer.Document.DeliveryInstanceId}");
                    await run.Console.Out.WriteLineAsync($"status: {answer.Document.StatusUrl}");
                }

                return ExitCode.Success;
            },
            cancellationToken));
        return command;
    }
}
