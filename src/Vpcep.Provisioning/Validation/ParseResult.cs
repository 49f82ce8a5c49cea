using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The outcome of parsing one provisioning request.
/// </summary>
/// <param name="Request">
/// The typed request whenever the document had the right shape (right JSON types, no unknown or
/// missing required members), even if rules failed: a rejection can then still use its
/// callback_url. Null when the shape was wrong. Always check <see cref="IsValid"/> before acting on it.
/// </param>
/// <param name="Errors">
/// Every problem found (up to <see cref="ValidationOptions.MaxErrors"/>), each with a JSON pointer into
/// the submitted document: problems of shape first, then broken rules, each group in document order.
/// </param>
public sealed record ParseResult(ProvisioningRequest? Request, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Gets a value indicating whether the request has no problems at all.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// Gets the request's <c>idempotency_key</c> (queue requests and batch items only; a webhook takes its key from a
    /// header) whenever that member itself is valid, even if the rest of the request is not. Null when absent.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Gets a value indicating whether the callback URL's host name has been resolved and checked
    /// (<see cref="Intake.ProvisioningIntake.CheckCallbackHostsAsync(ParseResult, CancellationToken)"/>): its problem, if
    /// any, is then among <see cref="Errors"/>. The parser itself never asks DNS.
    /// </summary>
    public bool CallbackHostsChecked { get; init; }
}
