using System.Net;

namespace Vpcep.Cli;

/// <summary>The one place that turns what the API said into the process's <see cref="ExitCode"/>.</summary>
internal static class Outcomes
{
    /// <summary>The results of a request's outcome that are not a success (README "GET /api/vpc-endpoints/{instance_id}").</summary>
    public static readonly IReadOnlyList<string> Unsuccessful = ["failed", "timed_out", "rejected", "invalid", "pending_acceptance"];

    /// <summary>The results <c>watch --batch</c> lists as failures, with their errors.</summary>
    public static readonly IReadOnlyList<string> Failures = ["failed", "timed_out", "rejected", "invalid"];

    /// <summary>An ended request: its outcome's result, or its orchestration's status when it has no outcome.</summary>
    public static ExitCode ForRequest(string runtimeStatus, string? result) =>
        runtimeStatus == "Completed" && result == "accepted" ? ExitCode.Success : ExitCode.NotSuccessful;

    /// <summary>An ended batch: a success only when its orchestration completed and every item was accepted.</summary>
    public static ExitCode ForBatch(string runtimeStatus, int total, IReadOnlyDictionary<string, int>? counts) =>
        runtimeStatus == "Completed" && (total == 0 || (counts?.GetValueOrDefault("accepted") ?? 0) == total) ? ExitCode.Success : ExitCode.NotSuccessful;

    /// <summary>An ended deprovisioning: <c>deleted</c> and <c>already_gone</c> are a success.</summary>
    public static ExitCode ForDeprovision(string? result) => result is "deleted" or "already_gone" ? ExitCode.Success : ExitCode.NotSuccessful;

    /// <summary>A batch deletion: items still provisioning (deleted only with <c>--cancel</c>) are not a success.</summary>
    public static ExitCode ForBatchDeletion(IEnumerable<string> states) =>
        states.Any(s => s == "still_provisioning") ? ExitCode.NotSuccessful : ExitCode.Success;

    /// <summary>An error status of the API: 404 not found, other 4xx refused, 5xx (and anything else) unavailable.</summary>
    public static ExitCode ForStatus(HttpStatusCode status) => (int)status switch
    {
        404 => ExitCode.NotFound,
        >= 400 and < 500 => ExitCode.Refused,
        _ => ExitCode.Unavailable,
    };

    /// <summary>Whether a runtime status means the orchestration has ended.</summary>
    public static bool HasEnded(string runtimeStatus) => runtimeStatus is "Completed" or "Failed" or "Terminated";
}
