using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

using Vpcep.Provisioning;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.SelfHost.Queues;

/// <summary>
/// The self-host's queue trigger, built on Azure.Storage.Queues with the semantics Functions users
/// know: messages fetched in batches with a visibility timeout, polling that backs off while the queue
/// is empty, a message that keeps failing moved to <c>&lt;queue&gt;-poison</c> after
/// <see cref="QueueListenerOptions.MaxDequeueCount"/> deliveries, and a message that can never
/// succeed (malformed, invalid) moved there at once with its reason. Nothing a message contains can
/// stop the listener.
/// </summary>
public sealed class StorageQueueListener(
    QueueMessageIntake intake,
    DurableTaskClient client,
    IOptions<QueueListenerOptions> options,
    TimeProvider time,
    ILogger<StorageQueueListener> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        QueueListenerOptions o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        QueueServiceClient storage = o.Connection().CreateQueueServiceClient(clientOptions);
        QueueClient queue = storage.GetQueueClient(o.QueueName);
        QueueClient poison = storage.GetQueueClient(o.PoisonQueueName);
        TimeSpan idle = o.MinPollingInterval;
        bool ready = false;
        logger.Listening(o.QueueName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!ready)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    ready = true;
                }

                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(o.BatchSize, o.VisibilityTimeout, stoppingToken)).Value;
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, time, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, o.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = o.MinPollingInterval;
                await Task.WhenAll(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Nothing may stop the listener: storage errors arrive as several exception types.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Storage unreachable or failing: wait, then try again; messages stay safely in the queue.
                logger.QueueUnavailable(ex, o.QueueName);
                try
                {
                    await Task.Delay(o.MaxPollingInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        string? poisonReason;
        IReadOnlyList<ValidationError>? errors = null;
        try
        {
            QueueMessageResult result = await intake.ProcessAsync(client, message.Body.ToString(), stoppingToken);
            logger.Handled(message.MessageId, result.Kind, result.InstanceId);
            poisonReason = result.Kind == QueueMessageKind.Rejected ? result.Reason ?? "Rejected." : null;
            errors = result.Errors;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // Shutting down: the message reappears after its visibility timeout.
        }
#pragma warning disable CA1031 // One message's failure must never stop the listener.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.Failed(ex, message.MessageId, message.DequeueCount);
            if (message.DequeueCount < options.Value.MaxDequeueCount)
            {
                return; // It reappears after its visibility timeout and is tried again.
            }

            poisonReason = $"Failed {message.DequeueCount} times; last error: {ex.Message}";
        }

        // The verdict is in; moving the message on is storage work that may itself fail. If it does,
        // the message reappears and is handled again: a started request is then found as a duplicate.
        try
        {
            if (poisonReason is not null)
            {
                await PoisonAsync(poison, message, poisonReason, errors, stoppingToken);
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Storage failures are logged; the message is handled again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.QueueUnavailable(ex, queue.Name);
        }
    }

    private async Task PoisonAsync(
        QueueClient poison, QueueMessage message, string reason, IReadOnlyList<ValidationError>? errors, CancellationToken cancellationToken)
    {
        var entry = new PoisonMessage(reason, errors is { Count: > 0 } ? errors : null, message.DequeueCount, message.MessageId, message.Body.ToString(), time.GetUtcNow());
        await poison.SendMessageAsync(JsonSerializer.Serialize(entry, ProvisioningJsonContext.Default.PoisonMessage), cancellationToken);
        logger.Poisoned(message.MessageId, poison.Name, reason);
    }
}
