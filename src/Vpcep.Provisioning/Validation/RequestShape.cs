using System.Text.Json;
using Vpcep.Provisioning.Intake;

namespace Vpcep.Provisioning.Validation;

/// <summary>The JSON kinds a member of a document may have.</summary>
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

    /// <summary>
    /// An array whose items are documents of their own (the requests of a batch): each is read, validated and
    /// reported on by itself, so one bad item does not spoil the others.
    /// </summary>
    DocumentArray,
}

/// <summary>
/// The bounds of a member's value: a string of <paramref name="Min"/> to <paramref name="Max"/> printable
/// characters (UTF-16 code units, no control characters), or an array of <paramref name="Min"/> to
/// <paramref name="Max"/> items; and the error a value outside them gets.
/// </summary>
/// <param name="Min">The fewest characters or items.</param>
/// <param name="Max">The most characters or items.</param>
/// <param name="Code">The code of the error, from <see cref="ValidationCodes"/>.</param>
/// <param name="Message">The error's message.</param>
internal sealed record Bounds(int Min, int Max, string Code, string Message)
{
    /// <summary>
    /// Gets a value indicating whether every other problem of the member's value (missing when required, null,
    /// of the wrong type) is reported as this error too, instead of <see cref="ValidationCodes.Required"/> or
    /// <see cref="ValidationCodes.WrongType"/>; null is then no longer the same as absent.
    /// </summary>
    public bool CoversShape { get; init; }

    /// <summary>
    /// Gets a value indicating whether a member given twice is this error too (and neither value is taken),
    /// instead of <see cref="ValidationCodes.DuplicateField"/>.
    /// </summary>
    public bool CoversRepeats { get; init; }

    /// <summary>Whether a string lies within the bounds.</summary>
    public bool Admits(string text) =>
        text.Length >= Min && text.Length <= Max && !text.Any(char.IsControl);

    /// <summary>Whether an item count lies within the bounds.</summary>
    public bool Admits(int count) => count >= Min && count <= Max;
}

/// <summary>
/// One member of an object: its name, JSON kind, whether it must be present, the shape of nested objects (or
/// nested documents), and the bounds of its value.
/// </summary>
internal sealed record MemberShape(string Name, MemberKind Kind, bool Required = false, ObjectShape? Nested = null)
{
    /// <summary>Gets the bounds of the value, if it has any the shape enforces.</summary>
    public Bounds? Bounds { get; init; }
}

/// <summary>
/// The members an object may have. Anything else is an unknown field: refused, except in an object that
/// <see cref="PassesUnknownMembers"/> (<c>endpoint</c>), where <see cref="FieldNames"/> decides.
/// </summary>
internal sealed class ObjectShape
{
    public ObjectShape(string name, params MemberShape[] members)
    {
        Name = name;
        Members = members.ToDictionary(m => m.Name, StringComparer.Ordinal);
        Ordered = members;
    }

    /// <summary>Gets what the object is called in messages, for example "endpoint".</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, MemberShape> Members { get; }

    /// <summary>Gets the members in the order the shape lists them (the order messages name them in).</summary>
    public IReadOnlyList<MemberShape> Ordered { get; }

    /// <summary>
    /// Gets a value indicating whether an unknown member that is not a probable typo may be passed through
    /// (unless <see cref="ValidationOptions.RejectUnknownEndpointFields"/> is set). Only <c>endpoint</c> does.
    /// </summary>
    public bool PassesUnknownMembers { get; init; }

    /// <summary>The same object with more members, under the same name.</summary>
    public ObjectShape With(params MemberShape[] more) => new(Name, [.. Ordered, .. more]) { PassesUnknownMembers = PassesUnknownMembers };
}

/// <summary>
/// The shape of every document intake reads: the webhook's provisioning request (the envelope around
/// Huawei's create-endpoint body and its tag objects), the queue's request (the same with an optional
/// <c>idempotency_key</c>), and the queue's batch of such requests. The envelope and endpoint member names
/// mirror the JsonPropertyName attributes of <see cref="Models.ProvisioningRequest"/> and
/// <see cref="HuaweiCloud.Models.CreateEndpointRequest"/>; schemas/provisioning-message.schema.json publishes
/// the queue documents.
/// </summary>
internal static class RequestShape
{
    /// <summary>The member of a queue request (alone or in a batch) that carries its idempotency key.</summary>
    public const string IdempotencyKeyMember = "idempotency_key";

    /// <summary>The longest batch_id.</summary>
    public const int MaxBatchIdLength = 128;

    /// <summary>The member of a queue message that points at a batch kept in a blob (a claim check).</summary>
    public const string BatchReferenceMember = "batch_ref";

    /// <summary>The longest blob name Azure Storage allows.</summary>
    public const int MaxBlobNameLength = 1024;

