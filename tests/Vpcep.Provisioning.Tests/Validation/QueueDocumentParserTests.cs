using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Validation;

/// <summary>The reader on queue documents: a request with an optional idempotency_key, and a batch of them.</summary>
public sealed class QueueDocumentParserTests
{
    private const int MaxItems = 500;

    private readonly ProvisioningRequestParser parser = RequestDocuments.Parser();

    private QueueDocument Read(JsonNode message, int maxItems = MaxItems) => Read(message.ToJsonString(), maxItems);

    private QueueDocument Read(string message, int maxItems = MaxItems) =>
        parser.ParseQueueMessage(Encoding.UTF8.GetBytes(message), maxItems);

    private static JsonObject Keyed(string key, JsonObject? request = null)
    {
        request ??= RequestDocuments.Seed();
        request["idempotency_key"] = key;
        return request;
    }

    private static JsonObject Batch(params JsonNode?[] requests) => new()
    {
        ["batch_id"] = "b-1",
        ["requests"] = new JsonArray(requests),
    };

    // Requests.

    [Fact]
    public void A_request_with_a_key_reads_as_a_request_whose_key_is_apart_from_the_request()
    {
        QueueDocument document = Read(Keyed("order-77"));

        Assert.Equal(QueueDocumentKind.Request, document.Kind);
        Assert.Null(document.Batch);
        ParseResult request = document.Request!;
        Assert.True(request.IsValid);
        Assert.Equal("order-77", request.IdempotencyKey);
        Assert.Equal(RequestDocuments.VpcId, request.Request!.Endpoint.VpcId);
        Assert.Null(request.Request.Endpoint.AdditionalProperties);
        Assert.Equal(
            JsonSerializer.Serialize(parser.Parse(RequestDocuments.SeedExample).Request, ProvisioningJsonContext.Default.ProvisioningRequest),
            JsonSerializer.Serialize(request.Request, ProvisioningJsonContext.Default.ProvisioningRequest));
    }

    [Fact]
    public void A_request_without_a_key_has_none()
    {
        ParseResult request = Read(RequestDocuments.SeedExample).Request!;

        Assert.True(request.IsValid);
        Assert.Null(request.IdempotencyKey);
    }

    [Fact]
    public void The_webhooks_document_has_no_idempotency_key_member_its_key_is_a_header()
    {
        ParseResult result = parser.Parse(Keyed("order-77"));

        Assert.Equal([("/idempotency_key", ValidationCodes.UnknownField)], result.Errors.PointersAndCodes());
        Assert.Null(result.IdempotencyKey);
    }

    [Fact]
    public void A_request_with_a_bad_key_keeps_its_other_problems_and_has_no_key()
    {
        JsonObject request = Keyed("");
        request.Endpoint()["vpc_id"] = "nope";

        ParseResult result = Read(request).Request!;

        Assert.Equal(
            [("/idempotency_key", ValidationCodes.InvalidIdempotencyKey), ("/endpoint/vpc_id", ValidationCodes.InvalidUuid)],
            result.Errors.PointersAndCodes());
        Assert.Null(result.IdempotencyKey);
        Assert.Null(result.Request);
    }

    [Fact]
    public void A_key_given_twice_is_invalid_at_each_repeat_and_neither_is_taken()
    {
        string message = RequestDocuments.SeedExample.Replace("{\"project_id\"", "{\"idempotency_key\":\"a\",\"idempotency_key\":\"a\",\"project_id\"", StringComparison.Ordinal);

        ParseResult result = Read(message).Request!;

        Assert.Equal([("/idempotency_key", ValidationCodes.InvalidIdempotencyKey)], result.Errors.PointersAndCodes());
        Assert.Null(result.IdempotencyKey);
    }

    [Fact]
    public void A_key_with_an_unpaired_surrogate_is_malformed_at_its_pointer()
    {
        string message = RequestDocuments.SeedExample.Replace("{\"project_id\"", "{\"idempotency_key\":\"k\\ud800\",\"project_id\"", StringComparison.Ordinal);

        ParseResult result = Read(message).Request!;

        Assert.Equal([("/idempotency_key", ValidationCodes.MalformedJson)], result.Errors.PointersAndCodes());
    }

    [Fact]
    public void An_unknown_member_of_a_queue_request_is_measured_against_the_queue_requests_fields()
    {
        JsonObject request = RequestDocuments.Seed();
        request["idempotencyKey"] = "k";

        ValidationError error = Assert.Single(Read(request).Request!.Errors);

        Assert.Equal(("/idempotencyKey", ValidationCodes.UnknownField), (error.Pointer, error.Code));
        Assert.Contains("Did you mean 'idempotency_key'?", error.Message, StringComparison.Ordinal);
    }

