namespace Vpcep.HuaweiCloud.Signing;

/// <summary>
/// An access key / secret key pair, optionally temporary (with a security token).
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never prints the secret or the token, so credentials can't leak through logs.
/// </remarks>
public sealed record HuaweiCredentials(string AccessKey, string SecretKey, string? SecurityToken = null)
{
    /// <summary>Gets a value indicating whether these are temporary credentials.</summary>
    public bool IsTemporary => !string.IsNullOrEmpty(SecurityToken);

    /// <inheritdoc/>
    public override string ToString() =>
        $"HuaweiCredentials {{ AccessKey = {AccessKey}, SecretKey = ***, SecurityToken = {(IsTemporary ? "***" : "none")} }}";
}
