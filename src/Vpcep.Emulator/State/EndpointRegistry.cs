using System.Text.Json;
using Microsoft.Extensions.Options;
using Vpcep.Emulator.Api;
using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.State;

/// <summary>What a create call asks for, after the request has been validated against the catalog.</summary>
internal sealed record NewEndpoint(
    ServiceFixture Service,
    VpcFixture Vpc,
    SubnetFixture? Subnet,
    uint? PortIp,
    bool EnableDns,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<string> Whitelist,
    bool EnableWhitelist,
    IReadOnlyList<string>? RouteTables,
    string? Description,
    JsonElement? PolicyStatement,
    JsonElement? PolicyDocument,
    string? IpVersion,
    string? Ipv6Address = null,
    string? SpecificationName = null);

/// <summary>The filters and paging of the list call, already validated.</summary>
internal sealed record EndpointQuery(
    string? ServiceName, string? VpcId, string? Id, int Limit, int Offset, bool SortByUpdate, bool Ascending);

/// <summary>
/// Every endpoint of every project. One lock guards all of them: the emulator serves a handful of
/// clients, and a single lock makes quota and address checks trivially atomic.
/// </summary>
internal sealed class EndpointRegistry(LifecycleClock clock, Catalog catalog, IOptions<EmulatorOptions> options)
{
    // Marker ids: the official SDKs type marker_id as a 32-bit integer and current examples are near 2e8
    // (tests/wire-corpus); the seed page's example, answered in legacy mode, exceeds 2^31.
    private const long FirstMarkerId = 201_515_772;
    private const long FirstLegacyMarkerId = 322_312_312_312;
    private readonly bool legacy = options.Value.LegacyWireShapes;

    private readonly Lock gate = new();
    private readonly Dictionary<string, EndpointRecord> endpoints = new(StringComparer.OrdinalIgnoreCase);
    private long sequence;

    public EndpointBody Create(string projectId, NewEndpoint spec)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            Purge(now);
            int quota = catalog.QuotaFor(projectId);
            if (this.endpoints.Values.Count(e => e.ProjectId == projectId) >= quota)
            {
                throw Errors.QuotaExceeded(quota);
            }

