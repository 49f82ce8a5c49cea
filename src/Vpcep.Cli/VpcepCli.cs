using System.CommandLine;
using Vpcep.Cli.Commands;

namespace Vpcep.Cli;

/// <summary>The <c>vpcep</c> command line: its commands, its global options, and the exit code of a parse error.</summary>
public static class VpcepCli
{
    /// <summary>What <c>--help</c> says above the commands: what the tool is, its exit codes and environment variables.</summary>
    internal const string Description = """
        vpcep: operate the VPC endpoint provisioning service (either host: the self-host or the Functions app).

        Exit codes:
          0  success: accepted (submitted, enqueued, redelivery started), request accepted, endpoint deleted or already gone
          1  ended without success: failed, rejected, timed_out, invalid, pending_acceptance, an orchestration failed or
             terminated, a batch with an item not accepted, a batch deletion that left items still provisioning
          2  usage error: bad arguments or an unreadable document; nothing was sent
          3  refused by the API (4xx other than 404; every problem of the answer is printed)
          4  service unavailable: network error, 5xx, or --timeout passed
          5  not found (404)

        Environment: VPCEP_URL, VPCEP_API_KEY, VPCEP_FUNCTION_KEY (for --url, --api-key, --function-key);
        AZURE_STORAGE_CONNECTION_STRING (enqueue).
        """;

    /// <summary>Parses <paramref name="args"/> and runs the command; answers the process exit code (<see cref="ExitCode"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        RootCommand root = Build(console);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"vpcep: {error.Message}");
            }

            await console.Error.WriteLineAsync("See 'vpcep --help' (or 'vpcep COMMAND --help').");
            return (int)ExitCode.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }

    /// <summary>The command tree.</summary>
    internal static RootCommand Build(CliConsole console)
    {
        var options = new GlobalOptions(console.Environment);
        var root = new RootCommand(Description);
        foreach (Option option in options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(SubmitCommand.Create(options, console));
        root.Subcommands.Add(EnqueueCommand.Create(options, console));
        root.Subcommands.Add(StatusCommand.Create(options, console));
        root.Subcommands.Add(WatchCommand.Create(options, console));
        root.Subcommands.Add(DeleteCommand.Create(options, console));
        root.Subcommands.Add(RedeliverCommand.Create(options, console));
        return root;
    }
}
