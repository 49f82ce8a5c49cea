using Microsoft.AspNetCore.Http.HttpResults;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>The endpoint service operations a consumer and a service owner need: <c>/v1/{project_id}/vpc-endpoint-services</c>.</summary>
internal static class EndpointServicesApi
{
    public static IEndpointRouteBuilder MapEndpointServicesApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/v1/{projectId}/vpc-endpoint-services").AddEndpointFilter<ProjectIdFilter>();
        group.MapGet("/describe", Describe).WithName(Operations.DescribeEndpointService);
        group.MapGet("/public", ListPublic).WithName(Operations.ListPublicEndpointServices);
        group.MapPost("/{serviceId}/connections/action", ActAsync).WithName(Operations.ActOnConnections);
        return routes;
    }

    private static JsonHttpResult<EndpointServiceBasicBody> Describe(HttpRequest request, Catalog catalog)
    {
        string? id = request.Query["id"].FirstOrDefault();
        string? name = request.Query["endpoint_service_name"].FirstOrDefault();
        if (string.IsNullOrEmpty(id) == string.IsNullOrEmpty(name))
        {
            throw Errors.ParameterError("give exactly one of id and endpoint_service_name.");
        }

        ServiceFixture service = (id is { Length: > 0 } ? catalog.FindService(id) : catalog.FindServiceByName(name!))
            ?? throw Errors.ServiceNotFound(id ?? name!);
        var body = new EndpointServiceBasicBody(service.Id, service.ServiceName, service.ServiceType, service.CreatedAt, service.IsCharge, service.EnablePolicy);
        return TypedResults.Json(body, EmulatorJsonContext.Default.EndpointServiceBasicBody);
    }

    private static JsonHttpResult<PublicEndpointServiceListBody> ListPublic(HttpRequest request, Catalog catalog)
    {
        if (!RequestBody.TryParseNonNegative(request.Query["limit"].FirstOrDefault(), out int? limit) || limit > 1000)
        {
            throw Errors.InvalidLimit();
        }

        if (!RequestBody.TryParseNonNegative(request.Query["offset"].FirstOrDefault(), out int? offset))
        {
            throw Errors.InvalidOffset();
        }

        string? name = request.Query["endpoint_service_name"].FirstOrDefault();
        List<ServiceFixture> matches = [.. catalog.Services
            .Where(s => s.IsPublic && (string.IsNullOrEmpty(name) || s.ServiceName.Contains(name, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.ServiceName, StringComparer.Ordinal)];
        List<PublicEndpointServiceBody> page = [.. matches.Skip(offset ?? 0).Take(limit ?? 10)
            .Select(s => new PublicEndpointServiceBody(s.Id, s.Owner, s.ServiceName, s.ServiceType, s.CreatedAt, s.IsCharge, s.EnablePolicy))];
        return TypedResults.Json(new PublicEndpointServiceListBody(page, matches.Count), EmulatorJsonContext.Default.PublicEndpointServiceListBody);
    }

    private static async Task<IResult> ActAsync(string serviceId, HttpContext context, Catalog catalog, EndpointRegistry registry)
    {
        ConnectionActionRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.ConnectionActionRequest);
        bool accept = request.Action switch
        {
            "receive" => true,
            "reject" => false,
            _ => throw Errors.ParameterError("action must be receive or reject."),
        };
        if (request.Endpoints is not { Count: > 0 } endpoints)
        {
            throw Errors.ParameterError("endpoints must name one VPC endpoint.");
        }

        if (endpoints.Count > 1)
        {
            throw Errors.OnlyOneEndpoint();
        }

        _ = catalog.FindService(serviceId) ?? throw Errors.ServiceNotFound(serviceId);
        EndpointRecordView decided = registry.Decide(serviceId, endpoints[0], accept);
        EndpointBody e = decided.Endpoint;
        var body = new ConnectionListBody([new ConnectionBody(e.Id, e.MarkerId, e.Status, e.CreatedAt, e.UpdatedAt ?? e.UpdateAt ?? e.CreatedAt, decided.ProjectId)]);
        return TypedResults.Json(body, EmulatorJsonContext.Default.ConnectionListBody);
    }
}