    /// <summary>What a container name must be, as the error says it.</summary>
    public const string ContainerNameRule =
        "batch_ref.container must be a storage container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.";

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
        new MemberShape("specification_name", MemberKind.String))
    {
        PassesUnknownMembers = true,
    };

    // The notification choices of a request (this project's contract, strict like the envelope).
    public static readonly ObjectShape Notify = new(
        "notify",
        new MemberShape("channels", MemberKind.StringArray),
        new MemberShape("smn_topic_urn", MemberKind.String),
        new MemberShape("follow_pending_acceptance", MemberKind.Boolean));

    // The envelope is this project's own contract, so it stays strict: every unknown member is refused.
    public static readonly ObjectShape Envelope = new(
        "provisioning request",
        new MemberShape("project_id", MemberKind.String, Required: true),
        new MemberShape("region", MemberKind.String),
        new MemberShape("callback_url", MemberKind.String),
        new MemberShape("notify", MemberKind.Object, Nested: Notify),
        new MemberShape("endpoint", MemberKind.Object, Required: true, Nested: Endpoint));

    // A queue request names its own idempotency key in the document (the webhook takes it from a header).
    // Every problem with the key, null and a second key included, is one invalid_idempotency_key error.
    public static readonly ObjectShape QueueRequest = Envelope.With(
        new MemberShape(IdempotencyKeyMember, MemberKind.String)
        {
            Bounds = new(1, ProvisioningIntake.MaxIdempotencyKeyLength, ValidationCodes.InvalidIdempotencyKey,
                $"idempotency_key must be given once, as a string of 1 to {ProvisioningIntake.MaxIdempotencyKeyLength} printable characters.")
            {
                CoversShape = true,
                CoversRepeats = true,
            },
        });

    /// <summary>The members only a batch has: a queue message with any of them is a batch.</summary>
    private static readonly string[] BatchOnlyMembers = [.. Batch(1).Members.Keys.Where(name => !QueueRequest.Members.ContainsKey(name))];

    /// <summary>
    /// The shape of a batch: <c>{batch_id, callback_url?, requests: [queue request, ...]}</c>. Missing, null,
    /// not an array, empty or longer than <paramref name="maxItems"/>: requests is one <c>required</c> error.
    /// </summary>
    /// <param name="maxItems">The most requests a batch may carry (<see cref="Queues.QueueMessageOptions.MaxBatchItems"/>).</param>
    public static ObjectShape Batch(int maxItems) => new(
        "batch",
        new MemberShape("batch_id", MemberKind.String, Required: true)
        {
            Bounds = new(1, MaxBatchIdLength, ValidationCodes.InvalidBatchId, $"batch_id must be 1 to {MaxBatchIdLength} printable characters."),
        },
        new MemberShape("callback_url", MemberKind.String),
        new MemberShape("requests", MemberKind.DocumentArray, Required: true, Nested: QueueRequest)
        {
            Bounds = new(1, maxItems, ValidationCodes.Required, $"requests must be an array of 1 to {maxItems} provisioning requests.")
            {
                CoversShape = true,
            },
        });

    // Azure Storage's own limits on names: a container is 3-63 characters (the rest of its rule is checked by
    // ProvisioningRequestParser), a blob 1-1,024. Other members are refused: the blob holds the whole batch.
    public static readonly ObjectShape BatchReference = new(
        "batch_ref",
        new MemberShape("container", MemberKind.String, Required: true)
        {
            Bounds = new(3, 63, ValidationCodes.InvalidContainerName, ContainerNameRule) { CoversShape = true },
        },
        new MemberShape("blob", MemberKind.String, Required: true)
        {
            Bounds = new(1, MaxBlobNameLength, ValidationCodes.InvalidBlobName,
                $"batch_ref.blob must be a blob name of 1 to {MaxBlobNameLength} printable characters.")
            {
                CoversShape = true,
            },
        });

    /// <summary>A queue message that carries a batch by reference: <c>{"batch_ref": {"container", "blob"}}</c> and nothing else.</summary>
    public static readonly ObjectShape BatchReferenceMessage = new(
        "batch reference message",
        new MemberShape(BatchReferenceMember, MemberKind.Object, Required: true, Nested: BatchReference));

    /// <summary>Whether a queue message (an object) carries its batch by reference (it has <c>batch_ref</c>).</summary>
    public static bool IsBatchReference(JsonElement message) => message.TryGetProperty(BatchReferenceMember, out _);

    /// <summary>Whether a queue message (an object) is a batch: it has a member only a batch has.</summary>
    public static bool IsBatch(JsonElement message) =>
        BatchOnlyMembers.Any(name => message.TryGetProperty(name, out _));
}
