namespace Vpcep.Provisioning.Validation;

/// <summary>The JSON kinds a member of a provisioning request may have.</summary>
internal enum MemberKind
{
    String,
    Boolean,
    Object,
    StringArray,
    ObjectArray,

    /// <summary>An array whose items follow a schema this project does not own (IAM-style policy statements).</summary>
    OpaqueArray,

    /// <summary>An object whose members follow a schema this project does not own (a policy document).</summary>
    OpaqueObject,
}

/// <summary>One member of an object: its name, JSON kind, whether it must be present, and the shape of nested objects.</summary>
internal sealed record MemberShape(string Name, MemberKind Kind, bool Required = false, ObjectShape? Nested = null);

/// <summary>
/// The members an object may have. Anything else is an unknown field: refused, except in <c>endpoint</c>
/// where <see cref="FieldNames"/> decides.
/// </summary>
internal sealed class ObjectShape
{
    public ObjectShape(string name, params MemberShape[] members)
    {
        Name = name;
        Members = members.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets what the object is called in messages, for example "endpoint".</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, MemberShape> Members { get; }
}

/// <summary>
/// The shape of a provisioning request document: the envelope, Huawei's create-endpoint body, and
/// its tag objects. The member names mirror the JsonPropertyName attributes of
/// <see cref="Models.ProvisioningRequest"/> and <see cref="HuaweiCloud.Models.CreateEndpointRequest"/>.
/// </summary>
internal static class RequestShape
{
    // Seed page Table 3 (ResourceTags): key and value, both strings. The tag object stays strict: an
    // unknown member inside a tag cannot be passed through (ResourceTag has no room for it).
    public static readonly ObjectShape Tag = new(
        "tag",
        new MemberShape("key", MemberKind.String, Required: true),
        new MemberShape("value", MemberKind.String));

    // The members of the create-endpoint body and their JSON types. Sources: seed page Table 2
    // (endpoint_service_id, vpc_id required; subnet_id, enable_dns, tags, routetables, port_ip, whitelist,
    // enable_whitelist); huaweicloud-sdk-go-v3 services/vpcep/v1/model/model_create_endpoint_request_body.go
    // (description, policy_statement, policy_document, ip_version, ipv6_address); Open Telekom Cloud's VPCEP
    // API reference, Creating a VPC Endpoint, Table 2 (specification_name, a string; its response
    // examples show "default"). Unknown members: see FieldNames and ValidationOptions.RejectUnknownEndpointFields.
    public static readonly ObjectShape Endpoint = new(
        "endpoint",
        new MemberShape("endpoint_service_id", MemberKind.String, Required: true),
        new MemberShape("vpc_id", MemberKind.String, Required: true),
        new MemberShape("subnet_id", MemberKind.String),
        new MemberShape("enable_dns", MemberKind.Boolean),
        new MemberShape("tags", MemberKind.ObjectArray, Nested: Tag),
        new MemberShape("routetables", MemberKind.StringArray),
        new MemberShape("port_ip", MemberKind.String),
        new MemberShape("whitelist", MemberKind.StringArray),
        new MemberShape("enable_whitelist", MemberKind.Boolean),
        new MemberShape("description", MemberKind.String),
        new MemberShape("policy_statement", MemberKind.OpaqueArray),
        new MemberShape("policy_document", MemberKind.OpaqueObject),
        new MemberShape("ip_version", MemberKind.String),
        new MemberShape("ipv6_address", MemberKind.String),
        new MemberShape("specification_name", MemberKind.String));

    // The envelope is this project's own contract, so it stays strict: every unknown member is refused.
    public static readonly ObjectShape Envelope = new(
        "provisioning request",
        new MemberShape("project_id", MemberKind.String, Required: true),
        new MemberShape("region", MemberKind.String),
        new MemberShape("callback_url", MemberKind.String),
        new MemberShape("endpoint", MemberKind.Object, Required: true, Nested: Endpoint));
}
