using System.Text.Json;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Validation;

public sealed record ParseResult(ProvisioningRequest? Request, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Placeholder until the validation branch lands.</summary>
public sealed class ProvisioningRequestParser(IOptions<ValidationOptions> options)
{
    public ParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        _ = options;
        try
        {
            ProvisioningRequest? r = JsonSerializer.Deserialize(utf8Json, ProvisioningJsonContext.Default.ProvisioningRequest);
            return r is null ? new ParseResult(null, [new ValidationError("", "required", "empty")]) : new ParseResult(r, []);
        }
        catch (JsonException ex)
        {
            return new ParseResult(null, [new ValidationError("", "malformed_json", ex.Message)]);
        }
    }
}
