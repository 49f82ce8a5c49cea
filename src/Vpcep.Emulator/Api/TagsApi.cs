using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>Tag operations: <c>/v1/{project_id}/endpoint/...</c> (note the singular resource name of the real API).</summary>
internal static class TagsApi
{
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/v1/{projectId}/endpoint").AddEndpointFilter<ProjectIdFilter>();

        // Mapped before "{endpointId}/tags/action" would not matter (different shapes), but kept first for readers.
        group.MapPost("/resource_instances/action", FindAsync).WithName(Operations.FindEndpointsByTags);
        group.MapPost("/{endpointId}/tags/action", TagAsync).WithName(Operations.TagEndpoint);
        return routes;
    }

    private static async Task<IResult> TagAsync(string projectId, string endpointId, HttpContext context, EndpointRegistry registry, EndpointRules rules)
    {
        TagActionRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.TagActionRequest);
        if (request.Tags is not { Count: > 0 } tags)
        {
            throw Errors.TagEmpty();
        }

        switch (request.Action)
        {
            case "create":
                registry.Modify(projectId, endpointId, record =>
                {
                    // New keys count against the limit; existing keys are overwritten.
                    IReadOnlyList<KeyValuePair<string, string>> valid =
                        rules.Tags(tags, record.Tags.Count(t => !tags.Any(n => n.Key == t.Key)));
                    record.Tags.RemoveAll(t => valid.Any(v => v.Key == t.Key));
                    record.Tags.AddRange(valid);
                });
                break;
            case "delete":
                registry.Modify(projectId, endpointId, record =>
                    record.Tags.RemoveAll(t => tags.Any(d => d.Key == t.Key && (d.Value is null || d.Value == t.Value))));
                break;
            default:
                throw Errors.ParameterError("action must be create or delete.");
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> FindAsync(string projectId, HttpContext context, EndpointRegistry registry)
    {
        ResourceInstancesRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.ResourceInstancesRequest);
        bool count = request.Action switch
        {
            "filter" => false,
            "count" => true,
            _ => throw Errors.ParameterError("action must be filter or count."),
        };

        // limit and offset are strings on the wire.
        if (!RequestBody.TryParseNonNegative(request.Limit, out int? limit) || limit is 0 or > 1000)
        {
            throw Errors.InvalidLimit();
        }

        if (!RequestBody.TryParseNonNegative(request.Offset, out int? offset))
        {
            throw Errors.InvalidOffset();
        }

        IReadOnlyList<TagFilterBody> filters = request.Tags ?? [];
        List<EndpointBody> matches = [.. registry.InProject(projectId).Where(e => filters.All(f =>
            e.Tags.Any(t => t.Key == f.Key && (f.Values is not { Count: > 0 } values || values.Contains(t.Value ?? "")))))];
        IReadOnlyList<ResourceInstanceBody>? resources = count
            ? null
            : [.. matches.Skip(offset ?? 0).Take(limit ?? 1000).Select(e => new ResourceInstanceBody(e.Id, e.EndpointServiceName, e.Tags))];
        return TypedResults.Json(new ResourceInstancesBody(resources, matches.Count), EmulatorJsonContext.Default.ResourceInstancesBody);
    }
}
