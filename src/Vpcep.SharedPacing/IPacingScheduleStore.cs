namespace Vpcep.SharedPacing;

/// <summary>A project's shared schedule as stored: the first turn nobody holds yet, and the version it was read at.</summary>
/// <param name="NextTurn">The time of the first turn not yet handed to any worker.</param>
/// <param name="ETag">The version; a write naming it succeeds only if nobody wrote since.</param>
internal sealed record StoredSchedule(DateTimeOffset NextTurn, string ETag);

/// <summary>
/// Where the workers keep each project's schedule (<see cref="TablePacingScheduleStore"/>: a table row per project).
/// Writes are conditional, so two workers can never be handed the same turns.
/// </summary>
internal interface IPacingScheduleStore
{
    /// <summary>The schedule of <paramref name="key"/>, or <see langword="null"/> when no worker has used it yet.</summary>
    Task<StoredSchedule?> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the schedule of <paramref name="key"/> to <paramref name="nextTurn"/> if it is still at version
    /// <paramref name="etag"/> (or, with <see langword="null"/>, does not exist yet). Returns the new version, or
    /// <see langword="null"/> when another worker wrote first. Storage failures are thrown.
    /// </summary>
    Task<string?> TryWriteAsync(string key, DateTimeOffset nextTurn, string? etag, CancellationToken cancellationToken);
}
