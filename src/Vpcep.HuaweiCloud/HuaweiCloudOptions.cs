namespace Vpcep.HuaweiCloud;

/// <summary>
/// Settings of the Huawei Cloud client, bound from the <c>HuaweiCloud</c> configuration section. They are
/// checked when the host starts: an invalid value stops it with a message naming the setting.
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
    /// The default project id, for callers that build their <see cref="ProjectScope"/> from settings
    /// (<see cref="ProjectScope.FromOptions"/>). Falls back to <c>HUAWEICLOUD_SDK_PROJECT_ID</c>.
    /// </summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// One base URL for every service (VPCEP and VPC), replacing region resolution: the emulator,
    /// or a private endpoint. For example <c>http://127.0.0.1:5080</c>.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Calls per second per project at most (0: no pacing): in this process with the default pacer, or by every
    /// worker together when the host registers a shared <see cref="IRequestPacer"/>. Keep it under the account's
    /// API rate limit so batches are paced rather than throttled.
    /// </summary>
    public double MaxRequestsPerSecondPerProject { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all for an idempotent call, the first included; 1 turns retries off. Create is always attempted once.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The backoff ceiling of the first retry; it doubles per retry up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest wait before a retry. A <c>Retry-After</c> longer than this is not waited out: the call
    /// fails with the throttling error, so the caller can come back later.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
}
