using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vpcep.StorageAccounts;

namespace Vpcep.Storage;

/// <summary>
/// Readiness of a host: whether the task hub's storage answers. One cheap call, the properties of the task hub's
/// work-item queue (Queue Service REST API, "Get Queue Metadata": a HEAD/GET of the queue's metadata, which the data
/// role Storage Queue Data Contributor allows), with no retry and a short timeout, so a host whose storage is down or
/// unreachable says so within that time instead of hanging its probe.
/// </summary>
/// <remarks>
/// The queue is named <c>{task hub, lower case}-workitems</c> by the Azure Storage provider of Durable Task, on both hosts
/// (Durable Functions documentation, "Azure Storage provider (Durable Functions)", queues: the work-item queue and the
/// control queues <c>{task hub}-control-{nn}</c>, https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-azure-storage-provider).
/// A queue that does not exist is unhealthy too: the task hub has not been created (yet), so nothing can be started.
/// </remarks>
public sealed class TaskHubStorageHealthCheck : IHealthCheck
{
    /// <summary>The longest a check waits for storage by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly Lazy<QueueClient> queue;
    private readonly TimeSpan timeout;

    /// <summary>A check of the task hub <paramref name="taskHubName"/> in the account of <paramref name="connection"/>.</summary>
    public TaskHubStorageHealthCheck(StorageConnection connection, string taskHubName, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        this.timeout = timeout ?? DefaultTimeout;
        QueueName = WorkItemQueueName(taskHubName);
        var options = new QueueClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = this.timeout;
        queue = new Lazy<QueueClient>(() => connection.CreateQueueClient(QueueName, options));
    }

    /// <summary>The queue the check reads.</summary>
    public string QueueName { get; }

    /// <summary>The work-item queue of a task hub: <c>{task hub, lower case}-workitems</c>.</summary>
    public static string WorkItemQueueName(string taskHubName)
    {
        ArgumentNullException.ThrowIfNull(taskHubName);
        return taskHubName.ToLowerInvariant() + "-workitems";
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        try
        {
            await queue.Value.GetPropertiesAsync(patience.Token);
            return HealthCheckResult.Healthy($"The task hub's queue {QueueName} answered.");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return HealthCheckResult.Unhealthy($"The task hub's queue {QueueName} does not exist (yet): the task hub has not been created.");
        }
        catch (RequestFailedException ex) when (ex.Status == 0)
        {
            // No answer at all (connection refused, DNS, TLS): the SDK reports it with status 0 and the cause inside.
            return HealthCheckResult.Unhealthy($"The task hub's storage could not be reached ({ex.InnerException?.GetType().Name ?? "no answer"}).");
        }
        catch (RequestFailedException ex)
        {
            return HealthCheckResult.Unhealthy($"The task hub's storage refused: {ex.Status} {ex.ErrorCode}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The task hub's storage did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type only: messages of credential and transport errors may carry more than a probe should show.
            return HealthCheckResult.Unhealthy($"The task hub's storage could not be reached ({ex.GetType().Name}).");
        }
    }
}
