using Spectre.Console;
using Vpcep.Cli;

namespace Vpcep.EndToEnd.Tests.Infrastructure;

/// <summary>Runs the operator CLI (<c>vpcep</c>) in-process, its output captured.</summary>
internal static class CliRun
{
    /// <summary>Runs <c>vpcep ARGS</c> with redirected output; answers the exit code, standard output and standard error.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        int exit = await VpcepCli.RunAsync(args, new CliConsole(ansi, output, error, TextReader.Null, Interactive: false, _ => null));
        return (exit, output.ToString(), error.ToString());
    }
}
