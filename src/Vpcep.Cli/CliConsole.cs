using Spectre.Console;

namespace Vpcep.Cli;

/// <summary>
/// Where the CLI reads and writes, and what it knows of its surroundings; the process's own in <see cref="Program"/>,
/// test doubles in tests.
/// </summary>
/// <param name="Ansi">Tables, panels and the live view.</param>
/// <param name="Out">Plain lines: <c>--json</c> documents and the one-line-per-change view.</param>
/// <param name="Error">Problems and usage errors.</param>
/// <param name="Input">Standard input (a document read from <c>-</c>).</param>
/// <param name="Interactive">Whether standard output is a terminal (the live view redraws) rather than redirected.</param>
/// <param name="Environment">Reads an environment variable (<c>VPCEP_URL</c> and the others).</param>
public sealed record CliConsole(
    IAnsiConsole Ansi,
    TextWriter Out,
    TextWriter Error,
    TextReader Input,
    bool Interactive,
    Func<string, string?> Environment)
{
    /// <summary>The clock elapsed times and throughput are measured with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Waits between two looks (tests pass one that records the wait instead of sleeping it).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (wait, cancellationToken) => Task.Delay(wait, TimeProvider.System, cancellationToken);

    /// <summary>Sends the API's requests; <see langword="null"/>: a real <see cref="HttpClient"/> to <c>--url</c>.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The process's console: stdout, stderr, stdin and the environment.</summary>
    public static CliConsole System() => new(
        AnsiConsole.Console,
        Console.Out,
        Console.Error,
        Console.In,
        !Console.IsOutputRedirected,
        global::System.Environment.GetEnvironmentVariable);
}
