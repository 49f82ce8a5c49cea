using System.Net;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Notifications;

/// <summary>Why a callback target is refused: a code of <see cref="ValidationCodes"/> and a message that never repeats credentials.</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Message">For people; names the host and address, never the URL's user information.</param>
public sealed record CallbackTargetProblem(string Code, string Message);

/// <summary>
/// Where callbacks may go. By default only <c>https</c> URLs without credentials whose host is a public address
/// (<see cref="AddressClassifier"/>); <see cref="CallbackTargetOptions.AllowHttp"/> admits <c>http</c>, and a host in
/// <see cref="CallbackTargetOptions.AllowedHosts"/> may be at any address. This class holds the rules that need no
/// DNS (scheme, credentials, a host that is an address), which intake applies with the request's other rules;
/// <see cref="CallbackHostCheck"/> adds the host name's addresses, at intake and again when a callback connects.
/// </summary>
/// <remarks>
/// Following the OWASP Server-Side Request Forgery Prevention Cheat Sheet ("Case 2": the application must call
/// destinations it does not know in advance): allow only http(s) (here https unless the operator says otherwise),
/// refuse destinations in private, loopback, link-local and other internal ranges after resolving the name, check
/// the address actually connected to (DNS rebinding), and follow no redirects. Credentials in a URL (RFC 3986 §3.2.1
/// user information, deprecated for passwords by RFC 3986 §3.2.1 itself) are refused, so none is ever stored, shown
/// or logged.
/// </remarks>
public sealed class CallbackTargetPolicy
{
    /// <summary>How every refusal of an address ends.</summary>
    internal const string PublicOnly = "callbacks go only to public addresses unless Notifications:AllowedHosts names the host";

    private readonly CallbackAllowedHost[] allowedHosts;

    /// <summary>Initializes a new instance of the <see cref="CallbackTargetPolicy"/> class from the bound settings.</summary>
    /// <param name="options">The <c>Notifications</c> settings, already checked at start.</param>
    public CallbackTargetPolicy(IOptions<CallbackTargetOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CallbackTargetPolicy"/> class.</summary>
    /// <param name="options">The settings; an allow-list entry that is not well-formed throws.</param>
    public CallbackTargetPolicy(CallbackTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AllowHttp = options.AllowHttp;
        allowedHosts = [.. options.AllowedHosts.Select((entry, i) => CallbackAllowedHost.TryParse(entry, out CallbackAllowedHost? allowed, out string? problem)
            ? allowed!
            : throw new ArgumentException($"{CallbackTargetOptions.SectionName}:AllowedHosts:{i} {problem}.", nameof(options)))];
    }

    /// <summary>Gets the production policy: https only, public addresses only, nothing allow-listed.</summary>
    public static CallbackTargetPolicy Strict { get; } = new(new CallbackTargetOptions());

    /// <summary>Gets a value indicating whether <c>http</c> URLs are taken.</summary>
    public bool AllowHttp { get; }

    /// <summary>Gets the hosts trusted whatever their addresses.</summary>
    public IReadOnlyList<CallbackAllowedHost> AllowedHosts => allowedHosts;

    /// <summary>
    /// Every problem of an absolute http(s) callback URL that can be judged without DNS: not https, credentials, a host
    /// that is a non-public address (not allow-listed). A host name's addresses are <see cref="CallbackHostCheck"/>'s.
    /// </summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <returns>The problems; empty when the URL passes.</returns>
    public IReadOnlyList<CallbackTargetProblem> Check(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        List<CallbackTargetProblem> problems = [];
        if (SchemeProblem(url) is { } scheme)
        {
            problems.Add(scheme);
        }

        if (CredentialsProblem(url) is { } credentials)
        {
            problems.Add(credentials);
        }

        if (AddressProblem(url) is { } address)
        {
            problems.Add(address);
        }

        return problems;
    }

    /// <summary>The URL uses http while only https is taken.</summary>
    public CallbackTargetProblem? SchemeProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps || (AllowHttp && url.Scheme == Uri.UriSchemeHttp)
            ? null
            : new CallbackTargetProblem(ValidationCodes.CallbackUrlNotHttps,
                $"The callback URL must use https ({url.Scheme} is taken only with Notifications:AllowHttp=true).");
    }

