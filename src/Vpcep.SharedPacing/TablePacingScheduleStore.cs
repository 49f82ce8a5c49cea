using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Vpcep.StorageAccounts;

namespace Vpcep.SharedPacing;

/// <summary>
/// Keeps each project's schedule in one row of an Azure Storage table (partition key: the project, row key
/// <c>schedule</c>), written with ETag optimistic concurrency: a replace names the version it read and fails with
/// 412 if another worker wrote since; the first row is inserted and fails with 409 if another worker inserted it
/// first. The table is created on first use.
/// </summary>
/// <remarks>
/// The time is kept as UTC ticks in an <c>Int64</c> property rather than an <c>Edm.DateTime</c>, whose precision
/// differs between the service and emulators. The pacer bounds every call with its own timeout, so the storage
/// client retries at most once: a slow store must send the worker to its fallback rate quickly, not after the
/// SDK's default of three retries with backoff.
/// </remarks>
internal sealed class TablePacingScheduleStore : IPacingScheduleStore
{
    internal const string RowKey = "schedule";
    internal const string NextTurnProperty = "NextTurnTicks";
    internal const string WriterProperty = "Writer";

    private readonly TableClient table;
    private readonly string writer = $"{Environment.MachineName}-{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    private volatile bool tableExists;

    public TablePacingScheduleStore(IOptions<SharedPacingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SharedPacingOptions o = options.Value;
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 1;
        clientOptions.Retry.Mode = RetryMode.Fixed;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(100);
        clientOptions.Retry.NetworkTimeout = o.StorageTimeout;
        StorageConnection storage = StorageConnection.From(o)
            ?? throw new InvalidOperationException($"{SharedPacingOptions.SectionName} names no storage account (the check at start should have stopped the host).");
        table = storage.CreateTableClient(o.TableName, clientOptions);
    }

    /// <inheritdoc/>
    public async Task<StoredSchedule?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(key, RowKey, [NextTurnProperty], cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        long ticks = entity.GetInt64(NextTurnProperty) ?? DateTimeOffset.MinValue.UtcTicks;
        return new StoredSchedule(new DateTimeOffset(Math.Clamp(ticks, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero), entity.ETag.ToString());
    }

    /// <inheritdoc/>
    public async Task<string?> TryWriteAsync(string key, DateTimeOffset nextTurn, string? etag, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(key, RowKey)
        {
            [NextTurnProperty] = nextTurn.UtcTicks,
            [WriterProperty] = writer,
        };
        try
        {
            Response answer = etag is null
                ? await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return answer.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table answered a write without an ETag.");
        }
        catch (RequestFailedException failed) when (failed.Status is 409 or 412 || (failed.Status == 404 && etag is not null))
        {
            // Another worker inserted or moved the schedule first (409, 412), or the row was deleted (404): read again.
            return null;
        }
        catch (RequestFailedException failed) when (failed.Status == 404)
        {
            // The table itself is gone (deleted while this worker ran): create it on the next call.
            tableExists = false;
            throw;
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!tableExists)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            tableExists = true;
        }
    }
}
