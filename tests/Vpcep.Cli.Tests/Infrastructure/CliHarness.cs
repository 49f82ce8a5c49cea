using Spectre.Console;
using Spectre.Console.Testing;

namespace Vpcep.Cli.Tests.Infrastructure;

/// <summary>Runs <c>vpcep</c> in-process against a test console: output captured, waits recorded instead of slept.</summary>
internal sealed class CliHarness
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    /// <summary>Creates a harness; <paramref name="interactive"/>: standard output is a terminal (the live view redraws).</summary>
    public CliHarness(bool interactive = false, IReadOnlyDictionary<string, string>? environment = null, string input = "")
    {
        Ansi = new TestConsole().Width(120);
        if (interactive)
        {
            Ansi.Interactive();
        }

        Console = new CliConsole(Ansi, output, error, new StringReader(input), interactive, name => environment?.GetValueOrDefault(name))
        {
            Delay = (wait, _) =>
            {
                Waits.Add(wait);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The rendering console (tables and the live view).</summary>
    public TestConsole Ansi { get; }

    /// <summary>The console the CLI runs with.</summary>
    public CliConsole Console { get; private set; }

    /// <summary>Every wait the CLI asked for between two looks.</summary>
    public List<TimeSpan> Waits { get; } = [];

    /// <summary>Plain standard output (JSON lines, one-line-per-change views, messages).</summary>
    public string Output => output.ToString();

    /// <summary>Standard error.</summary>
    public string Error => error.ToString();

    /// <summary>Standard output's lines.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Replaces how the CLI waits (to act between two looks).</summary>
    public CliHarness OnWait(Func<TimeSpan, Task> wait)
    {
        Console = Console with
        {
            Delay = async (span, _) =>
            {
                Waits.Add(span);
                await wait(span);
            },
        };
        return this;
    }

    /// <summary>Runs <c>vpcep ARGS</c>; answers the exit code.</summary>
    public Task<int> RunAsync(params string[] args) => VpcepCli.RunAsync(args, Console);
}
