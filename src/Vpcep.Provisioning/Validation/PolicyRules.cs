using System.Text.Json;
using Vpcep.HuaweiCloud.Models;
using static Vpcep.Provisioning.Validation.RuleText;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The rules of what an endpoint says about itself and its use: description, policy_statement and
/// policy_document. specification_name (Open Telekom Cloud's API reference, Table 2: an optional string) has no
/// documented format; the service judges the name (EndPoint.2009, EndPoint.0015).
/// </summary>
internal sealed class PolicyRules(ValidationOptions options)
{
    /// <summary>description: length and forbidden characters.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public void Description(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        if (endpoint.Description is not { } description)
        {
            return;
        }

        // Open Telekom Cloud's reference, Table 2: at most 128 characters, no < or > (the SDK repeats the
        // angle brackets).
        ErrorCollector at = errors.At("description");
        int length = CodePoints(description);
        if (length > options.MaxDescriptionLength)
        {
            at.Add(ValidationCodes.DescriptionTooLong,
                Invariant($"description has {length} characters; at most {options.MaxDescriptionLength} are allowed."));
        }

        if (description.AsSpan().IndexOfAny('<', '>') >= 0)
        {
            at.Add(ValidationCodes.DescriptionForbiddenCharacter, "description must not contain '<' or '>'.");
        }
    }

    /// <summary>policy_statement and policy_document: the JSON kinds of a request built in code.</summary>
    /// <param name="endpoint">The endpoint body.</param>
    /// <param name="errors">Where the endpoint sits.</param>
    public static void Documents(CreateEndpointRequest endpoint, ErrorCollector errors)
    {
        // The reader checks these shapes on the document; this covers requests built in code. SDK
        // CreateEndpointRequestBody: policy_statement is an array of PolicyStatement; policy_document is typed
        // "any" (interface{}), but every example (Terraform's huaweicloud_vpcep_endpoint documentation) is an
        // IAM-style object {Version, Statement}; whether the service takes anything else is unverified.
        if (endpoint.PolicyStatement is { ValueKind: not (JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.At("policy_statement").Add(ValidationCodes.WrongType, "policy_statement must be an array.");
        }

        if (endpoint.PolicyDocument is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.At("policy_document").Add(ValidationCodes.WrongType, "policy_document must be an object.");
        }
    }
}
