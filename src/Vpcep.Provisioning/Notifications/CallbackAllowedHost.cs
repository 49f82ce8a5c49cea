using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Vpcep.Provisioning.Notifications;

/// <summary>One entry of <see cref="CallbackTargetOptions.AllowedHosts"/>: a host name or address, and optionally a port.</summary>
public sealed class CallbackAllowedHost
{
    private CallbackAllowedHost(string host, IPAddress? address, int? port)
    {
        Host = host;
        Address = address;
        Port = port;
    }

    /// <summary>Gets the host as matched: a lower-case DNS name without a trailing dot, or the address's text.</summary>
    public string Host { get; }

    /// <summary>Gets the address when the entry names one (then only URLs naming that address match).</summary>
    public IPAddress? Address { get; }

    /// <summary>Gets the port the entry is limited to; null: any port.</summary>
    public int? Port { get; }

    /// <summary>Reads an entry: <c>name</c>, <c>name:port</c>, <c>a.b.c.d</c>, <c>a.b.c.d:port</c>, <c>[v6]</c> or <c>[v6]:port</c>.</summary>
    /// <param name="entry">The entry as configured.</param>
    /// <param name="allowed">The entry read, when it is well-formed.</param>
    /// <param name="problem">Why it is not, for a start-up message.</param>
    /// <returns>Whether the entry is well-formed.</returns>
    public static bool TryParse(string? entry, out CallbackAllowedHost? allowed, out string? problem)
    {
        allowed = null;
        problem = null;
        string text = entry?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "must not be empty";
            return false;
        }

        if (text.IndexOfAny(['/', '@', '?', '#', '*', ' ']) >= 0)
        {
            problem = "must be a host or host:port (no scheme, path, credentials or wildcard)";
            return false;
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                problem = "must be an IPv6 address in brackets, optionally followed by :port";
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                problem = "must hold an IPv6 address inside its brackets";
                return false;
            }

            return WithPort(v6.ToString(), v6, port, out allowed, out problem);
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
        {
            problem = "names an IPv6 address without brackets; write [::1] or [::1]:8080";
            return false;
        }

        host = colon < 0 ? text : text[..colon];
        port = colon < 0 ? null : text[(colon + 1)..];
        host = host.TrimEnd('.').ToLowerInvariant();
        if (host.Length > 0 && host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return StrictDottedQuad(host) is { } v4
                ? WithPort(v4.ToString(), v4, port, out allowed, out problem)
                : Fail("is not an IPv4 address in dotted-quad form (four numbers 0-255, no leading zeros)", out allowed, out problem);
        }

        return Uri.CheckHostName(host) == UriHostNameType.Dns
            ? WithPort(host, null, port, out allowed, out problem)
            : Fail("is not a DNS name, an IPv4 address or a bracketed IPv6 address", out allowed, out problem);
    }

    /// <summary>Whether a URL's host (as <see cref="CallbackTargetPolicy.HostOf"/> gives it) and port match this entry.</summary>
    public bool Matches(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (Port is { } only && only != port)
        {
            return false;
        }

        return Address is { } address
            ? CallbackTargetPolicy.TryParseAddress(host, out IPAddress? literal) && SameAddress(address, literal!)
            : string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        (Address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Host}]" : Host) + (Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");

    private static bool SameAddress(IPAddress a, IPAddress b) =>
        a.AddressFamily == b.AddressFamily && a.GetAddressBytes().AsSpan().SequenceEqual(b.GetAddressBytes());

    /// <summary>Four decimal numbers 0-255 without leading zeros: the one IPv4 spelling an operator means unambiguously.</summary>
    private static IPAddress? StrictDottedQuad(string host)
    {
        string[] parts = host.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255)
            ? IPAddress.Parse(host)
            : null;
    }

    private static bool WithPort(string host, IPAddress? address, string? port, out CallbackAllowedHost? allowed, out string? problem)
    {
        if (port is null)
        {
            allowed = new CallbackAllowedHost(host, address, null);
            problem = null;
            return true;
        }

        if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit) || int.Parse(port, CultureInfo.InvariantCulture) is < 1 or > 65535)
        {
            return Fail("has a port that is not a number from 1 to 65535", out allowed, out problem);
        }

        allowed = new CallbackAllowedHost(host, address, int.Parse(port, CultureInfo.InvariantCulture));
        problem = null;
        return true;
    }

    private static bool Fail(string why, out CallbackAllowedHost? allowed, out string? problem)
    {
        allowed = null;
        problem = why;
        return false;
    }
}
