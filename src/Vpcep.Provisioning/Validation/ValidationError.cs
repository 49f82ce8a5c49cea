using System.Text.Json.Serialization;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// One problem with a request: where (a JSON pointer into the submitted document), a stable
/// machine-readable code, and a sentence for people.
/// </summary>
public sealed record ValidationError(
    [property: JsonPropertyName("pointer")] string Pointer,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
