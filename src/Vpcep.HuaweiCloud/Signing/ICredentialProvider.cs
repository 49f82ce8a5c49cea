using Microsoft.Extensions.Options;

namespace Vpcep.HuaweiCloud.Signing;

/// <summary>Supplies the credentials to sign with. Asked once per attempt, so rotated credentials take effect at once.</summary>
public interface ICredentialProvider
{
    /// <summary>The current credentials.</summary>
    HuaweiCredentials GetCredentials();
}

/// <summary>
/// Credentials from <see cref="HuaweiCloudOptions"/>, falling back to the official SDKs' environment
/// variables <c>HUAWEICLOUD_SDK_AK</c>, <c>HUAWEICLOUD_SDK_SK</c> and <c>HUAWEICLOUD_SDK_SECURITY_TOKEN</c>.
/// Configuration wins key by key; a configured AK is never paired with an SK from the environment.
/// </summary>
public sealed class ConfiguredCredentialProvider : ICredentialProvider
{
    /// <summary>The access key variable of the official SDKs.</summary>
    public const string AccessKeyVariable = "HUAWEICLOUD_SDK_AK";

    /// <summary>The secret key variable of the official SDKs.</summary>
    public const string SecretKeyVariable = "HUAWEICLOUD_SDK_SK";

    /// <summary>The security token variable (temporary credentials) of the official SDKs.</summary>
    public const string SecurityTokenVariable = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

    private readonly IOptionsMonitor<HuaweiCloudOptions> options;
    private readonly Func<string, string?> environment;

    public ConfiguredCredentialProvider(IOptionsMonitor<HuaweiCloudOptions> options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>For tests: reads "environment variables" from <paramref name="environment"/>.</summary>
    internal ConfiguredCredentialProvider(IOptionsMonitor<HuaweiCloudOptions> options, Func<string, string?> environment)
    {
        this.options = options;
        this.environment = environment;
    }

    /// <inheritdoc/>
    public HuaweiCredentials GetCredentials()
    {
        HuaweiCloudOptions o = options.CurrentValue;
        bool configured = !string.IsNullOrWhiteSpace(o.AccessKey) || !string.IsNullOrWhiteSpace(o.SecretKey);
        string? ak, sk, token;
        if (configured)
        {
            ak = Trimmed(o.AccessKey);
            sk = Trimmed(o.SecretKey);
            token = Trimmed(o.SecurityToken);
        }
        else
        {
            ak = Trimmed(environment(AccessKeyVariable));
            sk = Trimmed(environment(SecretKeyVariable));
            token = Trimmed(o.SecurityToken) ?? Trimmed(environment(SecurityTokenVariable));
        }

        if (ak is null || sk is null)
        {
            throw new InvalidOperationException(
                $"No complete Huawei Cloud credentials: set HuaweiCloud:AccessKey and HuaweiCloud:SecretKey, or {AccessKeyVariable} and {SecretKeyVariable}.");
        }

        return new HuaweiCredentials(ak, sk, token);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
