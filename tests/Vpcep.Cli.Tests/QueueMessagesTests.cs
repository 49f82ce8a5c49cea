using System.Text;
using System.Text.Json.Nodes;
using Vpcep.Cli.Queue;

namespace Vpcep.Cli.Tests;

public class QueueMessagesTests
{
    [Fact]
    public void A_batch_that_fits_one_message_is_sent_as_it_is()
    {
        string batch = Batch("small", 3).ToJsonString();

        PlannedMessage message = Assert.Single(QueueMessages.Plan(batch, base64: false, alwaysBlob: false, LargeBatch.Blob, "vpcep-batches"));

        Assert.Equal(batch, message.Text);
        Assert.Equal("small", message.BatchId);
        Assert.Null(message.Blob);
    }

    [Fact]
    public void A_batch_too_large_for_one_message_is_uploaded_as_a_blob_named_by_its_content_and_referenced()
    {
        string batch = Batch("large", 400).ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(batch) > QueueMessages.MaxMessageBytes);

        PlannedMessage first = Assert.Single(QueueMessages.Plan(batch, base64: false, alwaysBlob: false, LargeBatch.Blob, "my-batches"));
        PlannedMessage again = Assert.Single(QueueMessages.Plan(batch, base64: false, alwaysBlob: false, LargeBatch.Blob, "my-batches"));

        Assert.NotNull(first.Blob);
        Assert.Equal(batch, first.Blob.Value.Content);
        Assert.Equal(first.Blob.Value.Name, again.Blob!.Value.Name);
        JsonNode reference = JsonNode.Parse(first.Text)!;
        Assert.Equal("my-batches", reference["batch_ref"]!["container"]!.GetValue<string>());
        Assert.Equal(first.Blob.Value.Name, reference["batch_ref"]!["blob"]!.GetValue<string>());
        Assert.Single(reference.AsObject());
    }

    [Fact]
    public void Base64_counts_toward_the_64_KiB_a_message_holds()
    {
        // About 55 KiB of JSON: fits as text, not once base64 makes it a third larger.
        JsonObject document = Batch("edge", 1);
        document["requests"]![0]!["endpoint"]!["description"] = new string('x', 55 * 1024);
        string batch = document.ToJsonString();

        Assert.Null(Assert.Single(QueueMessages.Plan(batch, base64: false, alwaysBlob: false, LargeBatch.Blob, "c")).Blob);
        Assert.NotNull(Assert.Single(QueueMessages.Plan(batch, base64: true, alwaysBlob: false, LargeBatch.Blob, "c")).Blob);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Split_makes_batches_with_derived_ids_that_each_fit_one_message_and_keep_every_item_in_order(bool base64)
    {
        JsonObject document = Batch("rollout-7", 500);
        document["callback_url"] = "https://example.com/hooks/batches";
        string batch = document.ToJsonString();

        IReadOnlyList<PlannedMessage> parts = QueueMessages.Plan(batch, base64, alwaysBlob: false, LargeBatch.Split, "c");

        Assert.True(parts.Count > 1);
        Assert.Equal(
            Enumerable.Range(1, parts.Count).Select(k => $"rollout-7-part-{k}-of-{parts.Count}"),
            parts.Select(p => p.BatchId));
        Assert.All(parts, p =>
        {
            Assert.Null(p.Blob);
            Assert.True(QueueMessages.MessageBytes(p.Text, base64) <= QueueMessages.MaxMessageBytes);
            JsonNode part = JsonNode.Parse(p.Text)!;
            Assert.Equal(p.BatchId, part["batch_id"]!.GetValue<string>());
            Assert.Equal("https://example.com/hooks/batches", part["callback_url"]!.GetValue<string>());
        });
        Assert.Equal(
            Enumerable.Range(0, 500).Select(i => $"item-{i}"),
            parts.SelectMany(p => JsonNode.Parse(p.Text)!["requests"]!.AsArray()).Select(r => r!["idempotency_key"]!.GetValue<string>()));
        Assert.Equal(
            parts.Select(p => p.Text),
            QueueMessages.Plan(batch, base64, alwaysBlob: false, LargeBatch.Split, "c").Select(p => p.Text));
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    public void A_document_that_is_not_a_json_object_is_a_usage_error(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => QueueMessages.Plan(text, false, false, LargeBatch.Blob, "c"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_request_is_never_sent_by_reference()
    {
        JsonObject request = (JsonObject)Batch("x", 1)["requests"]![0]!.DeepClone();
        string small = request.ToJsonString();
        request["endpoint"]!["description"] = new string('x', 70 * 1024);

        Assert.Contains("--blob and --split need a batch", Assert.Throws<UsageException>(() => QueueMessages.Plan(small, false, alwaysBlob: true, LargeBatch.Blob, "c")).Message, StringComparison.Ordinal);
        Assert.Contains("only a batch", Assert.Throws<UsageException>(() => QueueMessages.Plan(request.ToJsonString(), false, false, LargeBatch.Blob, "c")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_refuses_an_item_too_large_for_a_message_of_its_own()
    {
        JsonObject document = Batch("big-item", 3);
        document["requests"]![1]!["endpoint"]!["description"] = new string('x', 70 * 1024);

        var error = Assert.Throws<UsageException>(() => QueueMessages.Plan(document.ToJsonString(), false, false, LargeBatch.Split, "c"));

        Assert.Contains("request 1 alone is too large", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Batch(string batchId, int items) => new()
    {
        ["batch_id"] = batchId,
        ["requests"] = new JsonArray([.. Enumerable.Range(0, items).Select(i => (JsonNode)new JsonObject
        {
            ["idempotency_key"] = $"item-{i}",
            ["project_id"] = "6e9dfd51d1124e8d8498dce894923a0d",
            ["endpoint"] = new JsonObject
            {
                ["vpc_id"] = "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
                ["subnet_id"] = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de",
                ["endpoint_service_id"] = "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
            },
        })]),
    };
}
