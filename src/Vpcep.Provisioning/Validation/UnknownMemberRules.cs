using System.Text.Json;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The unknown-member policy of <c>endpoint</c> for members that reach
/// <see cref="CreateEndpointRequest.AdditionalProperties"/> other than through the reader (which applies the same
/// policy to documents): a request built in code.
/// </summary>
internal sealed class UnknownMemberRules(ValidationOptions options)
{
    /// <summary>Checks the additional properties of an endpoint.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public void Check(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        if (endpoint.AdditionalProperties is null)
        {
            return;
        }

        foreach ((string name, JsonElement value) in endpoint.AdditionalProperties)
        {
            ErrorCollector at = errors.At(name);
            if (RequestShape.Endpoint.Members.ContainsKey(name))
            {
                at.Add(ValidationCodes.DuplicateField, $"{name} is given both as a field and as an additional property; give it once.");
            }
            else if (options.RejectUnknownEndpointFields)
            {
                at.Add(ValidationCodes.UnknownField, $"The endpoint has no field '{name}'.");
            }
            else if (FieldNames.RefusalOfUnknownEndpointMember(name) is { } refusal)
            {
                at.Add(ValidationCodes.UnknownField, refusal);
            }
            else if (value.ValueKind == JsonValueKind.Undefined)
            {
                at.Add(ValidationCodes.WrongType, $"The additional property {name} has no JSON value.");
            }
        }
    }
}
