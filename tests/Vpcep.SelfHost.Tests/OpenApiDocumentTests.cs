using System.Text.Json.Nodes;
using Vpcep.OpenApi;
using Vpcep.Testing;

namespace Vpcep.SelfHost.Tests;

/// <summary>
/// The committed OpenAPI document (docs/openapi.json) is the one the self-host serves, so the contract's description
/// cannot drift from the code; and the request bodies it describes name the members the queue message's JSON Schema
/// names (schemas/provisioning-message.schema.json), so the two descriptions of the same documents agree.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly Lazy<Task<JsonNode>> Served = new(() => ServedOpenApi.ReadAsync());

    private static JsonNode Committed() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ServedOpenApi.CommittedPath)))!;

    [Fact]
    public async Task The_committed_document_is_the_one_the_self_host_serves()
    {
        JsonNode served = await Served.Value;

        string? difference = ServedOpenApi.FirstDifference(Committed(), served);

        Assert.True(
            difference is null,
            $"{ServedOpenApi.CommittedPath} differs from the document the self-host serves, first at {difference}. " +
            $"If the change to the HTTP contract is meant, regenerate it with {ServedOpenApi.RegenerateCommand} and commit it.");
    }

    [Fact]
    public async Task The_document_describes_the_polling_contract_terminate_purge_and_readiness()
    {
        JsonNode paths = (await Served.Value)["paths"]!;

        JsonNode get = paths["/api/vpc-endpoints/{instanceId}"]!["get"]!;
        Assert.NotNull(get["responses"]!["200"]);
        Assert.NotNull(get["responses"]!["202"]!["headers"]!["Location"]);
        Assert.NotNull(get["responses"]!["202"]!["headers"]!["Retry-After"]);
        Assert.NotNull(paths["/api/batches/{batchId}"]!["get"]!["responses"]!["202"]!["headers"]!["Retry-After"]);
        Assert.NotNull(paths["/api/vpc-endpoints/{instanceId}/terminate"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(paths["/api/vpc-endpoints/{instanceId}/history"]!["delete"]!["responses"]!["204"]);
        Assert.NotNull(paths["/readyz"]!["get"]!["responses"]!["503"]);
        Assert.Null((await Served.Value)["servers"]);
    }

    [Theory]
    [InlineData("ProvisioningRequestDocument", "request", "idempotency_key")]
    [InlineData("BatchItemDocument", "request", null)]
    [InlineData("BatchDocument", "batch", null)]
    [InlineData("EndpointDocument", "endpoint", null)]
    public async Task A_request_body_names_the_members_the_message_schema_names(string component, string definition, string? webhookLeavesOut)
    {
        JsonObject schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "schemas", "provisioning-message.schema.json")))!
            ["$defs"]![definition]!["properties"]!.AsObject();
        JsonObject described = (await Served.Value)["components"]!["schemas"]![component]!["properties"]!.AsObject();

        string[] expected = [.. schema.Select(p => p.Key).Where(k => k != webhookLeavesOut).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, described.Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
