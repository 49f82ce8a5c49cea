using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Intake;

/// <summary>A batch_id maps to one batch orchestration: the same document again finds it, a different one is refused.</summary>
public sealed class BatchSubmissionTests
{
    private const string BatchId = "rollout-2026-11";

    private readonly FakeTaskHub hub = new();

    private static BatchParseResult Parse(JsonNode document) =>
        RequestDocuments.Parser().ParseBatch(Encoding.UTF8.GetBytes(document.ToJsonString()), 500);

    private static JsonObject Batch(int items, string? callbackUrl = null) => new()
    {
        ["batch_id"] = BatchId,
        ["callback_url"] = callbackUrl,
        ["requests"] = new JsonArray([.. Enumerable.Range(0, items).Select(_ => (JsonNode)RequestDocuments.Seed())]),
    };

    private Task<BatchSubmission> Submit(JsonNode document) => hub.Intake.SubmitBatchAsync(hub.Client, Parse(document), CancellationToken.None);

    /// <summary>Submits <paramref name="first"/>, then answers look-ups with the instance it started.</summary>
    private async Task GivenStarted(JsonNode first)
    {
        await Submit(first);
        hub.GivenInstances(new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, InstanceIds.ForBatch(BatchId))
        {
            SerializedInput = JsonDataConverter.Default.Serialize(hub.Schedules[0].Input),
            DataConverter = JsonDataConverter.Default,
        });
    }

    [Fact]
    public async Task A_new_batch_starts_one_batch_orchestration_under_its_batch_id()
    {
        BatchSubmission submission = await Submit(Batch(3));

        Assert.Equal(SubmissionKind.Started, submission.Kind);
        Assert.Equal(InstanceIds.ForBatch(BatchId), submission.InstanceId);
        var input = Assert.IsType<BatchInput>(Assert.Single(hub.Schedules).Input);
        Assert.Equal(3, input.Items.Count);
    }

    [Fact]
    public async Task The_same_document_again_finds_the_started_batch_and_starts_nothing()
    {
        await GivenStarted(Batch(3));

        BatchSubmission again = await Submit(Batch(3));

        Assert.Equal(SubmissionKind.AlreadyStarted, again.Kind);
        Assert.Equal(InstanceIds.ForBatch(BatchId), again.InstanceId);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_document_with_another_item_under_the_same_batch_id_is_a_reused_id()
    {
        await GivenStarted(Batch(3));

        BatchSubmission again = await Submit(Batch(4));

        Assert.Equal(SubmissionKind.KeyReused, again.Kind);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_document_with_a_changed_item_under_the_same_batch_id_is_a_reused_id()
    {
        await GivenStarted(Batch(3));
        JsonObject changed = Batch(3);
        changed["requests"]![2]!["region"] = "ap-southeast-1";

        BatchSubmission again = await Submit(changed);

        Assert.Equal(SubmissionKind.KeyReused, again.Kind);
    }

    [Fact]
    public async Task A_document_with_another_callback_under_the_same_batch_id_is_a_reused_id()
    {
        await GivenStarted(Batch(3));

        BatchSubmission again = await Submit(Batch(3, "https://hooks.example.test/other"));

        Assert.Equal(SubmissionKind.KeyReused, again.Kind);
    }

    [Fact]
    public async Task A_batch_with_problems_of_its_own_is_invalid_and_starts_nothing()
    {
        JsonObject document = Batch(1);
        document["batch_id"] = "";

        BatchSubmission submission = await Submit(document);

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        Assert.Equal([("/batch_id", ValidationCodes.InvalidBatchId)], submission.Errors.PointersAndCodes());
        Assert.Empty(hub.Schedules);
    }
}
