using System.Net;

namespace Vpcep.Cli.Api;

/// <summary>A successful answer of the API: its document, read and as sent, and the headers that say what to do next.</summary>
/// <typeparam name="T">The document's type.</typeparam>
/// <param name="Document">The document, read.</param>
/// <param name="Json">The document as the API sent it (what <c>--json</c> prints).</param>
/// <param name="Status">The status code: 202 while something runs, 200 once it has ended.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> the API asked for, if any.</param>
internal sealed record ApiAnswer<T>(T Document, string Json, HttpStatusCode Status, TimeSpan? RetryAfter)
{
    /// <summary>Whether the API said what it describes has ended (200, not 202).</summary>
    public bool Ended => Status == HttpStatusCode.OK;
}
