using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>Signs every outgoing request with AK/SK just before it is sent (so retries get a fresh date).</summary>
internal sealed class SigningHandler(ICredentialProvider credentials, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SdkHmacSha256Signer.SignAsync(request, credentials.GetCredentials(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
