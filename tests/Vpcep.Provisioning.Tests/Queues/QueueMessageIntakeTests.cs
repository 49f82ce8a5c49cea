using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Queues;

public sealed class QueueMessageIntakeTests
{
    private const string BatchId = "nightly-2026-03-01";

    private readonly FakeTaskHub hub = new();
    private readonly QueueMessageOptions queueOptions = new();
    private readonly IBatchDocumentReader documents = Substitute.For<IBatchDocumentReader>();
    private readonly QueueMessageIntake intake;

    public QueueMessageIntakeTests()
    {
        IOptionsMonitor<QueueMessageOptions> queueMonitor = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        queueMonitor.CurrentValue.Returns(queueOptions);
        intake = new QueueMessageIntake(hub.Intake, RequestDocuments.Parser(), queueMonitor, documents);
        GivenBatchLookups(null);
    }

    /// <summary>The answers to the batch's instance look-ups, in order.</summary>
    private void GivenBatchLookups(OrchestrationMetadata? first, params OrchestrationMetadata?[] rest) =>
        hub.GivenInstances([first, .. rest]);

    private Task<QueueMessageResult> Process(string text) => intake.ProcessAsync(hub.Client, text, CancellationToken.None);

    private Task<QueueMessageResult> Process(JsonNode message) => Process(message.ToJsonString());

    private static JsonObject Invalid() => new() { ["project_id"] = "not-hex", ["endpoint"] = new JsonObject() };

    private static JsonObject Batch(params JsonNode?[] requests) => new()
    {
        ["batch_id"] = BatchId,
        ["requests"] = new JsonArray(requests),
    };

    private static JsonObject WithKey(JsonObject request, JsonNode? key)
    {
        request["idempotency_key"] = key;
        return request;
    }

    private BatchInput ScheduledBatch()
    {
        Scheduled scheduled = Assert.Single(hub.Schedules);
        Assert.Equal(ProvisionBatchOrchestrator.Name, scheduled.Name);
        Assert.Equal(InstanceIds.ForBatch(BatchId), scheduled.InstanceId);
        return Assert.IsType<BatchInput>(scheduled.Input);
    }

    // Single requests.

    [Fact]
    public async Task A_plain_json_request_starts_one_provisioning_orchestration_of_that_request()
    {
        QueueMessageResult result = await Process(RequestDocuments.SeedExample);

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        Assert.Empty(result.Errors);
        Scheduled scheduled = Assert.Single(hub.Schedules);
        Assert.Equal(ProvisionEndpointOrchestrator.Name, scheduled.Name);
        Assert.Equal(result.InstanceId, scheduled.InstanceId);
        Assert.True(InstanceIds.IsWellFormed(result.InstanceId));
        var input = Assert.IsType<ProvisioningInput>(scheduled.Input);
        Assert.Equal(RequestDocuments.ServiceId, input.Request.Endpoint.EndpointServiceId);
    }

    [Fact]
    public async Task A_base64_encoded_request_starts_the_same_instance_as_its_plain_json()
    {
        string base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(RequestDocuments.SeedExample));

        QueueMessageResult fromBase64 = await Process(base64);
        QueueMessageResult fromPlain = await Process("  \n" + RequestDocuments.SeedExample + "\n");

