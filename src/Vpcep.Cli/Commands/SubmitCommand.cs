using System.CommandLine;
using Vpcep.Cli.Api;

namespace Vpcep.Cli.Commands;

/// <summary><c>vpcep submit FILE [--idempotency-key K] [--wait]</c>: <c>POST /api/vpc-endpoints</c>, and with <c>--wait</c> follows the status URL until the request ends.</summary>
internal static class SubmitCommand
{
    public static Command Create(GlobalOptions options, CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The request document (JSON, as README \"POST /api/vpc-endpoints\"), or - for standard input" };
        var key = new Option<string?>("--idempotency-key") { Description = "Sent as Idempotency-Key: the same key and document again find the same request", HelpName = "KEY" };
        var wait = new Option<bool>("--wait") { Description = "Follow the status URL (honouring Retry-After) until the request ends; exit by its outcome" };
        var command = new Command("submit", "Submit one provisioning request (POST /api/vpc-endpoints); prints the instance id and status URL") { file, key, wait };
        command.SetAction((parse, cancellationToken) => Invocation.RunAsync(
            parse,
            options,
            console,
            (run, token) => RunAsync(run, parse.GetValue(file)!, parse.GetValue(key), parse.GetValue(wait), token),
            cancellationToken));
        return command;
    }

    private static async Task<ExitCode> RunAsync(Invocation run, string file, string? idempotencyKey, bool wait, CancellationToken cancellationToken)
    {
        string document = await run.ReadDocumentAsync(file, cancellationToken);
        ApiAnswer<AcceptedRequest> accepted = await run.Api.SubmitAsync(document, idempotencyKey, cancellationToken);
        if (run.Json)
        {
            run.WriteJson(accepted.Json);
        }
        else
        {
            await run.Console.Out.WriteLineAsync($"{(accepted.Document.Existing ? "found existing" : "accepted")} request {accepted.Document.InstanceId}");
            await run.Console.Out.WriteLineAsync($"status: {accepted.Document.StatusUrl}");
        }

        return wait ? await RequestWatch.RunAsync(run, accepted.Document.StatusUrl, cancellationToken) : ExitCode.Success;
    }
}
