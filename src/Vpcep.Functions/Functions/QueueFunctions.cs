using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Vpcep.Provisioning.Queues;

namespace Vpcep.Functions.Functions;

/// <summary>What the queue trigger writes: a poison entry when the message can never succeed.</summary>
public sealed class QueueTriggerOutput
{
    /// <summary>The poison queue entry (with the reason), or <c>null</c>.</summary>
    [QueueOutput(ProvisioningQueueNames.DefaultPoisonQueueName)]
    public string? Poison { get; set; }
}

/// <summary>
/// The queue trigger over the shared <see cref="QueueMessageIntake"/>. A message that can never
/// succeed goes to the poison queue at once, with its reason; a failure that may pass (storage
/// unavailable) throws, so the Functions runtime retries it and poisons it after
/// <c>maxDequeueCount</c> (host.json) deliveries.
/// </summary>
public sealed class QueueFunctions(QueueMessageIntake intake, TimeProvider time, ILogger<QueueFunctions> logger)
{
    /// <summary>Handles one message of the provisioning queue.</summary>
    [Function("ProvisionFromQueue")]
    public async Task<QueueTriggerOutput> RunAsync(
        [QueueTrigger(ProvisioningQueueNames.DefaultQueueName, Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        QueueMessageResult result = await intake.ProcessAsync(client, message, context.CancellationToken);
        if (result.Kind != QueueMessageKind.Rejected)
        {
            logger.Handled(result.Kind, result.InstanceId);
            return new QueueTriggerOutput();
        }

        logger.Poisoned(result.Reason);
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out object? dequeueCount);
        context.BindingContext.BindingData.TryGetValue("Id", out object? messageId);
        var entry = new PoisonMessage(
            result.Reason ?? "Rejected.",
            result.Errors.Count > 0 ? result.Errors : null,
            Convert.ToInt64(dequeueCount ?? 1, System.Globalization.CultureInfo.InvariantCulture),
            messageId?.ToString(),
            message,
            time.GetUtcNow());
        return new QueueTriggerOutput { Poison = System.Text.Json.JsonSerializer.Serialize(entry, Provisioning.ProvisioningJsonContext.Default.PoisonMessage) };
    }
}
