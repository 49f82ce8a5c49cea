namespace Vpcep.Cli;

/// <summary>
/// The process exit codes of <c>vpcep</c>, the same for every command, so a script can branch on them.
/// </summary>
public enum ExitCode
{
    /// <summary>It worked: accepted (submitted, enqueued, redelivery started), an endpoint accepted, deleted or already gone.</summary>
    Success = 0,

    /// <summary>
    /// The request or batch ended, or a deprovisioning ended, and the outcome is not a success: <c>failed</c>,
    /// <c>rejected</c>, <c>timed_out</c>, <c>invalid</c>, <c>pending_acceptance</c> (the endpoint exists but carries
    /// no traffic until the service's owner accepts it), an orchestration that failed or was terminated, a batch with
    /// any item not accepted, or a batch deletion that left items still provisioning.
    /// </summary>
    NotSuccessful = 1,

    /// <summary>The command line is wrong (unknown option, missing argument, unreadable file): nothing was sent.</summary>
    Usage = 2,

    /// <summary>The API refused the request (a 4xx other than 404: invalid document, conflict, forbidden, unauthorized).</summary>
    Refused = 3,

    /// <summary>The service could not be reached or answered 5xx (503 while its storage is down), or <c>--timeout</c> passed.</summary>
    Unavailable = 4,

    /// <summary>The request, batch or deprovisioning is not known to the service (404).</summary>
    NotFound = 5,
}
