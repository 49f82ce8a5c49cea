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

/// <summary>The members an object may have; anything else is an unknown field.</summary>
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
    public static readonly ObjectShape Tag = new(
        "tag",
        new MemberShape("key", MemberKind.String, Required: true),
        new MemberShape("value", MemberKind.String));

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
        new MemberShape("ipv6_address", MemberKind.String));

    public static readonly ObjectShape Envelope = new(
        "provisioning request",
        new MemberShape("project_id", MemberKind.String, Required: true),
        new MemberShape("region", MemberKind.String),
        new MemberShape("callback_url", MemberKind.String),
        new MemberShape("endpoint", MemberKind.Object, Required: true, Nested: Endpoint));
}
