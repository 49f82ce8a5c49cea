using Microsoft.AspNetCore.Http.HttpResults;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary><c>GET /v1/{project_id}/quotas?type=endpoint</c>.</summary>
internal static class QuotasApi
{
    public static IEndpointRouteBuilder MapQuotasApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/{projectId}/quotas", List).AddEndpointFilter<ProjectIdFilter>().WithName(Operations.ListQuotas);
        return routes;
    }

    private static JsonHttpResult<QuotasBody> List(string projectId, HttpRequest request, Catalog catalog, EndpointRegistry registry)
    {
        // The emulator tracks endpoint quotas only; type may be left out or be "endpoint".
        string? type = request.Query["type"].FirstOrDefault();
        if (type is not null and not "endpoint")
        {
            throw Errors.ParameterError("type must be endpoint.");
        }

        var resource = new QuotaResourceBody("endpoint", registry.CountInProject(projectId), catalog.QuotaFor(projectId));
        return TypedResults.Json(new QuotasBody(new QuotaSetBody([resource])), EmulatorJsonContext.Default.QuotasBody);
    }
}