        Assert.Equal(QueueMessageKind.Started, fromBase64.Kind);
        Assert.Equal(QueueMessageKind.Started, fromPlain.Kind);
        Assert.Equal(fromPlain.InstanceId, fromBase64.InstanceId);
        var input = Assert.IsType<ProvisioningInput>(hub.Schedules[0].Input);
        Assert.Equal(RequestDocuments.VpcId, input.Request.Endpoint.VpcId);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("aGVsbG8gd29ybGQ=")] // base64 of "hello world": decodes, but not to JSON
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<request/>")]
    public async Task Text_that_is_neither_json_nor_base64_json_is_rejected_with_a_reason(string text)
    {
        QueueMessageResult result = await Process(text);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Null(result.InstanceId);
        Assert.Contains("neither JSON nor base64", result.Reason, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task Broken_json_is_rejected_with_a_malformed_json_error()
    {
        QueueMessageResult result = await Process("{\"project_id\":");

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("not valid JSON", result.Reason, StringComparison.Ordinal);
        ValidationError error = Assert.Single(result.Errors);
        Assert.Equal(ValidationCodes.MalformedJson, error.Code);
        Assert.Empty(hub.Schedules);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"batch_id\":\"x\"}]")]
    [InlineData("WzEsMiwzXQ==")] // base64 of [1,2,3]
    public async Task Json_that_is_not_an_object_is_rejected(string text)
    {
        QueueMessageResult result = await Process(text);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("must be a JSON object", result.Reason, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_invalid_request_is_rejected_with_every_problem_and_its_pointer()
    {
        JsonObject request = RequestDocuments.Seed();
        request["colour"] = "blue";
        request.Endpoint().Remove("vpc_id");

        QueueMessageResult result = await Process(request);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("invalid", result.Reason, StringComparison.Ordinal);
        Assert.Contains(("/colour", ValidationCodes.UnknownField), result.Errors.PointersAndCodes());
        Assert.Contains(("/endpoint/vpc_id", ValidationCodes.Required), result.Errors.PointersAndCodes());
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task The_same_request_without_a_key_maps_to_one_instance_and_a_redelivery_is_a_duplicate()
    {
        QueueMessageResult first = await Process(RequestDocuments.SeedExample);
        Scheduled scheduled = Assert.Single(hub.Schedules);
        hub.GivenInstances(FakeTaskHub.Instance(first.InstanceId!, (ProvisioningInput)scheduled.Input!));

        QueueMessageResult second = await Process(RequestDocuments.SeedExample);

        Assert.Equal(QueueMessageKind.Started, first.Kind);
        Assert.Equal(QueueMessageKind.Duplicate, second.Kind);
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task Different_requests_without_a_key_map_to_different_instances()
    {
        JsonObject other = RequestDocuments.Seed();
        other.Endpoint()["description"] = "another one";

        QueueMessageResult first = await Process(RequestDocuments.SeedExample);
        QueueMessageResult second = await Process(other);

        Assert.Equal(QueueMessageKind.Started, second.Kind);
        Assert.NotEqual(first.InstanceId, second.InstanceId);
        Assert.Equal(2, hub.Schedules.Count);
    }

    [Fact]
    public async Task An_explicit_idempotency_key_names_the_instance_and_is_not_part_of_the_request()
    {
        QueueMessageResult result = await Process(WithKey(RequestDocuments.Seed(), "order-77"));

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        Assert.Equal(InstanceIds.For("order-77"), result.InstanceId);
        Assert.Equal(InstanceIds.For("order-77"), Assert.Single(hub.Schedules).InstanceId);
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_a_different_request_is_rejected_naming_the_instance()
    {
        string id = InstanceIds.For("order-77");
        JsonObject earlier = RequestDocuments.Seed();
        earlier.Endpoint()["description"] = "the first request";
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(earlier.ToJsonString())));

        QueueMessageResult result = await Process(WithKey(RequestDocuments.Seed(), "order-77"));

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains(id, result.Reason, StringComparison.Ordinal);
        Assert.Empty(hub.Schedules);
    }

    public static TheoryData<string> BadKeys => new()
    {
        "\"\"",
        "42",
        "null",
        "{\"k\":1}",
        "\"" + new string('k', ProvisioningIntake.MaxIdempotencyKeyLength + 1) + "\"",
        "\"line\\nbreak\"",
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_idempotency_key_is_rejected_at_its_pointer(string keyJson)
    {
        QueueMessageResult result = await Process(WithKey(RequestDocuments.Seed(), JsonNode.Parse(keyJson)));

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains(("/idempotency_key", "invalid_idempotency_key"), result.Errors.PointersAndCodes());
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_key_of_the_longest_allowed_length_is_accepted()
    {
        string key = new('k', ProvisioningIntake.MaxIdempotencyKeyLength);

        QueueMessageResult result = await Process(WithKey(RequestDocuments.Seed(), key));

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        Assert.Equal(InstanceIds.For(key), result.InstanceId);
    }

    [Fact]
    public async Task When_scheduling_a_single_request_fails_and_no_instance_exists_the_error_propagates()
    {
        hub.Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Process(RequestDocuments.SeedExample));

        Assert.Equal("task hub unavailable", thrown.Message);
    }

    // Batches: the envelope.

    [Fact]
    public async Task Requests_without_a_batch_id_are_a_batch_rejected_for_the_missing_id()
    {
        QueueMessageResult result = await Process(new JsonObject { ["requests"] = new JsonArray(RequestDocuments.Seed()) });

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains("batch", result.Reason, StringComparison.Ordinal);
        Assert.Equal([("/batch_id", ValidationCodes.Required)], result.Errors.PointersAndCodes());
        Assert.Empty(hub.Schedules);
    }

    public static TheoryData<string> BadRequestsMembers => new()
    {
        "{\"batch_id\":\"b\"}",
        "{\"batch_id\":\"b\",\"requests\":null}",
        "{\"batch_id\":\"b\",\"requests\":{}}",
        "{\"batch_id\":\"b\",\"requests\":\"many\"}",
        "{\"batch_id\":\"b\",\"requests\":[]}",
    };

    [Theory]
    [MemberData(nameof(BadRequestsMembers))]
    public async Task A_batch_whose_requests_are_missing_not_an_array_or_empty_is_rejected(string message)
    {
        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal(["/requests"], result.Errors.Select(e => e.Pointer));
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default(bool), default);
    }

    [Fact]
    public async Task A_batch_over_the_item_limit_is_rejected_and_one_at_the_limit_is_started()
    {
        queueOptions.MaxBatchItems = 2;

        QueueMessageResult over = await Process(Batch(RequestDocuments.Seed(), RequestDocuments.Seed(), RequestDocuments.Seed()));
        QueueMessageResult atLimit = await Process(Batch(RequestDocuments.Seed(), RequestDocuments.Seed()));

        Assert.Equal(QueueMessageKind.Rejected, over.Kind);
        ValidationError error = Assert.Single(over.Errors);
        Assert.Equal("/requests", error.Pointer);
        Assert.Contains("1 to 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(QueueMessageKind.Started, atLimit.Kind);
        Assert.Single(hub.Schedules);
    }

    [Fact]
    public async Task A_batch_with_several_problems_is_rejected_naming_each_of_them()
    {
        var message = new JsonObject
        {
            ["batch_id"] = 17,
            ["callback_url"] = "ftp://hooks.example.test/x",
            ["requests"] = new JsonArray(),
            ["priority"] = "high",
        };

        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal(
            new[]
            {
                ("/priority", ValidationCodes.UnknownField),
                ("/batch_id", ValidationCodes.WrongType),
                ("/callback_url", ValidationCodes.InvalidCallbackUrl),
                ("/requests", ValidationCodes.Required),
            }.Order(),
            result.Errors.PointersAndCodes().Order());
        Assert.Empty(hub.Schedules);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("mailto:ops@example.test")]
    public async Task A_batch_with_a_bad_callback_url_is_rejected(string callbackUrl)
    {
        JsonObject message = Batch(RequestDocuments.Seed());
        message["callback_url"] = callbackUrl;

        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal([("/callback_url", ValidationCodes.InvalidCallbackUrl)], result.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    public async Task A_batch_id_that_is_empty_or_has_control_characters_is_rejected(string batchId)
    {
        JsonObject message = Batch(RequestDocuments.Seed());
        message["batch_id"] = batchId;

        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal([("/batch_id", "invalid_batch_id")], result.Errors.PointersAndCodes());
    }

    [Fact]
    public async Task A_batch_id_of_128_characters_is_accepted_and_one_of_129_is_not()
    {
        JsonObject longest = Batch(RequestDocuments.Seed());
        longest["batch_id"] = new string('b', 128);
        JsonObject tooLong = Batch(RequestDocuments.Seed());
        tooLong["batch_id"] = new string('b', 129);

        QueueMessageResult accepted = await Process(longest);
        QueueMessageResult rejected = await Process(tooLong);

        Assert.Equal(QueueMessageKind.Started, accepted.Kind);
        Assert.Equal(QueueMessageKind.Rejected, rejected.Kind);
    }

    // Batches: the items.

    [Fact]
    public async Task Invalid_items_carry_their_errors_under_their_index_while_valid_siblings_get_instances_and_inputs()
    {
        JsonObject message = Batch(RequestDocuments.Seed(), Invalid(), 42, WithKey(RequestDocuments.Seed(), "order-9"));

        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        Assert.Equal(InstanceIds.ForBatch(BatchId), result.InstanceId);
        BatchInput input = ScheduledBatch();
        Assert.Equal(BatchId, input.BatchId);
        Assert.Equal([0, 1, 2, 3], input.Items.Select(i => i.Index));

        BatchItem first = input.Items[0];
        Assert.Equal(InstanceIds.ForBatchItem(BatchId, null, 0), first.InstanceId);
        Assert.Equal(RequestDocuments.ServiceId, first.Input!.Request.Endpoint.EndpointServiceId);
        Assert.Equal(WorkflowSettings.From(hub.ProvisioningOptions), first.Input.Settings);
        Assert.Null(first.Errors);

        BatchItem invalid = input.Items[1];
        Assert.Null(invalid.InstanceId);
        Assert.Null(invalid.Input);
        Assert.NotNull(invalid.Errors);
        Assert.NotEmpty(invalid.Errors);
        Assert.All(invalid.Errors, e => Assert.StartsWith("/requests/1/", e.Pointer, StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Pointer == "/requests/1/project_id");

        BatchItem notAnObject = input.Items[2];
        Assert.Null(notAnObject.Input);
        Assert.Equal([("/requests/2", ValidationCodes.WrongType)], notAnObject.Errors!.PointersAndCodes());

        BatchItem keyed = input.Items[3];
        Assert.Equal(InstanceIds.ForBatchItem(BatchId, "order-9", 3), keyed.InstanceId);
        Assert.NotNull(keyed.Input);
    }

    [Fact]
    public async Task An_item_with_a_bad_key_is_invalid_at_its_key_pointer()
    {
        QueueMessageResult result = await Process(Batch(WithKey(RequestDocuments.Seed(), 5)));

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        BatchItem item = Assert.Single(ScheduledBatch().Items);
        Assert.Null(item.Input);
        Assert.Equal([("/requests/0/idempotency_key", "invalid_idempotency_key")], item.Errors!.PointersAndCodes());
    }

    [Fact]
    public async Task The_second_item_with_a_key_already_used_in_the_batch_is_invalid()
    {
        JsonObject other = RequestDocuments.Seed();
        other.Endpoint()["description"] = "second";

        await Process(Batch(WithKey(RequestDocuments.Seed(), "same"), WithKey(other, "same"), WithKey(RequestDocuments.Seed(), "different")));

        BatchInput input = ScheduledBatch();
        Assert.Equal(InstanceIds.ForBatchItem(BatchId, "same", 0), input.Items[0].InstanceId);
        Assert.Null(input.Items[1].InstanceId);
        Assert.Null(input.Items[1].Input);
        Assert.Equal([("/requests/1/idempotency_key", "duplicate_idempotency_key")], input.Items[1].Errors!.PointersAndCodes());
        Assert.Equal(InstanceIds.ForBatchItem(BatchId, "different", 2), input.Items[2].InstanceId);
    }

    [Fact]
    public async Task Items_of_different_batches_with_the_same_key_get_different_instances()
    {
        JsonObject other = Batch(WithKey(RequestDocuments.Seed(), "k"));
        other["batch_id"] = "another-batch";

        await Process(Batch(WithKey(RequestDocuments.Seed(), "k")));
        await Process(other);

        var first = (BatchInput)hub.Schedules[0].Input!;
        var second = (BatchInput)hub.Schedules[1].Input!;
        Assert.NotEqual(first.Items[0].InstanceId, second.Items[0].InstanceId);
        Assert.NotEqual(InstanceIds.For("k"), first.Items[0].InstanceId);
    }

    // Batches: starting.

    [Fact]
    public async Task A_batch_that_already_exists_is_a_duplicate_and_is_not_scheduled_again()
    {
        string id = InstanceIds.ForBatch(BatchId);
        GivenBatchLookups(new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, id) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        QueueMessageResult result = await Process(Batch(RequestDocuments.Seed()));

        Assert.Equal(QueueMessageKind.Duplicate, result.Kind);
        Assert.Equal(id, result.InstanceId);
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default(StartOrchestrationOptions), default);
    }

    [Fact]
    public async Task A_batch_started_by_another_listener_while_scheduling_is_a_duplicate()
    {
        string id = InstanceIds.ForBatch(BatchId);
        hub.Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("An instance with this id already exists."));
        GivenBatchLookups(null, new OrchestrationMetadata(ProvisionBatchOrchestrator.Name, id));

        QueueMessageResult result = await Process(Batch(RequestDocuments.Seed()));

        Assert.Equal(QueueMessageKind.Duplicate, result.Kind);
        Assert.Equal(id, result.InstanceId);
        await hub.Client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_scheduling_a_batch_fails_and_no_instance_exists_the_error_propagates_so_the_message_is_retried()
    {
        hub.Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new TimeoutException("storage timed out"));

        TimeoutException thrown = await Assert.ThrowsAsync<TimeoutException>(() => Process(Batch(RequestDocuments.Seed())));

        Assert.Equal("storage timed out", thrown.Message);
        await hub.Client.Received(2).GetInstanceAsync(InstanceIds.ForBatch(BatchId), Arg.Any<bool>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_batch_without_a_callback_url_falls_back_to_the_default_callback()
    {
        await Process(Batch(RequestDocuments.Seed()));

        Assert.Equal(FakeTaskHub.DefaultCallback.ToString(), ScheduledBatch().CallbackUrl);
    }

    [Fact]
    public async Task A_batch_without_a_callback_url_and_without_a_default_has_none()
    {
        hub.ProvisioningOptions.DefaultCallbackUrl = null;

        await Process(Batch(RequestDocuments.Seed()));

        Assert.Null(ScheduledBatch().CallbackUrl);
    }

    [Fact]
    public async Task The_batchs_own_callback_url_wins_over_the_default()
    {
        JsonObject message = Batch(RequestDocuments.Seed());
        message["callback_url"] = "https://mine.example.test/batches";

        await Process(message);

        Assert.Equal("https://mine.example.test/batches", ScheduledBatch().CallbackUrl);
    }

    [Fact]
    public async Task An_item_keeps_its_own_callback_url_and_does_not_fall_back_to_the_default()
    {
        JsonObject withCallback = RequestDocuments.Seed();
        withCallback["callback_url"] = "https://item.example.test/hook";

        await Process(Batch(RequestDocuments.Seed(), withCallback));

        BatchInput input = ScheduledBatch();
        Assert.Null(input.Items[0].Input!.CallbackUrl);
        Assert.Equal("https://item.example.test/hook", input.Items[1].Input!.CallbackUrl);
    }

    // Probes.

    [Fact]
    public async Task A_member_given_twice_inside_the_endpoint_is_rejected_as_a_duplicate_field()
    {
        string message = RequestDocuments.SeedExample.Replace("\"enable_dns\":true", "\"enable_dns\":true,\"enable_dns\":false", StringComparison.Ordinal);

        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Contains(result.Errors, e => e.Code == ValidationCodes.DuplicateField);
        Assert.Empty(hub.Schedules);
    }

    public static TheoryData<string> TopLevelDuplicateMembers => new()
    {
        RequestDocuments.SeedExample.Replace("{\"project_id\"", "{\"project_id\":\"0123456789abcdef0123456789abcdef\",\"project_id\"", StringComparison.Ordinal),
        "{\"batch_id\":\"a\",\"batch_id\":\"b\",\"requests\":[" + RequestDocuments.SeedExample + "]}",
    };

    [Fact]
    public async Task A_batch_item_with_a_member_given_twice_is_an_invalid_item_named_by_its_pointer()
    {
        string message = "{\"batch_id\":\"" + BatchId + "\",\"requests\":[" +
            RequestDocuments.SeedExample.Replace("{\"project_id\"", "{\"region\":\"cn-north-4\",\"region\":\"cn-north-1\",\"project_id\"", StringComparison.Ordinal) + "]}";

        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Started, result.Kind);
        BatchItem item = Assert.Single(ScheduledBatch().Items);
        Assert.Null(item.Input);
        Assert.Contains(("/requests/0/region", ValidationCodes.DuplicateField), item.Errors!.PointersAndCodes());
    }

    /// <remarks>
    /// A member given twice must be a verdict (Rejected, with the problem named), never an exception that
    /// would make the message look like a transient failure and be retried.
    /// </remarks>
    [Theory]
    [MemberData(nameof(TopLevelDuplicateMembers))]
    public async Task A_message_with_a_member_given_twice_is_rejected_and_not_thrown(string message)
    {
        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.NotEmpty(result.Errors);
        Assert.Empty(hub.Schedules);
    }

    /// <remarks>
    /// An item without a key is keyed by its position, apart from explicit keys: an earlier item whose
    /// explicit idempotency_key looks like a position must not make the keyless item a duplicate, reported as
    /// duplicate_idempotency_key at a member it does not have, and never runs.
    /// </remarks>
    [Fact]
    public async Task An_item_without_a_key_is_not_rejected_because_an_earlier_item_uses_its_implied_key()
    {
        JsonObject other = RequestDocuments.Seed();
        other.Endpoint()["description"] = "second";

        await Process(Batch(WithKey(RequestDocuments.Seed(), $"{BatchId}/1"), other));

        BatchInput input = ScheduledBatch();
        Assert.Null(input.Items[1].Errors);
        Assert.NotNull(input.Items[1].Input);
        Assert.NotEqual(input.Items[0].InstanceId, input.Items[1].InstanceId);
    }

    public static TheoryData<string> UnpairedSurrogates => new()
    {
        RequestDocuments.SeedExample.Replace("{\"project_id\"", "{\"idempotency_key\":\"k\\ud800\",\"project_id\"", StringComparison.Ordinal),
        "{\"batch_id\":\"b\\udc00\",\"requests\":[" + RequestDocuments.SeedExample + "]}",
    };

    /// <remarks>
    /// An escaped, unpaired surrogate in the key or the batch id is no text: a verdict (Rejected, at its pointer),
    /// never an exception that would make the message look like a transient failure.
    /// </remarks>
    [Theory]
    [MemberData(nameof(UnpairedSurrogates))]
    public async Task A_key_or_batch_id_that_is_not_unicode_text_is_rejected_and_not_thrown(string message)
    {
        QueueMessageResult result = await Process(message);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        ValidationError error = Assert.Single(result.Errors);
        Assert.Equal(ValidationCodes.MalformedJson, error.Code);
        Assert.Contains(error.Pointer, new[] { "/idempotency_key", "/batch_id" });
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_batch_item_keeps_its_key_errors_and_its_other_errors_together()
    {
        JsonObject item = WithKey(RequestDocuments.Seed(), "");
        item.Endpoint()["vpc_id"] = "nope";

        await Process(Batch(item));

        Assert.Equal(
            [("/requests/0/idempotency_key", ValidationCodes.InvalidIdempotencyKey), ("/requests/0/endpoint/vpc_id", ValidationCodes.InvalidUuid)],
            Assert.Single(ScheduledBatch().Items).Errors!.PointersAndCodes());
    }
}
