using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Vpcep.HuaweiCloud.Telemetry;

/// <summary>
/// The traces and metrics of calls to Huawei Cloud. A host subscribes to <see cref="SourceName"/> (spans) and
/// <see cref="MeterName"/> (metrics) with OpenTelemetry or any <see cref="ActivityListener"/>/<see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// One span per logical call (all its attempts): <c>{METHOD} {url.template}</c>, kind Client, with the HTTP client
/// attributes of the OpenTelemetry semantic conventions and Huawei's request id (<c>huaweicloud.request_id</c>, from
/// <c>X-Request-Id</c> or the error body), kept on success too. The transport's own spans (System.Net.Http) are its
/// children, one per attempt. Metrics count every attempt.
/// </remarks>
public static class HuaweiCloudTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>.</summary>
    public const string SourceName = "Vpcep.HuaweiCloud";

    /// <summary>The meter's name (the same as <see cref="SourceName"/>).</summary>
    public const string MeterName = SourceName;

    /// <summary>Attribute: the request id Huawei Cloud gave the answer.</summary>
    public const string RequestIdAttribute = "huaweicloud.request_id";

    /// <summary>Attribute: Huawei's error code (<c>EndPoint.0022</c>, <c>APIG.0308</c>, ...).</summary>
    public const string ErrorCodeAttribute = "huaweicloud.error_code";

    /// <summary>Attribute: the project the call is made in.</summary>
    public const string ProjectIdAttribute = "huaweicloud.project_id";

    /// <summary>Attribute: how many attempts the call took.</summary>
    public const string AttemptsAttribute = "huaweicloud.attempts";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    /// <summary><c>vpcep.huawei.calls</c>: every attempt, by method, url template, status code and error code.</summary>
    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "vpcep.huawei.calls", unit: "{call}", description: "Calls to the Huawei Cloud API (every attempt), by operation and answer.");

    /// <summary><c>vpcep.huawei.throttled</c>: attempts Huawei answered with throttling (429, EndPoint.0022, APIG.0308).</summary>
    internal static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        "vpcep.huawei.throttled", unit: "{call}", description: "Calls to the Huawei Cloud API answered with throttling.");

    /// <summary><c>vpcep.huawei.call.duration</c>: how long an attempt took, until its answer's headers.</summary>
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "vpcep.huawei.call.duration", unit: "s", description: "Duration of one attempt of a call to the Huawei Cloud API.");

    /// <summary>
    /// The URL's path with its variable parts replaced, so spans and metrics of one operation share a name:
    /// the project id becomes <c>{project_id}</c>, the segment after a collection (<c>vpc-endpoints</c>,
    /// <c>vpc-endpoint-services</c>, <c>vpcs</c>, <c>subnets</c>, <c>topics</c>...) that is not itself a known action becomes <c>{id}</c>.
    /// </summary>
    public static string UrlTemplate(string path, string projectId)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] segments = path.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0)
            {
                continue;
            }

            if (segments[i] == projectId)
            {
                segments[i] = "{project_id}";
            }
            else if (i > 0 && IsCollection(segments[i - 1]) && !IsAction(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }

    // The collections of the paths the clients call (VPCEP v1, VPC v1/v2.0, SMN v2 API references); an id follows them.
    private static bool IsCollection(string segment) => segment is "vpc-endpoints" or "vpc-endpoint-services" or "vpcs" or "subnets"
        or "topics" or "ports" or "security-groups" or "routetables" or "connections" or "permissions";

    // Segments that follow a collection without being an id (VPCEP's describe, public and tag actions, SMN's publish).
    private static bool IsAction(string segment) => segment is "describe" or "public" or "resource_instances" or "action" or "tags" or "publish"
        or "batch_create" or "batch_delete" or "action_connections";
}