            uint? address = spec.Subnet is null ? null : ReserveAddress(projectId, spec.Subnet, spec.PortIp);
            TimeSpan delay = spec.Service.CreationDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : options.Value.CreationDelay;
            long sequence = ++this.sequence;
            var record = new EndpointRecord
            {
                Id = Guid.NewGuid().ToString(),
                ProjectId = projectId,
                Sequence = sequence,
                MarkerId = (this.legacy ? FirstLegacyMarkerId : FirstMarkerId) + sequence,
                Service = spec.Service,
                VpcId = spec.Vpc.Id,
                SubnetId = spec.Subnet?.Id,
                Address = address,
                EnableDns = spec.EnableDns,
                Description = spec.Description,
                IpVersion = spec.IpVersion,
                Ipv6Address = spec.Ipv6Address,
                SpecificationName = spec.SpecificationName,
                CreatedAt = now,
                ReadyAt = now + clock.Scale(delay),
                Tags = [.. spec.Tags],
                Whitelist = [.. spec.Whitelist],
                EnableWhitelist = spec.EnableWhitelist,
                RouteTables = spec.Service.ServiceType == ServiceTypes.Gateway
                    ? spec.RouteTables is { Count: > 0 } tables ? [.. tables] : DefaultRouteTables(spec.Vpc)
                    : null,
                PolicyStatement = spec.PolicyStatement,
                PolicyDocument = spec.PolicyDocument,
            };
            this.endpoints[record.Id] = record;
            return record.ToBody(now, this.legacy, createAnswer: true);
        }
    }

    public EndpointBody Get(string projectId, string id)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            return Find(projectId, id, now).ToBody(now, this.legacy);
        }
    }

    public (IReadOnlyList<EndpointBody> Page, int TotalCount) List(string projectId, EndpointQuery query)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            Purge(now);
            List<EndpointRecord> matches = [.. this.endpoints.Values.Where(e =>
                e.ProjectId == projectId
                && (string.IsNullOrEmpty(query.ServiceName) || e.Service.ServiceName.Contains(query.ServiceName, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(query.VpcId) || string.Equals(e.VpcId, query.VpcId, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(query.Id) || string.Equals(e.Id, query.Id, StringComparison.OrdinalIgnoreCase)))];

            // The sequence breaks ties: timestamps have one-second resolution on the wire.
            Func<EndpointRecord, (DateTimeOffset, long)> key = query.SortByUpdate
                ? e => (e.UpdatedAt(now), e.Sequence)
                : e => (e.CreatedAt, e.Sequence);
            IEnumerable<EndpointRecord> sorted = query.Ascending ? matches.OrderBy(key) : matches.OrderByDescending(key);
            return ([.. sorted.Skip(query.Offset).Take(query.Limit).Select(e => e.ToBody(now, this.legacy))], matches.Count);
        }
    }

    public void Delete(string projectId, string id)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            EndpointRecord record = Find(projectId, id, now);
            if (record.DeletingAt is not null)
            {
                throw Errors.EndpointDeleting(id);
            }

            record.DeletingAt = now;
            record.GoneAt = now + clock.Scale(options.Value.DeletionDelay);
        }
    }

    /// <summary>Applies <paramref name="change"/> to an endpoint that is not being deleted and returns it.</summary>
    public EndpointBody Modify(string projectId, string id, Action<EndpointRecord> change)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            EndpointRecord record = Find(projectId, id, now);
            if (record.DeletingAt is not null)
            {
                throw Errors.EndpointDeleting(id);
            }

            change(record);
            record.ModifiedAt = now;
            return record.ToBody(now, this.legacy);
        }
    }

    /// <summary>The service owner's receive or reject of one endpoint connecting to <paramref name="serviceId"/>.</summary>
    public EndpointRecordView Decide(string serviceId, string endpointId, bool accept)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            Purge(now);
            if (!this.endpoints.TryGetValue(endpointId, out EndpointRecord? record)
                || !string.Equals(record.Service.Id, serviceId, StringComparison.OrdinalIgnoreCase))
            {
                throw Errors.EndpointNotFound(endpointId);
            }

            switch (record.StatusAt(now))
            {
                case EndpointStatuses.Creating: throw Errors.EndpointCreating(endpointId);
                case EndpointStatuses.Deleting: throw Errors.EndpointDeleting(endpointId);
                case EndpointStatuses.Failed: throw Errors.ParameterError($"the VPC endpoint {endpointId} failed and cannot be {(accept ? "received" : "rejected")}.");
            }

            record.Decision = accept ? EndpointStatuses.Accepted : EndpointStatuses.Rejected;
            record.DecidedAt = now;
            return new EndpointRecordView(record.ProjectId, record.ToBody(now, this.legacy));
        }
    }

    /// <summary>The endpoints of a project, for the find-by-tags call.</summary>
    public IReadOnlyList<EndpointBody> InProject(string projectId)
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            Purge(now);
            return [.. this.endpoints.Values.Where(e => e.ProjectId == projectId).OrderBy(e => e.Sequence).Select(e => e.ToBody(now, this.legacy))];
        }
    }

    public int CountInProject(string projectId)
    {
        lock (gate)
        {
            Purge(clock.Now);
            return this.endpoints.Values.Count(e => e.ProjectId == projectId);
        }
    }

    /// <summary>Every endpoint of every project, oldest first (admin API).</summary>
    public IReadOnlyList<EndpointBody> All()
    {
        lock (gate)
        {
            DateTimeOffset now = clock.Now;
            Purge(now);
            return [.. this.endpoints.Values.OrderBy(e => e.Sequence).Select(e => e.ToBody(now, this.legacy))];
        }
    }

    /// <summary>Every endpoint's creation and ready times at full precision, oldest first (admin API).</summary>
    public IReadOnlyList<EndpointTimelineBody> Timeline()
    {
        lock (gate)
        {
            Purge(clock.Now);
            return [.. this.endpoints.Values.OrderBy(e => e.Sequence).Select(e => new EndpointTimelineBody(e.Id, e.ProjectId, e.CreatedAt, e.ReadyAt))];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            this.endpoints.Clear();
        }
    }

    private EndpointRecord Find(string projectId, string id, DateTimeOffset now)
    {
        Purge(now);
        return this.endpoints.TryGetValue(id, out EndpointRecord? record) && record.ProjectId == projectId
            ? record
            : throw Errors.EndpointNotFound(id);
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (EndpointRecord gone in this.endpoints.Values.Where(e => e.IsGone(now)).ToList())
        {
            this.endpoints.Remove(gone.Id);
        }
    }

    /// <summary>Reserves <paramref name="requested"/> (validated to lie inside the subnet) or the lowest free host address.</summary>
    private uint ReserveAddress(string projectId, SubnetFixture subnet, uint? requested)
    {
        HashSet<uint> used = [.. this.endpoints.Values
            .Where(e => e.ProjectId == projectId && string.Equals(e.SubnetId, subnet.Id, StringComparison.OrdinalIgnoreCase) && e.Address is not null)
            .Select(e => e.Address!.Value)];
        if (requested is { } ip)
        {
            return used.Contains(ip) ? throw Errors.PortIpInUse(Ipv4.Format(ip)) : ip;
        }

        Cidr cidr = Cidr.TryParse(subnet.Cidr, out Cidr parsed) ? parsed : throw Errors.InvalidSubnet(subnet.Id);
        uint? gateway = Ipv4.TryParse(subnet.GatewayIp, out uint g) ? g : null;
        for (uint candidate = cidr.Network + 2; candidate < cidr.Broadcast; candidate++)
        {
            if (candidate != gateway && !used.Contains(candidate))
            {
                return candidate;
            }
        }

        throw Errors.SystemError($"The subnet {subnet.Id} has no free address.");
    }

    private static List<string> DefaultRouteTables(VpcFixture vpc) =>
        [vpc.DefaultRouteTable ?? "rtb-" + vpc.Id];
}

/// <summary>An endpoint with the project that owns it.</summary>
internal sealed record EndpointRecordView(string ProjectId, EndpointBody Endpoint);
