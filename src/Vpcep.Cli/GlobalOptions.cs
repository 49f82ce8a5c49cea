using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Vpcep.Cli;

/// <summary>The options every command takes (<c>--url</c>, the keys, <c>--json</c>, <c>--timeout</c>), with their environment variables.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The self-host's default address (README "Quick start": <c>./build.sh run</c> serves it there).</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public GlobalOptions(Func<string, string?> environment)
    {
        Url = new Option<Uri>("--url")
        {
            Description = "Base URL of either host (self-host or Functions app) [env VPCEP_URL]",
            Recursive = true,
            HelpName = "URL",
            CustomParser = ParseUrl,
            DefaultValueFactory = result => ParseUrlText(environment("VPCEP_URL") ?? DefaultUrl, result, "VPCEP_URL"),
        };
        ApiKey = new Option<string?>("--api-key")
        {
            Description = "The self-host's API key, sent as X-Api-Key [env VPCEP_API_KEY]",
            Recursive = true,
            HelpName = "KEY",
            DefaultValueFactory = _ => environment("VPCEP_API_KEY"),
        };
        FunctionKey = new Option<string?>("--function-key")
        {
            Description = "A function key of the Functions app, sent as x-functions-key [env VPCEP_FUNCTION_KEY]",
            Recursive = true,
            HelpName = "KEY",
            DefaultValueFactory = _ => environment("VPCEP_FUNCTION_KEY"),
        };
        Json = new Option<bool>("--json")
        {
            Description = "Machine output: the API's documents as sent, one JSON document per line",
            Recursive = true,
        };
        Timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "The longest the whole command may take, in seconds or as hh:mm:ss; then it stops with exit code 4 (default: no limit, 100 s per HTTP call)",
            Recursive = true,
            HelpName = "DURATION",
            CustomParser = ParseTimeout,
        };
    }

    public Option<Uri> Url { get; }

    public Option<string?> ApiKey { get; }

    public Option<string?> FunctionKey { get; }

    public Option<bool> Json { get; }

    public Option<TimeSpan?> Timeout { get; }

    public IEnumerable<Option> All => [Url, ApiKey, FunctionKey, Json, Timeout];

    private static Uri ParseUrl(ArgumentResult result) => ParseUrlText(result.Tokens.Count > 0 ? result.Tokens[0].Value : "", result, "--url");

    private static Uri ParseUrlText(string text, ArgumentResult result, string source)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Query.Length == 0)
        {
            // The routes are relative to the base ("api/..."), so the base must end in a slash to keep a path prefix.
            return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
        }

        result.AddError($"{source} '{text}' is not an absolute http or https URL without a query.");
        return new Uri(DefaultUrl);
    }

    private static TimeSpan? ParseTimeout(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        TimeSpan? timeout = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) ? span : null;
        if (timeout is not { } value || value <= TimeSpan.Zero)
        {
            result.AddError($"--timeout '{text}' is not a positive number of seconds or a duration like 00:05:00.");
            return null;
        }

        return value;
    }
}