    /// <summary>The URL carries user information (a user name, a password); the message does not repeat it.</summary>
    public static CallbackTargetProblem? CredentialsProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);

        // Uri reads "https://@host/" as empty user information: still the form credentials take, and refused.
        return url.UserInfo.Length == 0 && !url.OriginalString.AsSpan(0, AuthorityEnd(url.OriginalString)).Contains('@')
            ? null
            : new CallbackTargetProblem(ValidationCodes.CallbackUrlHasCredentials,
                "The callback URL must not carry credentials (user information before the host, not shown here); put a secret the receiver checks in the path or query instead.");
    }

    /// <summary>The URL's host is an address (in any spelling <see cref="Uri"/> reads) that is not public, and not allow-listed.</summary>
    public CallbackTargetProblem? AddressProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string host = HostOf(url);
        return !TryParseAddress(host, out IPAddress? address) || IsAllowListed(host, url.Port)
            ? null
            : Refusal(host, address!, resolved: false);
    }

    /// <summary>Whether the operator trusts this host and port (<see cref="CallbackTargetOptions.AllowedHosts"/>).</summary>
    /// <param name="host">The host as <see cref="HostOf"/> gives it.</param>
    /// <param name="port">The port connected to.</param>
    public bool IsAllowListed(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        string normalized = Normalize(host);
        return allowedHosts.Any(entry => entry.Matches(normalized, port));
    }

    /// <summary>
    /// The problem with an address a callback's host is or resolves to, or null when it is public.
    /// </summary>
    /// <param name="host">The host, as shown.</param>
    /// <param name="address">The address it is, or resolves to.</param>
    /// <param name="resolved">Whether the address came from DNS (the host is a name).</param>
    public static CallbackTargetProblem? Refusal(string host, IPAddress address, bool resolved)
    {
        AddressClassification verdict = AddressClassifier.Classify(address);
        if (verdict.IsPublic)
        {
            return null;
        }

        return resolved
            ? new CallbackTargetProblem(ValidationCodes.CallbackUrlResolvesNotPublic,
                $"The callback URL's host {host} resolves to {verdict.Describe()}; {PublicOnly}.")
            : new CallbackTargetProblem(ValidationCodes.CallbackUrlNotPublic,
                $"The callback URL's host is {verdict.Describe()}; {PublicOnly}.");
    }

    /// <summary>
    /// The host a URL connects to, as compared and resolved here: <see cref="Uri.IdnHost"/> (what HttpClient connects
    /// to: full-width digits are already ASCII there), lower case, without a trailing dot, an IPv6 address without
    /// brackets or zone.
    /// </summary>
    public static string HostOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Normalize(url.IdnHost);
    }

    /// <summary>
    /// Whether a host is an IP address: whatever <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> reads,
    /// which includes the decimal, octal and hexadecimal IPv4 spellings (<c>2130706433</c>, <c>0x7f.1</c>) a resolver
    /// would also read as addresses.
    /// </summary>
    public static bool TryParseAddress(string host, out IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(host);
        return IPAddress.TryParse(Normalize(host), out address);
    }

    private static string Normalize(string host)
    {
        string h = host.Trim();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        int zone = h.IndexOf('%', StringComparison.Ordinal);
        if (zone >= 0 && h.Contains(':', StringComparison.Ordinal))
        {
            h = h[..zone];
        }

        return h.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>Where the authority of a URL's text ends (the first '/', '?' or '#' after "//"), to look for '@' in it.</summary>
    private static int AuthorityEnd(string url)
    {
        int start = url.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return 0;
        }

        int end = url.IndexOfAny(['/', '?', '#'], start + 2);
        return end < 0 ? url.Length : end;
    }
}
