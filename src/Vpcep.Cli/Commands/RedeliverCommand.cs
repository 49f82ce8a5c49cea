using System.CommandLine;
using Vpcep.Cli.Api;

namespace Vpcep.Cli.Commands;

/// <summary><c>vpcep redeliver ID</c>: delivers an ended request's outcome again on every channel (<c>POST /api/vpc-endpoints/{id}/notifications</c>).</summary>
internal static class RedeliverCommand
{
    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The ended request whose outcome is delivered again" };
        var command = new Command("redeliver", "Deliver an ended request's outcome again (refused with 409 while it runs or a delivery is under way)") { id };
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            async (run, token) =>
            {
                ApiAnswer<AcceptedRedelivery> answer = await run.Api.RedeliverAsync(parse.GetValue(id)!, token);
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
