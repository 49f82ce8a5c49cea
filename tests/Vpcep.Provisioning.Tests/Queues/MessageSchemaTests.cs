using System.Text.Json;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Queues;

/// <summary>The published message schema must name exactly the fields the parser accepts.</summary>
public sealed class MessageSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(FindSchema())).RootElement;

    /// <summary>
    /// Endpoint fields the parser knows that the published schema does not list yet. specification_name is in Open
    /// Telekom Cloud's VPCEP API reference (Creating a VPC Endpoint, Table 2) and is accepted since the validation
    /// review; schemas/ is not part of that change, so the schema's owner has to add it (and relax the endpoint's
    /// additionalProperties: false, since unknown endpoint members are now passed through). When the schema lists it,
    /// this test fails until the name is removed here.
    /// </summary>
    private static readonly string[] KnownButNotYetInSchema = ["specification_name"];

    [Fact]
    public void The_schema_lists_exactly_the_endpoint_fields_the_parser_knows_but_those_awaiting_a_schema_update() =>
        Assert.Equal(
            RequestShape.Endpoint.Members.Keys.Except(KnownButNotYetInSchema).Order(StringComparer.Ordinal),
            PropertiesOf("endpoint"));

    [Fact]
    public void The_schema_lists_exactly_the_envelope_fields_plus_the_idempotency_key() =>
        Assert.Equal(
            RequestShape.Envelope.Members.Keys.Append("idempotency_key").Order(StringComparer.Ordinal),
            PropertiesOf("request"));

    [Fact]
    public void The_schema_lists_the_batch_fields() =>
        Assert.Equal(["batch_id", "callback_url", "requests"], PropertiesOf("batch"));

    [Fact]
    public void The_schema_tag_limit_is_the_default_validation_limit() =>
        Assert.Equal(
            new ValidationOptions().MaxTags,
            Schema.GetProperty("$defs").GetProperty("endpoint").GetProperty("properties").GetProperty("tags").GetProperty("maxItems").GetInt32());

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
