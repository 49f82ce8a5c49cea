using Microsoft.DurableTask;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Orchestrations;

/// <summary>
/// Runs a batch: each valid item as its own <see cref="ProvisionEndpointOrchestrator"/> (a
/// sub-orchestration with the item's instance id, queryable on its own), invalid items reported as
/// they are; progress in the custom status; one summary notification when every item has ended.
/// </summary>
public sealed class ProvisionBatchOrchestrator : TaskOrchestrator<BatchInput, BatchOutcome>
{
    /// <summary>The orchestration's name in the task hub.</summary>
    public const string Name = nameof(ProvisionBatchOrchestrator);

    /// <inheritdoc/>
    public override async Task<BatchOutcome> RunAsync(TaskOrchestrationContext context, BatchInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        DateTimeOffset startedAt = context.CurrentUtcDateTime;
        var results = new SortedDictionary<int, BatchItemResult>();
        foreach (BatchItem invalid in input.Items.Where(i => i.Input is null))
        {
            results[invalid.Index] = new BatchItemResult
            {
                Index = invalid.Index,
                Result = ProvisioningResult.Invalid,
                ValidationErrors = invalid.Errors,
            };
        }

        var running = input.Items
            .Where(i => i.Input is not null)
            .ToDictionary(
                i => (Task)context.CallSubOrchestratorAsync<ProvisioningOutcome>(
                    ProvisionEndpointOrchestrator.Name, i.Input, new SubOrchestrationOptions { InstanceId = i.InstanceId }),
                i => i);
        ReportProgress(context, input, results);
        while (running.Count > 0)
        {
            Task done = await Task.WhenAny(running.Keys);
            BatchItem item = running[done];
            running.Remove(done);
            results[item.Index] = ResultOf(item, (Task<ProvisioningOutcome>)done);
            ReportProgress(context, input, results);
        }

        var outcome = new BatchOutcome
        {
            BatchId = input.BatchId,
            Total = input.Items.Count,
            Counts = CountByResult(results.Values),
            Items = [.. results.Values],
            StartedAt = startedAt,
            CompletedAt = context.CurrentUtcDateTime,
        };
        NotificationReport report = await NotificationDelivery.DeliverAsync(
            context,
            input.CallbackUrl is null ? [] : [new NotificationTarget(NotificationChannels.Webhook, input.CallbackUrl)],
            NotificationDocument.For(outcome),
            input.Settings.EffectiveDelivery,
            "No callback_url was given for the batch and no default is configured.",
            input.Settings.ActivityRetry());
        return outcome with { Notification = report };
    }

    private static BatchItemResult ResultOf(BatchItem item, Task<ProvisioningOutcome> finished)
    {
        if (finished.IsCompletedSuccessfully)
        {
            ProvisioningOutcome outcome = finished.Result;
            return new BatchItemResult
            {
                Index = item.Index,
                InstanceId = item.InstanceId,
                Result = outcome.Result,
                EndpointId = outcome.Endpoint?.Id,
                Error = outcome.Error,
                ValidationErrors = outcome.ValidationErrors,
            };
        }

        // The item's orchestration itself failed (not a cloud verdict): count it as failed, say why.
        string message = finished.Exception?.InnerException is TaskFailedException failed
            ? failed.FailureDetails.ErrorMessage
            : finished.Exception?.InnerException?.Message ?? "The item's orchestration failed.";
        return new BatchItemResult
        {
            Index = item.Index,
            InstanceId = item.InstanceId,
            Result = ProvisioningResult.Failed,
            Error = new ProvisioningError("orchestration_failed", message),
        };
    }

    private static void ReportProgress(TaskOrchestrationContext context, BatchInput input, SortedDictionary<int, BatchItemResult> results) =>
        context.SetCustomStatus(new BatchProgress(input.Items.Count, results.Count, CountByResult(results.Values), input.BatchId));

    private static Dictionary<string, int> CountByResult(IEnumerable<BatchItemResult> results) =>
        results.GroupBy(r => r.Result ?? "running").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
