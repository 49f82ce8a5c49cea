using System.Globalization;
using System.Text.Json;
using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.State;

/// <summary>
/// One endpoint as the emulator stores it. The status is not stored: it is computed from timestamps
/// (<see cref="ReadyAt"/>, <see cref="DeletingAt"/>, ...) at the moment of reading, so the lifecycle
/// needs no timers and is the same however often a client polls. Guarded by the registry's lock.
/// </summary>
internal sealed class EndpointRecord
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required long Sequence { get; init; }
    public required long MarkerId { get; init; }
    public required ServiceFixture Service { get; init; }
    public required string VpcId { get; init; }
    public string? SubnetId { get; init; }

    /// <summary>The address reserved in the subnet (interface endpoints); shown once accepted.</summary>
    public uint? Address { get; init; }

    public bool EnableDns { get; init; }
    public string? Description { get; init; }
    public string? IpVersion { get; init; }

    public string? Ipv6Address { get; init; }

    /// <summary>The specification asked for; interface endpoints default to <c>default</c>, as the reference's examples show.</summary>
    public string? SpecificationName { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When <c>creating</c> ends.</summary>
    public required DateTimeOffset ReadyAt { get; init; }

    public List<KeyValuePair<string, string>> Tags { get; init; } = [];
    public List<string> Whitelist { get; set; } = [];
    public bool EnableWhitelist { get; set; }
    public List<string>? RouteTables { get; set; }
    public JsonElement? PolicyStatement { get; set; }
    public JsonElement? PolicyDocument { get; set; }

    /// <summary>The owner's decision (<c>accepted</c> or <c>rejected</c>) on an approval service.</summary>
    public string? Decision { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The last change made by a client call (whitelist, policy, route tables, tags).</summary>
    public DateTimeOffset? ModifiedAt { get; set; }

    public DateTimeOffset? DeletingAt { get; set; }

    /// <summary>When a deleting endpoint disappears.</summary>
    public DateTimeOffset? GoneAt { get; set; }

    public bool IsGone(DateTimeOffset now) => GoneAt is { } gone && now >= gone;

    public string StatusAt(DateTimeOffset now)
    {
        if (DeletingAt is not null)
        {
            return EndpointStatuses.Deleting;
        }

        if (now < ReadyAt)
        {
            return EndpointStatuses.Creating;
        }

        if (Service.Failure is not null)
        {
            return EndpointStatuses.Failed;
        }

        if (Decision is not null)
        {
            return Decision;
        }

        return Service.ApprovalEnabled ? EndpointStatuses.PendingAcceptance : EndpointStatuses.Accepted;
    }

    public DateTimeOffset UpdatedAt(DateTimeOffset now)
    {
        DateTimeOffset latest = CreatedAt;
        foreach (DateTimeOffset? t in (DateTimeOffset?[])[now >= ReadyAt ? ReadyAt : null, DecidedAt, ModifiedAt, DeletingAt])
        {
            if (t is { } value && value > latest)
            {
                latest = value;
            }
        }

        return latest;
    }

    /// <summary>The endpoint as the API answers it.</summary>
    /// <param name="now">The emulator's clock.</param>
    /// <param name="legacy">Answer the seed page example's shapes (string <c>active_status</c>, <c>update_at</c>).</param>
    /// <param name="createAnswer">
    /// The answer of the create call itself, which carries neither <c>dns_names</c> nor <c>ip</c> (both SDKs dropped
    /// <c>dns_names</c> from the create model; Open Telekom Cloud's create table never had it).
    /// </param>
    public EndpointBody ToBody(DateTimeOffset now, bool legacy = false, bool createAnswer = false)
    {
        string status = StatusAt(now);
        bool isInterface = Service.ServiceType == ServiceTypes.Interface;
        bool connected = status == EndpointStatuses.Accepted && !createAnswer;
        string updated = FormatTime(UpdatedAt(now));
        return new EndpointBody
        {
            Id = Id,
            ServiceType = Service.ServiceType,
            Status = status,
            EndpointServiceName = Service.ServiceName,
            MarkerId = MarkerId,
            EndpointServiceId = Service.Id,
            EnableDns = EnableDns && isInterface,
            DnsNames = connected && EnableDns && isInterface ? [DnsName()] : null,
            Ip = connected && Address is { } address ? Ipv4.Format(address) : null,
            SubnetId = SubnetId,
            VpcId = VpcId,
            CreatedAt = FormatTime(CreatedAt),
            UpdatedAt = legacy ? null : updated,
            UpdateAt = legacy ? updated : null,
            ActiveStatus = legacy ? LegacyActiveStatus : ActiveStatusList,
            ProjectId = ProjectId,
            Tags = [.. Tags.Select(t => new ResourceTagBody { Key = t.Key, Value = t.Value })],
            Whitelist = [.. Whitelist],
            EnableWhitelist = EnableWhitelist,
            Routetables = RouteTables is null ? null : [.. RouteTables],
            Description = Description,
            Error = status == EndpointStatuses.Failed && Service.Failure is { } failure ? [failure] : null,
            PolicyStatement = PolicyStatement,
            PolicyDocument = PolicyDocument,
            IpVersion = IpVersion,
            Ipv6Address = Ipv6Address,
            SpecificationName = SpecificationName ?? (isInterface ? "default" : null),
        };
    }

    private static readonly JsonElement ActiveStatusList = JsonSerializer.SerializeToElement(new[] { "active" }, EmulatorJsonContext.Default.StringArray);

    private static readonly JsonElement LegacyActiveStatus = JsonSerializer.SerializeToElement("active", EmulatorJsonContext.Default.String);

    /// <summary>The UTC format of the API: <c>YYYY-MM-DDTHH:MM:SSZ</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string DnsName() => $"{Id[..8]}.{Service.ServiceName}.vpcep.emulator.local";
}

/// <summary>Endpoint status values of the API.</summary>
public static class EndpointStatuses
{
    public const string Creating = "creating";
    public const string PendingAcceptance = "pendingAcceptance";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Deleting = "deleting";
}

/// <summary>Endpoint service types of the API.</summary>
public static class ServiceTypes
{
    public const string Interface = "interface";
    public const string Gateway = "gateway";
}
