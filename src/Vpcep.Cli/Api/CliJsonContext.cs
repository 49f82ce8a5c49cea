using System.Text.Json.Serialization;

namespace Vpcep.Cli.Api;

/// <summary>The CLI's one JSON setup: source-generated readers of the API's documents.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(AcceptedRequest))]
[JsonSerializable(typeof(RequestStatus))]
[JsonSerializable(typeof(BatchStatus))]
[JsonSerializable(typeof(BatchItemsPage))]
[JsonSerializable(typeof(AcceptedDeprovision))]
[JsonSerializable(typeof(DeprovisionStatus))]
[JsonSerializable(typeof(BatchDeprovision))]
[JsonSerializable(typeof(AcceptedRedelivery))]
[JsonSerializable(typeof(Problem))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
