using System.Text.Json;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Queues;

/// <summary>The published message schema must name exactly the fields the parser accepts.</summary>
public sealed class MessageSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(FindSchema())).RootElement;

    [Fact]
    public void The_schema_lists_exactly_the_endpoint_fields_the_parser_knows() =>
        Assert.Equal(RequestShape.Endpoint.Members.Keys.Order(StringComparer.Ordinal), PropertiesOf("endpoint"));

    [Fact]
    public void The_schema_lets_unknown_endpoint_members_through_as_the_parser_passes_them_to_Huawei() =>
        Assert.True(Schema.GetProperty("$defs").GetProperty("endpoint").GetProperty("additionalProperties").GetBoolean());

    [Fact]
    public void The_schema_lists_exactly_the_envelope_fields_plus_the_idempotency_key() =>
        Assert.Equal(
            RequestShape.Envelope.Members.Keys.Append("idempotency_key").Order(StringComparer.Ordinal),
            PropertiesOf("request"));

    [Fact]
    public void The_schema_lists_the_batch_fields() =>
        Assert.Equal(["batch_id", "callback_url", "requests"], PropertiesOf("batch"));

    [Fact]
    public void The_schema_lists_exactly_the_fields_of_a_batch_reference()
    {
        Assert.Equal(RequestShape.BatchReferenceMessage.Members.Keys.Order(StringComparer.Ordinal), PropertiesOf("batch_reference"));
        Assert.Equal(
            RequestShape.BatchReference.Members.Keys.Order(StringComparer.Ordinal),
            Schema.GetProperty("$defs").GetProperty("batch_reference").GetProperty("properties").GetProperty("batch_ref")
                .GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schema_tag_limit_is_the_default_validation_limit() =>
        Assert.Equal(
            new ValidationOptions().MaxTags,
            Schema.GetProperty("$defs").GetProperty("endpoint").GetProperty("properties").GetProperty("tags").GetProperty("maxItems").GetInt32());

    [Fact]
    public void The_schema_lists_exactly_the_fields_of_the_queue_request_shape() =>
        Assert.Equal(RequestShape.QueueRequest.Members.Keys.Order(StringComparer.Ordinal), PropertiesOf("request"));

    [Fact]
    public void The_schema_lists_exactly_the_fields_of_the_batch_shape() =>
        Assert.Equal(RequestShape.Batch(1).Members.Keys.Order(StringComparer.Ordinal), PropertiesOf("batch"));

    [Fact]
    public void The_schema_limits_are_the_readers_limits()
    {
        JsonElement defs = Schema.GetProperty("$defs");
        JsonElement batch = defs.GetProperty("batch").GetProperty("properties");
        Assert.Equal(new QueueMessageOptions().MaxBatchItems, batch.GetProperty("requests").GetProperty("maxItems").GetInt32());
        Assert.Equal(RequestShape.MaxBatchIdLength, batch.GetProperty("batch_id").GetProperty("maxLength").GetInt32());
        Assert.Equal(
            ProvisioningIntake.MaxIdempotencyKeyLength,
            defs.GetProperty("request").GetProperty("properties").GetProperty("idempotency_key").GetProperty("maxLength").GetInt32());
    }

    private static IEnumerable<string> PropertiesOf(string definition) =>
        Schema.GetProperty("$defs").GetProperty(definition).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static string FindSchema()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "schemas", "provisioning-message.schema.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("schemas/provisioning-message.schema.json not found above " + AppContext.BaseDirectory);
    }
}
