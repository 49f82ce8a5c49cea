using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Activities;

namespace Vpcep.Storage;

/// <summary>
/// Create attempts recorded in an Azure Storage table of the task hub's account: one row per request, added
/// (never overwritten) before its create is sent. Adding succeeds on a request's first run; a later run (a retry,
/// or a redelivery after a worker died mid-create) finds the row (409) and looks for the earlier run's endpoint.
/// One table write per request, not rate-limited by the cloud, replaces one cloud look-up per create.
/// </summary>
/// <remarks>
/// Storage trouble never risks a second endpoint: any failure other than "already there" answers "may have run
/// before", so the activity looks first, as it would with no record at all. Rows are small (keys only) and kept;
/// purging them with finished instances belongs with the task hub's own purge.
/// </remarks>
public sealed partial class TableCreateAttempts : ICreateAttempts
{
    private const string RowKey = "create";

    private readonly TableClient table;
    private readonly ILogger<TableCreateAttempts> logger;
    private readonly Lock gate = new();
    private Task? tableReady;

    /// <summary>Initializes a new instance of the <see cref="TableCreateAttempts"/> class.</summary>
    /// <param name="table">The table (created on first use).</param>
    /// <param name="logger">Where storage trouble is reported.</param>
    public TableCreateAttempts(TableClient table, ILogger<TableCreateAttempts> logger)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(logger);
        this.table = table;
        this.logger = logger;
    }

    /// <inheritdoc/>
    public async Task<bool> MayHaveRunBeforeAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        try
        {
            await EnsureTableAsync(cancellationToken);
            await table.AddEntityAsync(new TableEntity(instanceId, RowKey), cancellationToken);
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnknown(logger, ex, instanceId, table.Name);
            return true;
        }
    }

    /// <summary>Creates the table once per process; a failed creation is tried again by the next call.</summary>
    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (tableReady is null || tableReady.IsFaulted || tableReady.IsCanceled)
            {
                tableReady = table.CreateIfNotExistsAsync(CancellationToken.None);
            }

            return tableReady.WaitAsync(cancellationToken);
        }
    }

    [LoggerMessage(7101, LogLevel.Warning, "Could not record the create attempt of {InstanceId} in table {Table}; the create looks for an earlier attempt's endpoint first.")]
    private static partial void LogUnknown(ILogger logger, Exception exception, string instanceId, string table);
}
