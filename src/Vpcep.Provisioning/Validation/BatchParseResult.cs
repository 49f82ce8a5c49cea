namespace Vpcep.Provisioning.Validation;

/// <summary>The outcome of parsing a batch message <c>{batch_id, callback_url?, requests: [...]}</c>.</summary>
/// <param name="BatchId">The batch's id; null when missing or invalid.</param>
/// <param name="CallbackUrl">Where the batch's summary goes; null when absent or not a string.</param>
/// <param name="Requests">
/// Each item of <c>requests</c>, in order, parsed as a request of its own (errors at <c>/requests/N/...</c>,
/// <see cref="ParseResult.IdempotencyKey"/> set); empty when <c>requests</c> is missing, not an array or of the
/// wrong length. An item reusing an earlier item's key has one <c>duplicate_idempotency_key</c> error.
/// </param>
/// <param name="Errors">The problems of the batch itself (its own members), not those of its items.</param>
public sealed record BatchParseResult(
    string? BatchId, string? CallbackUrl, IReadOnlyList<ParseResult> Requests, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Gets a value indicating whether the batch itself has no problems (its items may still have some).</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// Gets a value indicating whether the host names of the batch's and its items' callback URLs have been resolved and
    /// checked (<see cref="Intake.ProvisioningIntake.CheckCallbackHostsAsync(BatchParseResult, CancellationToken)"/>).
    /// </summary>
    public bool CallbackHostsChecked { get; init; }
}
