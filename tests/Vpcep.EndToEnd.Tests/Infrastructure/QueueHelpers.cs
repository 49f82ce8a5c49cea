using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Vpcep.EndToEnd.Tests.Infrastructure;

/// <summary>Enqueues and reads messages the way users' pipelines do.</summary>
internal static class QueueHelpers
{
    public static async Task<QueueClient> QueueAsync(ProvisioningStack stack, string name)
    {
        var queue = new QueueClient(stack.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>Sends a message as base64 (what Functions' queue output binding writes) or as plain text.</summary>
    public static async Task SendAsync(ProvisioningStack stack, JsonNode message, bool base64 = false)
    {
        QueueClient queue = await QueueAsync(stack, ProvisioningStack.QueueName);
        string text = message.ToJsonString();
        await queue.SendMessageAsync(base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : text);
    }

    public static async Task SendRawAsync(ProvisioningStack stack, string text)
    {
        QueueClient queue = await QueueAsync(stack, ProvisioningStack.QueueName);
        await queue.SendMessageAsync(text);
    }

    /// <summary>Waits (bounded) until the poison queue holds at least <paramref name="atLeast"/> messages, and reads them.</summary>
    public static async Task<JsonElement[]> PoisonAsync(ProvisioningStack stack, int atLeast)
    {
        QueueClient poison = await QueueAsync(stack, ProvisioningStack.QueueName + "-poison");
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        PeekedMessage[] messages = [];
        while (DateTime.UtcNow < deadline)
        {
            messages = (await poison.PeekMessagesAsync(32)).Value;
            if (messages.Length >= atLeast)
            {
                break;
            }

            await Task.Delay(250);
        }

        return [.. messages.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.Clone())];
    }

    /// <summary>Waits (bounded) until the batch has completed, and returns its state.</summary>
    public static async Task<JsonElement> WaitForBatchAsync(ProvisioningStack stack, string batchId, TimeSpan within)
    {
        DateTime deadline = DateTime.UtcNow + within;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await stack.Api.GetAsync($"/api/batches/{Uri.EscapeDataString(batchId)}");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                JsonElement state = JsonDocument.Parse(last).RootElement.Clone();
                if (state.GetProperty("runtime_status").GetString() is "Completed" or "Failed" or "Terminated")
                {
                    return state;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Batch {batchId} did not complete in time; last answer: {last}");
    }
}
