using Microsoft.Extensions.Options;

namespace Vpcep.HuaweiCloud.Signing;

/// <summary>Supplies the credentials to sign with.</summary>
public interface ICredentialProvider
{
    /// <summary>The current credentials.</summary>
    HuaweiCredentials GetCredentials();
}

/// <summary>
/// Credentials from <see cref="HuaweiCloudOptions"/>, falling back to the official SDKs' environment
/// variables <c>HUAWEICLOUD_SDK_AK</c>, <c>HUAWEICLOUD_SDK_SK</c> and <c>HUAWEICLOUD_SDK_SECURITY_TOKEN</c>.
/// </summary>
public sealed class ConfiguredCredentialProvider(IOptionsMonitor<HuaweiCloudOptions> options) : ICredentialProvider
{
    /// <inheritdoc/>
    public HuaweiCredentials GetCredentials()
    {
        HuaweiCloudOptions o = options.CurrentValue;
        string? ak = Coalesce(o.AccessKey, "HUAWEICLOUD_SDK_AK");
        string? sk = Coalesce(o.SecretKey, "HUAWEICLOUD_SDK_SK");
        if (ak is null || sk is null)
        {
            throw new InvalidOperationException(
                "No Huawei Cloud credentials: set HuaweiCloud:AccessKey and HuaweiCloud:SecretKey, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK.");
        }

        return new HuaweiCredentials(ak, sk, Coalesce(o.SecurityToken, "HUAWEICLOUD_SDK_SECURITY_TOKEN"));
    }

    private static string? Coalesce(string? configured, string variable)
    {
        string? value = string.IsNullOrWhiteSpace(configured) ? Environment.GetEnvironmentVariable(variable) : configured;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
