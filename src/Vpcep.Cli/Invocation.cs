using System.CommandLine;
using System.Text;
using System.Text.Json;
using Vpcep.Cli.Api;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli;

/// <summary>One run of a command: its console, the API client for <c>--url</c>, and whether it writes JSON.</summary>
internal sealed class Invocation
{
    /// <summary>The longest one HTTP call may take without <c>--timeout</c> (HttpClient's own default).</summary>
    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);

    private Invocation(CliConsole console, VpcepApiClient api, bool json)
    {
        Console = console;
        Api = api;
        Json = json;
    }

    public CliConsole Console { get; }

    public VpcepApiClient Api { get; }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; }

    /// <summary>Whether the live view redraws in place: a terminal, and no <c>--json</c>.</summary>
    public bool Live => Console.Interactive && !Json;

    /// <summary>
    /// Runs a command's body with what the global options say, and turns every way it can fail into its exit code: an
    /// error answer of the API (its problem shown), the network, <c>--timeout</c>.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult parse, GlobalOptions options, CliConsole console, Func<Invocation, CancellationToken, Task<ExitCode>> body, CancellationToken cancellationToken)
    {
        TimeSpan? timeout = parse.GetValue(options.Timeout);
        TimeSpan perCall = timeout is { } limit && limit < DefaultRequestTimeout ? limit : DefaultRequestTimeout;
        using HttpClient http = VpcepApiClient.CreateHttpClient(
            parse.GetValue(options.Url)!, parse.GetValue(options.ApiKey), parse.GetValue(options.FunctionKey), perCall, console.HttpHandler);
        var invocation = new Invocation(console, new VpcepApiClient(http), parse.GetValue(options.Json));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } total)
        {
            deadline.CancelAfter(total);
        }

        try
        {
            return (int)await body(invocation, deadline.Token);
        }
        catch (VpcepApiException ex)
        {
            if (invocation.Json && ex.Body.Length > 0 && ex.Problem is not null)
            {
                invocation.WriteJson(ex.Body);
            }

            await console.Error.WriteAsync(ProblemView.Describe(ex));
            return (int)(ex.Status == 0 ? ExitCode.Unavailable : Outcomes.ForStatus(ex.Status));
        }
        catch (HttpRequestException ex)
        {
            await console.Error.WriteLineAsync($"vpcep: the service at {http.BaseAddress} could not be reached: {ex.Message}");
            return (int)ExitCode.Unavailable;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"vpcep: --timeout of {timeout!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s passed before the command finished.");
            return (int)ExitCode.Unavailable;
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            await console.Error.WriteLineAsync($"vpcep: the service at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s.");
            return (int)ExitCode.Unavailable;
        }
        catch (UsageException ex)
        {
            await console.Error.WriteLineAsync($"vpcep: {ex.Message}");
            return (int)ExitCode.Usage;
        }
    }

    /// <summary>Writes a document of the API as one line of JSON.</summary>
    public void WriteJson(string document)
    {
        using JsonDocument parsed = JsonDocument.Parse(document);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            parsed.WriteTo(writer);
        }

        Console.Out.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Reads a document from a file, or standard input for <c>-</c>; an unreadable file is a usage error.</summary>
    public async Task<string> ReadDocumentAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return file == "-" ? await Console.Input.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{file}': {ex.Message}", ex);
        }
    }
}
