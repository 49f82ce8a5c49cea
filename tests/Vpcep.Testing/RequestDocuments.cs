using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Testing;

/// <summary>Valid requests to start from; each test changes one thing.</summary>
public static class RequestDocuments
{
    public const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    public const string SubnetId = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de";
    public const string VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4";
    public const string ServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a";

    /// <summary>The example request of Huawei's create-endpoint page, inside the provisioning envelope.</summary>
    public const string SeedExample =
        """{"project_id":"6e9dfd51d1124e8d8498dce894923a0d","endpoint":{"subnet_id":"68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de","vpc_id":"84758cf5-9c62-43ae-a778-3dbd8370c0a4","tags":[{"key":"test1","value":"test1"}],"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","enable_dns":true}}""";

    /// <summary>A parser with these limits and callback rules (none: the production defaults, https to public addresses).</summary>
    public static ProvisioningRequestParser Parser(ValidationOptions? options = null, CallbackTargetOptions? callbackTargets = null) =>
        new(Options.Create(options ?? new ValidationOptions()), new CallbackTargetPolicy(callbackTargets ?? new CallbackTargetOptions()));

    public static EndpointRequestValidator Validator(ValidationOptions? options = null, CallbackTargetOptions? callbackTargets = null) =>
        new(Options.Create(options ?? new ValidationOptions()), new CallbackTargetPolicy(callbackTargets ?? new CallbackTargetOptions()));

    /// <summary>The seed example as a mutable tree.</summary>
    public static JsonObject Seed() => JsonNode.Parse(SeedExample)!.AsObject();

    public static JsonObject Endpoint(this JsonObject document) => document["endpoint"]!.AsObject();

    public static ParseResult Parse(this ProvisioningRequestParser parser, JsonNode document) =>
        parser.Parse(Encoding.UTF8.GetBytes(document.ToJsonString()));

    public static ParseResult Parse(this ProvisioningRequestParser parser, string json) =>
        parser.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>A valid typed request (interface service, with a subnet).</summary>
    public static ProvisioningRequest Request(Func<CreateEndpointRequest, CreateEndpointRequest>? change = null)
    {
        var endpoint = new CreateEndpointRequest
        {
            EndpointServiceId = ServiceId,
            VpcId = VpcId,
            SubnetId = SubnetId,
            Tags = [new ResourceTag("test1", "test1")],
            EnableDns = true,
        };
        return new ProvisioningRequest { ProjectId = ProjectId, Endpoint = change is null ? endpoint : change(endpoint) };
    }

    public static IEnumerable<(string Pointer, string Code)> PointersAndCodes(this IEnumerable<ValidationError> errors) =>
        errors.Select(e => (e.Pointer, e.Code));
}
