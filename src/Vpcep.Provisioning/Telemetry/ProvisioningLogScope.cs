using Microsoft.Extensions.Logging;

namespace Vpcep.Provisioning.Telemetry;

/// <summary>
/// The log scope of an activity's work: every message logged while it runs (the Huawei client's too, whose messages
/// carry the Huawei request id of each answer) names the orchestration instance and the project.
/// </summary>
public static class ProvisioningLogScope
{
    /// <summary>Scope property: the orchestration instance id.</summary>
    public const string InstanceId = "InstanceId";

    /// <summary>Scope property: the Huawei Cloud project id.</summary>
    public const string ProjectId = "ProjectId";

    /// <summary>Begins the scope; <see langword="null"/> without a logger (an activity built by hand in a test).</summary>
    public static IDisposable? BeginActivityScope(this ILogger? logger, string instanceId, string? projectId) =>
        logger?.BeginScope(new Dictionary<string, object?>
        {
            [InstanceId] = instanceId,
            [ProjectId] = projectId,
        });
}
