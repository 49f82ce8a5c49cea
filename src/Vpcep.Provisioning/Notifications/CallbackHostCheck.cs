using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// The part of <see cref="CallbackTargetPolicy"/> that needs DNS: a callback URL's host name must resolve only to public
/// addresses (<see cref="AddressClassifier"/>) unless the host is allow-listed. Intake asks once, with a short timeout,
/// to refuse a bad URL while someone can still hear it (<see cref="CheckAllAsync"/>); every delivery asks again and
/// connects only to the addresses it vetted (<see cref="VetForConnectAsync"/>, used by <see cref="CallbackConnector"/>),
/// so a name whose answer changes after intake (DNS rebinding) still cannot reach an internal address.
/// </summary>
public sealed class CallbackHostCheck(
    CallbackTargetPolicy policy,
    ICallbackHostResolver resolver,
    IOptions<CallbackTargetOptions> options,
    TimeProvider time,
    ILogger<CallbackHostCheck> logger)
{
    /// <summary>
    /// Checks the host names of callback URLs for intake: each distinct name is resolved once, within
    /// <see cref="CallbackTargetOptions.ResolveTimeout"/>. A URL that is absent, not an absolute http(s) URL, already
    /// refused without DNS (<see cref="CallbackTargetPolicy.Check"/>: the parser reports that), an address, or
    /// allow-listed gets null; so does a name that does not resolve in time or at all (delivery checks it again).
    /// </summary>
    /// <param name="callbackUrls">The URLs, as submitted; null entries are skipped.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    /// <returns>For each URL, in order, the problem (<see cref="Validation.ValidationCodes.CallbackUrlResolvesNotPublic"/>) or null.</returns>
    public async Task<CallbackTargetProblem?[]> CheckAllAsync(IReadOnlyList<string?> callbackUrls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbackUrls);
        var hosts = new string?[callbackUrls.Count];
        var lookups = new Dictionary<string, Task<IPAddress[]?>>(StringComparer.Ordinal);
        for (int i = 0; i < callbackUrls.Count; i++)
        {
            if (NameToResolve(callbackUrls[i]) is { } host)
            {
                hosts[i] = host;
                if (!lookups.ContainsKey(host))
                {
                    lookups[host] = ResolveForIntakeAsync(host, cancellationToken);
                }
            }
        }

        await Task.WhenAll(lookups.Values);
        var problems = new CallbackTargetProblem?[callbackUrls.Count];
        for (int i = 0; i < hosts.Length; i++)
        {
            if (hosts[i] is { } host && await lookups[host] is { } addresses)
            {
                problems[i] = FirstRefusal(host, addresses);
            }
        }

        return problems;
    }

    /// <summary>
    /// Resolves a callback's host for a connection and vets every address: unless the host and port are allow-listed,
    /// any non-public address refuses the whole host. A host that is an address is vetted as it is.
    /// </summary>
    /// <param name="host">The host HttpClient connects to.</param>
    /// <param name="port">The port.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The addresses to connect to, in the resolver's order.</returns>
    /// <exception cref="CallbackTargetRefusedException">The host is or resolves to a non-public address.</exception>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public async Task<IPAddress[]> VetForConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        bool literal = CallbackTargetPolicy.TryParseAddress(host, out IPAddress? address);
        IPAddress[] addresses = literal ? [address!] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (policy.IsAllowListed(host, port))
        {
            return addresses;
        }

        foreach (IPAddress candidate in addresses)
        {
            if (CallbackTargetPolicy.Refusal(host, candidate, resolved: !literal) is { } problem)
            {
                logger.CallbackRefusedAtConnect(host, port, problem.Message);
                throw new CallbackTargetRefusedException(problem);
            }
        }

        return addresses;
    }

    /// <summary>The host name a callback URL makes intake resolve, or null when there is nothing to resolve.</summary>
    private string? NameToResolve(string? callbackUrl)
    {
        if (callbackUrl is null
            || !Uri.TryCreate(callbackUrl, UriKind.Absolute, out Uri? url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host)
            || policy.Check(url).Count > 0)
        {
            return null;
        }

        string host = CallbackTargetPolicy.HostOf(url);
        return CallbackTargetPolicy.TryParseAddress(host, out _) || policy.IsAllowListed(host, url.Port) ? null : host;
    }

    /// <summary>The host's addresses, or null when it does not resolve within the timeout (or at all).</summary>
    private async Task<IPAddress[]?> ResolveForIntakeAsync(string host, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.ResolveTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await resolver.ResolveAsync(host, linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.CallbackHostNotResolvedAtIntake(host, $"no answer within {options.Value.ResolveTimeout}");
            return null;
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            logger.CallbackHostNotResolvedAtIntake(host, ex.Message);
            return null;
        }
    }

    private static CallbackTargetProblem? FirstRefusal(string host, IPAddress[] addresses)
    {
        foreach (IPAddress address in addresses)
        {
            if (CallbackTargetPolicy.Refusal(host, address, resolved: true) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
