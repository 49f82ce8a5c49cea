using System.Text;
using System.Text.Json.Nodes;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

/// <summary>
/// The reader on big batches: a queue message that references a batch kept in a blob (<c>batch_ref</c>), and a whole
/// batch document (the blob's content, or the body of <c>POST /api/batches</c>).
/// </summary>
public sealed class BatchDocumentParserTests
{
    private const int MaxItems = 500;

    private readonly ProvisioningRequestParser parser = RequestDocuments.Parser();

    private QueueDocument ReadMessage(JsonNode message) => parser.ParseQueueMessage(Encoding.UTF8.GetBytes(message.ToJsonString()), MaxItems);

    private BatchParseResult ReadBatch(string document, int maxItems = MaxItems) => parser.ParseBatch(Encoding.UTF8.GetBytes(document), maxItems);

    private static JsonObject Reference(JsonNode? container, JsonNode? blob) => new()
    {
        ["batch_ref"] = new JsonObject { ["container"] = container, ["blob"] = blob },
    };

    private static JsonObject Batch(int items) => new()
    {
        ["batch_id"] = "big-1",
        ["requests"] = new JsonArray([.. Enumerable.Range(0, items).Select(_ => (JsonNode)RequestDocuments.Seed())]),
    };

    // batch_ref.

    [Fact]
    public void A_message_with_a_batch_ref_reads_as_a_reference_to_that_blob()
    {
        QueueDocument document = ReadMessage(Reference("vpcep-batches", "2026/11/rollout-7.json"));

        Assert.Equal(QueueDocumentKind.BatchReference, document.Kind);
        Assert.Empty(document.Errors);
        Assert.Equal(new BatchDocumentReference("vpcep-batches", "2026/11/rollout-7.json"), document.Reference);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Batches")]
    [InlineData("my--batches")]
    [InlineData("-batches")]
    [InlineData("batches-")]
    [InlineData("batches_2026")]
    public void A_container_that_is_not_a_storage_container_name_is_refused_at_its_pointer(string container)
    {
        QueueDocument document = ReadMessage(Reference(container, "b.json"));

        Assert.Equal(QueueDocumentKind.BatchReference, document.Kind);
        Assert.Null(document.Reference);
        Assert.Equal([("/batch_ref/container", ValidationCodes.InvalidContainerName)], document.Errors.PointersAndCodes());
    }

    [Fact]
    public void Every_problem_of_a_reference_is_listed_at_once()
    {
        JsonObject message = Reference(42, "");
        message["batch_id"] = "inline-too";
        message["batch_ref"]!["account"] = "elsewhere";

        QueueDocument document = ReadMessage(message);

        Assert.Null(document.Reference);
        Assert.Equal(
            [
                ("/batch_id", ValidationCodes.UnknownField),
                ("/batch_ref/account", ValidationCodes.UnknownField),
                ("/batch_ref/blob", ValidationCodes.InvalidBlobName),
                ("/batch_ref/container", ValidationCodes.InvalidContainerName),
            ],
            document.Errors.PointersAndCodes().OrderBy(e => e.Pointer, StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_blob_name_is_an_invalid_blob_name()
    {
        QueueDocument document = ReadMessage(new JsonObject { ["batch_ref"] = new JsonObject { ["container"] = "vpcep-batches" } });

        Assert.Equal([("/batch_ref/blob", ValidationCodes.InvalidBlobName)], document.Errors.PointersAndCodes());
    }

    [Fact]
    public void A_blob_name_longer_than_azure_allows_is_refused()
    {
        QueueDocument document = ReadMessage(Reference("vpcep-batches", new string('b', 1025)));

        Assert.Equal([("/batch_ref/blob", ValidationCodes.InvalidBlobName)], document.Errors.PointersAndCodes());
    }

    // Whole batch documents.

    [Fact]
    public void A_batch_document_of_500_requests_reads_every_item()
    {
        BatchParseResult batch = ReadBatch(Batch(500).ToJsonString());

        Assert.True(batch.IsValid);
        Assert.Equal("big-1", batch.BatchId);
        Assert.Equal(500, batch.Requests.Count);
        Assert.All(batch.Requests, item => Assert.True(item.IsValid));
    }

    [Fact]
    public void A_batch_document_over_the_item_limit_is_one_required_error_on_requests()
    {
        BatchParseResult batch = ReadBatch(Batch(3).ToJsonString(), maxItems: 2);

        Assert.Equal([("/requests", ValidationCodes.Required)], batch.Errors.PointersAndCodes());
        Assert.Empty(batch.Requests);
    }

    [Fact]
    public void A_single_request_is_not_a_batch_document_and_every_reason_is_named()
    {
        BatchParseResult batch = ReadBatch(RequestDocuments.SeedExample);

        Assert.Null(batch.BatchId);
        Assert.Equal(
            [
                ("/batch_id", ValidationCodes.Required),
                ("/endpoint", ValidationCodes.UnknownField),
                ("/project_id", ValidationCodes.UnknownField),
                ("/requests", ValidationCodes.Required),
            ],
            batch.Errors.PointersAndCodes().OrderBy(e => e.Pointer, StringComparer.Ordinal));
    }

    [Fact]
    public void A_batch_document_may_not_reference_another_blob()
    {
        JsonObject document = Batch(1);
        document["batch_ref"] = new JsonObject { ["container"] = "vpcep-batches", ["blob"] = "next.json" };

        BatchParseResult batch = ReadBatch(document.ToJsonString());

        Assert.Equal([("/batch_ref", ValidationCodes.UnknownField)], batch.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("{\"batch_id\": ", ValidationCodes.MalformedJson)]
    [InlineData("[1, 2]", ValidationCodes.WrongType)]
    public void A_batch_document_that_is_not_a_json_object_is_one_error_at_the_root(string document, string code)
    {
        BatchParseResult batch = ReadBatch(document);

        Assert.Equal([("", code)], batch.Errors.PointersAndCodes());
        Assert.Empty(batch.Requests);
    }

    [Fact]
    public void The_items_of_a_batch_document_carry_their_problems_at_their_own_pointers()
    {
        JsonObject document = Batch(3);
        document["requests"]![1]!["project_id"] = "not-hex";

        BatchParseResult batch = ReadBatch(document.ToJsonString());

        Assert.True(batch.IsValid);
        Assert.True(batch.Requests[0].IsValid);
        Assert.Equal([("/requests/1/project_id", ValidationCodes.InvalidProjectId)], batch.Requests[1].Errors.PointersAndCodes());
        Assert.True(batch.Requests[2].IsValid);
    }
}
