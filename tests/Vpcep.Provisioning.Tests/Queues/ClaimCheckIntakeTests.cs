using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Queues;

/// <summary>A queue message that references a batch kept in a blob is handled exactly like the same batch inline.</summary>
public sealed class ClaimCheckIntakeTests
{
    private const string BatchId = "rollout-2026-11";

    private static readonly BatchDocumentReference Blob = new("vpcep-batches", "rollout-2026-11.json");

    private readonly FakeTaskHub hub = new();
    private readonly QueueMessageOptions queueOptions = new();
    private readonly IBatchDocumentReader documents = Substitute.For<IBatchDocumentReader>();
    private readonly QueueMessageIntake intake;

    public ClaimCheckIntakeTests()
    {
        IOptionsMonitor<QueueMessageOptions> queueMonitor = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        queueMonitor.CurrentValue.Returns(queueOptions);
        intake = new QueueMessageIntake(hub.Intake, RequestDocuments.Parser(), queueMonitor, documents);
    }

    private static string Reference() =>
        new JsonObject { ["batch_ref"] = new JsonObject { ["container"] = Blob.Container, ["blob"] = Blob.Blob } }.ToJsonString();

    private static JsonObject Batch(int items) => new()
    {
        ["batch_id"] = BatchId,
        ["callback_url"] = "https://hooks.example.test/batches",
        ["requests"] = new JsonArray([.. Enumerable.Range(0, items).Select(_ => (JsonNode)RequestDocuments.Seed())]),
    };

    private void GivenBlob(JsonNode content) =>
        documents.ReadAsync(Blob, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(BatchDocumentRead.Found(Encoding.UTF8.GetBytes(content.ToJsonString())));

    private Task<QueueMessageResult> Process(string text) => intake.ProcessAsync(hub.Client, text, CancellationToken.None);

    [Fact]
    public async Task A_referenced_batch_of_500_starts_the_same_batch_as_the_same_document_inline()
    {
        JsonObject batch = Batch(500);
        GivenBlob(batch);

        QueueMessageResult byReference = await Process(Reference());
        var other = new FakeTaskHub();
        IOptionsMonitor<QueueMessageOptions> limits = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        limits.CurrentValue.Returns(new QueueMessageOptions());
        QueueMessageResult inline = await new QueueMessageIntake(other.Intake, RequestDocuments.Parser(), limits, new NoBatchDocumentReader())
            .ProcessAsync(other.Client, batch.ToJsonString(), CancellationToken.None);

        Assert.Equal(QueueMessageKind.Started, byReference.Kind);
        Assert.Equal(InstanceIds.ForBatch(BatchId), byReference.InstanceId);
        Assert.Equal(inline.InstanceId, byReference.InstanceId);
        var fromBlob = Assert.IsType<BatchInput>(Assert.Single(hub.Schedules).Input);
        var fromMessage = Assert.IsType<BatchInput>(Assert.Single(other.Schedules).Input);
        Assert.Equal(500, fromBlob.Items.Count);
        Assert.Equal(fromMessage.Items.Select(i => i.InstanceId), fromBlob.Items.Select(i => i.InstanceId));
        Assert.Equal(fromMessage.CallbackUrl, fromBlob.CallbackUrl);
    }

    [Fact]
    public async Task The_blob_is_read_with_the_configured_batch_size_limit()
    {
        queueOptions.MaxBatchBytes = 1_000_000;
        GivenBlob(Batch(1));

        await Process(Reference());

        await documents.Received(1).ReadAsync(Blob, 1_000_000, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_base64_encoded_reference_is_read_like_a_plain_one()
    {
        GivenBlob(Batch(2));

        QueueMessageResult result = await Process(Convert.ToBase64String(Encoding.UTF8.GetBytes(Reference())));

        Assert.Equal(QueueMessageKind.Started, result.Kind);
    }

    [Fact]
    public async Task A_missing_blob_is_rejected_naming_the_blob_and_why_and_nothing_starts()
    {
        documents.ReadAsync(Blob, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(BatchDocumentRead.Unreadable("the blob does not exist."));

        QueueMessageResult result = await Process(Reference());

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("vpcep-batches/rollout-2026-11.json", result.Reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Reason, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_storage_failure_while_reading_the_blob_propagates_so_the_message_is_retried()
    {
        documents.ReadAsync(Blob, Arg.Any<int>(), Arg.Any<CancellationToken>()).ThrowsAsync(new IOException("connection refused"));

        await Assert.ThrowsAsync<IOException>(() => Process(Reference()));
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_invalid_reference_is_rejected_with_its_problems_without_reading_anything()
    {
        QueueMessageResult result = await Process("""{"batch_ref": {"container": "Batches", "blob": "b.json"}}""");

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal([("/batch_ref/container", ValidationCodes.InvalidContainerName)], result.Errors.PointersAndCodes());
        await documents.DidNotReceiveWithAnyArgs().ReadAsync(default!, default, default);
    }

    [Fact]
    public async Task A_blob_holding_an_invalid_batch_is_rejected_with_every_problem_of_the_batch()
    {
        GivenBlob(new JsonObject { ["batch_id"] = "", ["requests"] = new JsonArray(), ["extra"] = 1 });

        QueueMessageResult result = await Process(Reference());

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("vpcep-batches/rollout-2026-11.json", result.Reason, StringComparison.Ordinal);
        Assert.Equal(
            [("/batch_id", ValidationCodes.InvalidBatchId), ("/extra", ValidationCodes.UnknownField), ("/requests", ValidationCodes.Required)],
            result.Errors.PointersAndCodes().OrderBy(e => e.Pointer, StringComparer.Ordinal));
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_blob_that_is_not_json_is_rejected_as_malformed()
    {
        documents.ReadAsync(Blob, Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(BatchDocumentRead.Found("not json"u8.ToArray()));

        QueueMessageResult result = await Process(Reference());

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal([("", ValidationCodes.MalformedJson)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public async Task Invalid_items_of_a_referenced_batch_travel_with_it_as_in_an_inline_batch()
    {
        JsonObject batch = Batch(3);
        batch["requests"]![1]!["project_id"] = "not-hex";
        GivenBlob(batch);

        QueueMessageResult result = await Process(Reference());

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        var input = Assert.IsType<BatchInput>(Assert.Single(hub.Schedules).Input);
        Assert.Null(input.Items[1].Input);
        Assert.Equal([("/requests/1/project_id", ValidationCodes.InvalidProjectId)], input.Items[1].Errors!.PointersAndCodes());
    }

    [Fact]
    public async Task A_reference_on_a_host_without_blob_storage_is_rejected_saying_so()
    {
        IOptionsMonitor<QueueMessageOptions> limits = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        limits.CurrentValue.Returns(new QueueMessageOptions());
        var noStorage = new QueueMessageIntake(hub.Intake, RequestDocuments.Parser(), limits, new NoBatchDocumentReader());

        QueueMessageResult result = await noStorage.ProcessAsync(hub.Client, Reference(), CancellationToken.None);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("not configured to read batches from blob storage", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redelivered_reference_to_a_started_batch_is_a_duplicate()
    {
        GivenBlob(Batch(2));
        await Process(Reference());
        var started = (BatchInput)hub.Schedules[0].Input!;
        hub.GivenInstances(new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(BatchId))
        {
            SerializedInput = Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(started),
            DataConverter = Microsoft.DurableTask.Converters.JsonDataConverter.Default,
        });

        QueueMessageResult again = await Process(Reference());

        Assert.Equal(QueueMessageKind.Duplicate, again.Kind);
        Assert.Single(hub.Schedules);
    }
}
