namespace Vpcep.Emulator.Contracts;

/// <summary>Answer of <c>GET .../vpc-endpoint-services/describe</c>.</summary>
public sealed record EndpointServiceBasicBody(
    string Id, string ServiceName, string ServiceType, string CreatedAt, bool IsCharge, bool EnablePolicy);

/// <summary>One entry of <c>GET .../vpc-endpoint-services/public</c>.</summary>
public sealed record PublicEndpointServiceBody(
    string Id, string Owner, string ServiceName, string ServiceType, string CreatedAt, bool IsCharge, bool EnablePolicy);

/// <summary>Answer of <c>GET .../vpc-endpoint-services/public</c>.</summary>
public sealed record PublicEndpointServiceListBody(IReadOnlyList<PublicEndpointServiceBody> EndpointServices, int TotalCount);

/// <summary>Body of <c>POST .../vpc-endpoint-services/{service_id}/connections/action</c>.</summary>
public sealed class ConnectionActionRequest
{
    public string? Action { get; init; }
    public IReadOnlyList<string>? Endpoints { get; init; }
}

/// <summary>One connection in the answer of the accept/reject call.</summary>
public sealed record ConnectionBody(string Id, long MarkerId, string Status, string CreatedAt, string UpdatedAt, string DomainId);

/// <summary>Answer of the accept/reject call.</summary>
public sealed record ConnectionListBody(IReadOnlyList<ConnectionBody> Connections);

/// <summary>One resource line of <c>GET /v1/{project_id}/quotas</c>.</summary>
public sealed record QuotaResourceBody(string Type, int Used, int Quota);

/// <summary>The inner object of the quota answer.</summary>
public sealed record QuotaSetBody(IReadOnlyList<QuotaResourceBody> Resources);

/// <summary>Answer of <c>GET /v1/{project_id}/quotas</c>: <c>{quotas:{resources:[...]}}</c>.</summary>
public sealed record QuotasBody(QuotaSetBody Quotas);
