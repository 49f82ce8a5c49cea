namespace Vpcep.HuaweiCloud;

/// <summary>
/// Settings of the Huawei Cloud client, bound from the <c>HuaweiCloud</c> configuration section.
/// </summary>
public sealed class HuaweiCloudOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "HuaweiCloud";

    /// <summary>The default region when a request names none, for example <c>cn-north-4</c>.</summary>
    public string Region { get; set; } = "cn-north-4";

    /// <summary>The access key (AK). Falls back to <c>HUAWEICLOUD_SDK_AK</c>.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret key (SK). Falls back to <c>HUAWEICLOUD_SDK_SK</c>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The security token of temporary credentials. Falls back to <c>HUAWEICLOUD_SDK_SECURITY_TOKEN</c>.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>
    /// One base URL for every service (VPCEP, VPC, SMN), replacing region resolution: the emulator,
    /// or a private endpoint. For example <c>http://127.0.0.1:5080</c>.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Calls per second per project this process makes at most (0: no pacing). Keep it under the
    /// account's API rate limit so batches are paced rather than throttled.
    /// </summary>
    public double MaxRequestsPerSecondPerProject { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
