namespace Vpcep.Emulator.Contracts;

/// <summary>
/// The fixtures file (and the body of <c>POST /_emulator/fixtures</c>): the endpoint services, VPCs
/// and subnets the emulated account can see, plus per-project endpoint quotas and the SMN topics.
/// </summary>
/// <remarks>
/// Properties with defaults use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property in its object initializer, which would overwrite the defaults.
/// </remarks>
public sealed class FixtureSet
{
    public IReadOnlyList<ServiceFixture> Services { get; set; } = [];
    public IReadOnlyList<VpcFixture> Vpcs { get; set; } = [];
    public IReadOnlyList<SubnetFixture> Subnets { get; set; } = [];

    /// <summary>Endpoint quota by project id; projects not listed get <c>EmulatorOptions.QuotaPerProject</c>.</summary>
    public IReadOnlyDictionary<string, int> Quotas { get; set; } = new Dictionary<string, int>();

    /// <summary>
    /// The names of the SMN topics every project has in every region: <c>urn:smn:{region}:{project_id}:{name}</c>
    /// exists for each name listed. Publishing to any other topic answers 404 <c>SMN.0006</c>.
    /// </summary>
    public IReadOnlyList<string> SmnTopics { get; set; } = [];
}

/// <summary>An endpoint service and how endpoints connecting to it behave.</summary>
public sealed record ServiceFixture
{
    public required string Id { get; init; }
    public required string ServiceName { get; init; }

    /// <summary><c>interface</c> or <c>gateway</c>.</summary>
    public string ServiceType { get; set; } = "interface";

    /// <summary>When true, new endpoints wait in <c>pendingAcceptance</c> for the owner to receive or reject them.</summary>
    public bool ApprovalEnabled { get; init; }

    /// <summary>Listed by <c>GET .../vpc-endpoint-services/public</c>.</summary>
    public bool IsPublic { get; init; }

    public string Owner { get; set; } = "emulator";
    public bool IsCharge { get; init; }
    public bool EnablePolicy { get; init; }
    public string CreatedAt { get; set; } = "2024-01-01T00:00:00Z";

    /// <summary>False makes creation answer EndPoint.2004 (service unavailable).</summary>
    public bool Available { get; set; } = true;

    /// <summary>Overrides <c>EmulatorOptions.CreationDelay</c> for this service, in milliseconds.</summary>
    public int? CreationDelayMs { get; init; }

    /// <summary>When set, endpoints of this service end <c>failed</c> with this error instead of connecting.</summary>
    public EndpointErrorBody? Failure { get; init; }
}

/// <summary>A VPC.</summary>
public sealed record VpcFixture
{
    public required string Id { get; init; }
    public string Name { get; set; } = "vpc";
    public required string Cidr { get; init; }
    public string Status { get; set; } = "OK";

    /// <summary>The route table gateway endpoints use when the request names none.</summary>
    public string? DefaultRouteTable { get; init; }
}

/// <summary>A subnet of a VPC.</summary>
public sealed record SubnetFixture
{
    public required string Id { get; init; }
    public string Name { get; set; } = "subnet";
    public required string VpcId { get; init; }
    public required string Cidr { get; init; }
    public required string GatewayIp { get; init; }
    public string Status { get; set; } = "ACTIVE";
}
