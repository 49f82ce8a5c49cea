namespace Vpcep.Provisioning.Notifications;

/// <summary>
/// The callback client's outermost handler: refuses, before anything is sent, a request whose URL uses http where only
/// https is taken or carries credentials (orchestrations started before these rules, or under other settings, may
/// hold such a URL). Addresses are <see cref="CallbackConnector"/>'s, at connect time.
/// </summary>
public sealed class CallbackTargetHandler(CallbackTargetPolicy policy) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: true } url
            && (policy.SchemeProblem(url) ?? CallbackTargetPolicy.CredentialsProblem(url)) is { } problem)
        {
            throw new CallbackTargetRefusedException(problem);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