    // What a message is.

    [Theory]
    [InlineData("{\"batch_id\":\"b\"}")]
    [InlineData("{\"requests\":[]}")]
    [InlineData("{\"callback_url\":\"https://x.example.test/\",\"requests\":\"x\"}")]
    public void A_message_with_a_member_only_a_batch_has_is_a_batch(string message)
    {
        QueueDocument document = Read(message);

        Assert.Equal(QueueDocumentKind.Batch, document.Kind);
        Assert.Null(document.Request);
        Assert.False(document.Batch!.IsValid);
        Assert.Equal(document.Batch.Errors, document.Errors);
    }

    [Fact]
    public void A_message_with_only_members_a_request_has_is_a_request()
    {
        QueueDocument document = Read("""{"callback_url":"https://x.example.test/"}""");

        Assert.Equal(QueueDocumentKind.Request, document.Kind);
        Assert.Equal(
            [("/project_id", ValidationCodes.Required), ("/endpoint", ValidationCodes.Required)],
            document.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("{\"batch_id\":")]
    [InlineData("{} {}")]
    [InlineData("{/* no */}")]
    public void Text_that_is_not_one_json_value_is_malformed(string message)
    {
        QueueDocument document = Read(message);

        Assert.Equal(QueueDocumentKind.Malformed, document.Kind);
        Assert.Equal([("", ValidationCodes.MalformedJson)], document.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("7")]
    [InlineData("null")]
    public void Json_that_is_not_an_object_is_neither_kind(string message)
    {
        QueueDocument document = Read(message);

        Assert.Equal(QueueDocumentKind.NotAnObject, document.Kind);
        Assert.Equal([("", ValidationCodes.WrongType)], document.Errors.PointersAndCodes());
        Assert.Null(document.Request);
        Assert.Null(document.Batch);
    }

    // Batches.

    [Fact]
    public void A_batch_reads_its_envelope_and_each_item_with_its_key()
    {
        JsonObject message = Batch(Keyed("k-0"), RequestDocuments.Seed(), Keyed("k-2"));
        message["callback_url"] = "https://hooks.example.test/batches";

        BatchParseResult batch = Read(message).Batch!;

        Assert.True(batch.IsValid);
        Assert.Equal("b-1", batch.BatchId);
        Assert.Equal("https://hooks.example.test/batches", batch.CallbackUrl);
        Assert.Equal(["k-0", null, "k-2"], batch.Requests.Select(r => r.IdempotencyKey));
        Assert.All(batch.Requests, r => Assert.True(r.IsValid));
        Assert.All(batch.Requests, r => Assert.Equal(RequestDocuments.ServiceId, r.Request!.Endpoint.EndpointServiceId));
    }

    [Fact]
    public void Item_errors_carry_pointers_into_the_whole_message_and_stay_with_their_item()
    {
        JsonNode?[] items = [.. Enumerable.Range(0, 8).Select(_ => (JsonNode?)RequestDocuments.Seed())];
        items[3]!["idempotency_key"] = 42;
        items[7]!.AsObject().Endpoint()["tags"] = JsonNode.Parse("""[{"key":"a=b"}]""");

        BatchParseResult batch = Read(Batch(items)).Batch!;

        Assert.True(batch.IsValid);
        Assert.Empty(batch.Errors);
        Assert.Equal([("/requests/3/idempotency_key", ValidationCodes.InvalidIdempotencyKey)], batch.Requests[3].Errors.PointersAndCodes());
        Assert.Equal([("/requests/7/endpoint/tags/0/key", ValidationCodes.TagKeyForbiddenCharacter)], batch.Requests[7].Errors.PointersAndCodes());
        Assert.Equal(6, batch.Requests.Count(r => r.IsValid));
    }

    [Fact]
    public void A_later_item_reusing_a_key_gets_only_the_duplicate_error_and_the_first_keeps_it()
    {
        JsonObject broken = Keyed("same");
        broken.Endpoint()["vpc_id"] = "nope";

        BatchParseResult batch = Read(Batch(broken, Keyed("same"), Keyed("other"))).Batch!;

        Assert.Equal([("/requests/0/endpoint/vpc_id", ValidationCodes.InvalidUuid)], batch.Requests[0].Errors.PointersAndCodes());
        Assert.Equal([("/requests/1/idempotency_key", ValidationCodes.DuplicateIdempotencyKey)], batch.Requests[1].Errors.PointersAndCodes());
        Assert.Null(batch.Requests[1].Request);
        Assert.True(batch.Requests[2].IsValid);
    }

    [Fact]
    public void An_item_that_is_not_an_object_is_the_wrong_type_at_its_index()
    {
        BatchParseResult batch = Read(Batch(RequestDocuments.Seed(), 42, null)).Batch!;

        Assert.True(batch.Requests[0].IsValid);
        Assert.Equal([("/requests/1", ValidationCodes.WrongType)], batch.Requests[1].Errors.PointersAndCodes());
        Assert.Equal([("/requests/2", ValidationCodes.WrongType)], batch.Requests[2].Errors.PointersAndCodes());
    }

    [Fact]
    public void Each_item_has_its_own_error_limit_summarised_at_the_item()
    {
        JsonObject noisy = RequestDocuments.Seed();
        noisy.Endpoint()["whitelist"] = new JsonArray([.. Enumerable.Range(0, 150).Select(i => JsonValue.Create(i))]);

        BatchParseResult batch = Read(Batch(RequestDocuments.Seed(), noisy)).Batch!;

        Assert.True(batch.Requests[0].IsValid);
        IReadOnlyList<ValidationError> errors = batch.Requests[1].Errors;
        Assert.Equal(new ValidationOptions().MaxErrors + 1, errors.Count);
        Assert.Equal(("/requests/1", ValidationCodes.TooManyErrors), (errors[^1].Pointer, errors[^1].Code));
    }

    [Fact]
    public void The_batchs_own_problems_are_apart_from_its_items()
    {
        var message = new JsonObject
        {
            ["batchId"] = "b",
            ["callback_url"] = "ftp://x.example.test/",
            ["a/b"] = 1,
            ["requests"] = new JsonArray(new JsonObject { ["project_id"] = "not-hex", ["endpoint"] = new JsonObject() }),
        };

        BatchParseResult batch = Read(message).Batch!;

        Assert.Equal(
            [
                ("/batchId", ValidationCodes.UnknownField),
                ("/a~1b", ValidationCodes.UnknownField),
                ("/batch_id", ValidationCodes.Required),
                ("/callback_url", ValidationCodes.InvalidCallbackUrl),
            ],
            batch.Errors.PointersAndCodes());
        Assert.Contains("Did you mean 'batch_id'?", batch.Errors[0].Message, StringComparison.Ordinal);
        Assert.Null(batch.BatchId);
        Assert.All(Assert.Single(batch.Requests).Errors, e => Assert.StartsWith("/requests/0/", e.Pointer, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Requests_outside_the_item_limit_are_one_required_error_and_no_item_is_read(int count)
    {
        BatchParseResult batch = Read(Batch([.. Enumerable.Range(0, count).Select(_ => (JsonNode?)RequestDocuments.Seed())]), maxItems: 2).Batch!;

        ValidationError error = Assert.Single(batch.Errors);
        Assert.Equal(("/requests", ValidationCodes.Required), (error.Pointer, error.Code));
        Assert.Equal("requests must be an array of 1 to 2 provisioning requests.", error.Message);
        Assert.Empty(batch.Requests);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("\"many\"")]
    public void Requests_that_are_null_or_not_an_array_are_the_same_required_error(string requests)
    {
        BatchParseResult batch = Read($$"""{"batch_id":"b","requests":{{requests}}}""").Batch!;

        Assert.Equal([("/requests", ValidationCodes.Required)], batch.Errors.PointersAndCodes());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"tab\\there\"")]
    public void A_batch_id_outside_its_bounds_is_invalid(string batchId)
    {
        BatchParseResult batch = Read($$"""{"batch_id":{{batchId}},"requests":[{{RequestDocuments.SeedExample}}]}""").Batch!;

        Assert.Equal([("/batch_id", ValidationCodes.InvalidBatchId)], batch.Errors.PointersAndCodes());
        Assert.Null(batch.BatchId);
    }

    [Fact]
    public void A_batch_id_of_the_longest_length_and_keys_of_the_longest_length_are_read()
    {
        JsonObject message = Batch(Keyed(new string('k', ProvisioningIntake.MaxIdempotencyKeyLength)));
        message["batch_id"] = new string('b', 128);

        BatchParseResult batch = Read(message).Batch!;

        Assert.True(batch.IsValid);
        Assert.Equal(128, batch.BatchId!.Length);
        Assert.True(Assert.Single(batch.Requests).IsValid);
    }
}
