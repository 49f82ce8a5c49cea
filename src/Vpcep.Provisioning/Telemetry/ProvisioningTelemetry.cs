using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vpcep.HuaweiCloud.Telemetry;

namespace Vpcep.Provisioning.Telemetry;

/// <summary>
/// The workflow's traces and metrics, and the names a host subscribes to (<see cref="ActivitySources"/>,
/// <see cref="Meters"/>): both hosts export the same set.
/// </summary>
/// <remarks>
/// Spans: <c>vpcep submit</c> at the intake (the request's trace starts in the HTTP server span or the queue
/// message's span above it), Durable Task's own spans for the orchestration and each activity (the intake carries the
/// W3C trace context into the orchestration's start event), a client span per Huawei call
/// (<see cref="HuaweiCloudTelemetry"/>) and the notification's HTTP call, which sends <c>traceparent</c> on.
/// Metrics are listed on each instrument.
/// </remarks>
public static class ProvisioningTelemetry
{
    /// <summary>The name of the workflow's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string SourceName = "Vpcep.Provisioning";

    /// <summary>Attribute: the provisioning request's orchestration instance id.</summary>
    public const string InstanceIdAttribute = "vpcep.instance_id";

    /// <summary>Attribute: the request's outcome (<see cref="Models.ProvisioningResult"/>).</summary>
    public const string ResultAttribute = "vpcep.result";

    /// <summary>Attribute: how a submission was answered (accepted, existing, invalid, key_reused).</summary>
    public const string SubmissionAttribute = "vpcep.submission";

    /// <summary>Attribute: where a submission came from (http, queue, batch).</summary>
    public const string IntakeAttribute = "vpcep.intake";

    /// <summary>Attribute: a notification channel (webhook, queue, smn).</summary>
    public const string ChannelAttribute = "vpcep.notification.channel";

    /// <summary>Attribute: a notification attempt's verdict (delivered, retry, gone, refused...).</summary>
    public const string VerdictAttribute = "vpcep.notification.verdict";

    /// <summary>
    /// The activity sources a host exports: the workflow's, the Huawei client's, and Durable Task's (DurableTask.Core
    /// names its source <c>DurableTask.Core</c>; the portable SDK's client and worker use <c>Microsoft.DurableTask</c>).
    /// </summary>
    public static IReadOnlyList<string> ActivitySources { get; } = [SourceName, HuaweiCloudTelemetry.SourceName, "DurableTask.Core", "Microsoft.DurableTask"];

    /// <summary>The meters a host exports.</summary>
    public static IReadOnlyList<string> Meters { get; } = [SourceName, HuaweiCloudTelemetry.MeterName];

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    /// <summary><c>vpcep.submissions</c>: submissions by how they were answered and where they came from.</summary>
    internal static readonly Counter<long> Submissions = Meter.CreateCounter<long>(
        "vpcep.submissions", unit: "{request}", description: "Provisioning requests submitted, by answer (accepted, existing, invalid, key_reused) and intake.");

    /// <summary><c>vpcep.requests</c>: requests that ended, by outcome.</summary>
    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "vpcep.requests", unit: "{request}", description: "Provisioning requests that ended, by outcome.");

    /// <summary><c>vpcep.provisioning.duration</c>: from the orchestration's start to its outcome, by outcome.</summary>
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "vpcep.provisioning.duration", unit: "s", description: "Time from a request's start to its outcome.");

    /// <summary><c>vpcep.notification.attempts</c>: every attempt to deliver a notification, by channel and verdict.</summary>
    internal static readonly Counter<long> NotificationAttempts = Meter.CreateCounter<long>(
        "vpcep.notification.attempts", unit: "{attempt}", description: "Notification delivery attempts, by channel and verdict.");

    /// <summary>Counts a request that ended (called once, outside replay).</summary>
    internal static void RequestEnded(string result, TimeSpan duration)
    {
        var tags = new TagList { { ResultAttribute, result } };
        Requests.Add(1, tags);
        Duration.Record(duration.TotalSeconds, tags);
    }
}
