namespace Vpcep.SelfHost;

/// <summary>
/// Keys that callers of <c>/api</c> must present, bound from the <c>SelfHost</c> section and checked when the
/// host starts (<see cref="SelfHostOptionsValidator"/>).
/// </summary>
public sealed class SelfHostOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "SelfHost";

    /// <summary>
    /// Accepted API keys. Empty: no key is asked for (local development). Callers send one in the
    /// <c>x-functions-key</c> header or the <c>code</c> query parameter, as Azure Functions' function
    /// keys are sent, so clients work unchanged against either host. No key may be empty or white space.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];
}
