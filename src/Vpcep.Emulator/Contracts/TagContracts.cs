namespace Vpcep.Emulator.Contracts;

/// <summary>Body of <c>POST /v1/{project_id}/endpoint/{id}/tags/action</c>.</summary>
public sealed class TagActionRequest
{
    public string? Action { get; init; }
    public IReadOnlyList<ResourceTagBody>? Tags { get; init; }
}

/// <summary>A tag filter of the find-by-tags call: one key, any of the values (none: any value).</summary>
public sealed class TagFilterBody
{
    public string? Key { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>Body of <c>POST /v1/{project_id}/endpoint/resource_instances/action</c>; limit and offset are strings on the wire.</summary>
public sealed class ResourceInstancesRequest
{
    public string? Action { get; init; }
    public IReadOnlyList<TagFilterBody>? Tags { get; init; }
    public string? Limit { get; init; }
    public string? Offset { get; init; }
}

/// <summary>One resource of the find-by-tags answer.</summary>
public sealed record ResourceInstanceBody(string ResourceId, string ResourceName, IReadOnlyList<ResourceTagBody> Tags);

/// <summary>The find-by-tags answer; <c>resources</c> is left out for <c>count</c>.</summary>
public sealed record ResourceInstancesBody(IReadOnlyList<ResourceInstanceBody>? Resources, int TotalCount);
