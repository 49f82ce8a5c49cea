using Vpcep.StorageAccounts;

namespace Vpcep.SharedPacing;

/// <summary>
/// Settings of the pacing shared by every worker, bound from the <c>SharedPacing</c> configuration section and
/// checked when the host starts (<see cref="SharedPacingOptionsValidator"/>). The rate itself is
/// <c>HuaweiCloud:MaxRequestsPerSecondPerProject</c>: with shared pacing it is what all workers together send.
/// </summary>
public sealed class SharedPacingOptions : IStorageAccountSettings
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "SharedPacing";

    /// <summary>
    /// Whether workers share one rate per project through storage; <see langword="false"/> keeps the in-process
    /// pacer, where each worker sends up to the full rate on its own.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The connection string of the shared schedule's storage account. With neither this nor <see cref="AccountName"/>,
    /// the host fills in its own account (the task hub's, <c>AzureWebJobsStorage</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name of the shared schedule's storage account, reached with a Microsoft Entra identity instead of a connection string.</summary>
    public string? AccountName { get; set; }

    /// <summary>With <see cref="AccountName"/>: the client id of the user-assigned managed identity (else <c>DefaultAzureCredential</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The table holding one row per project. Every worker using the same table and project shares that project's
    /// rate, whichever task hub it serves: the cloud's limit is per project, not per task hub.
    /// </summary>
    public string TableName { get; set; } = "VpcepPacing";

    /// <summary>
    /// Calls that may go at once after a quiet spell (the schedule's bucket size). In any span of W seconds the
    /// workers together send at most <c>rate × W + Burst + ½</c> calls; keep it under the API's own burst.
    /// </summary>
    public int Burst { get; set; } = 1;

    /// <summary>
    /// The most turns a worker reserves in one storage round trip. It reserves as many as it has calls waiting, or
    /// sent in the last second, up to this; more means fewer storage writes, and more turns lost when a worker dies.
    /// </summary>
    public int MaxSlice { get; set; } = 10;

    /// <summary>
    /// The share of the rate each worker uses on its own while the shared schedule cannot be reached (storage down or
    /// slower than <see cref="StorageTimeout"/>). With N workers, 1/N or less keeps them under the limit through an
    /// outage too.
    /// </summary>
    public double FallbackShare { get; set; } = 0.25;

    /// <summary>How long a storage round trip may take before this worker paces on its own for a while.</summary>
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a worker paces on its own after storage failed, before it tries the shared schedule again.</summary>
    public TimeSpan StorageRetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
