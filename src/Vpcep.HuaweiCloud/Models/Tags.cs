using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Models;

/// <summary>The body of <c>POST /v1/{project_id}/endpoint/{id}/tags/action</c>.</summary>
public sealed record TagActionRequest(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("tags")] IReadOnlyList<ResourceTag> Tags);

/// <summary>Values of <see cref="TagActionRequest.Action"/>.</summary>
public static class TagAction
{
    /// <summary>Adds the tags, overwriting the values of keys already present.</summary>
    public const string Create = "create";

    /// <summary>Removes the tags (a tag without a value removes the key whatever its value).</summary>
    public const string Delete = "delete";
}

/// <summary>One tag condition of a find-by-tags call: the key, with any of <see cref="Values"/> (none: any value).</summary>
public sealed record TagFilter(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("values")] IReadOnlyList<string> Values);

/// <summary>
/// The body of <c>POST /v1/{project_id}/endpoint/resource_instances/action</c>. <c>limit</c> and
/// <c>offset</c> travel as strings, as the API requires.
/// </summary>
public sealed record FindByTagsRequest
{
    /// <summary><c>filter</c> (list resources) or <c>count</c> (total only).</summary>
    [JsonPropertyName("action")] public string Action { get; init; } = "filter";

    /// <summary>The conditions; every one must hold.</summary>
    [JsonPropertyName("tags")] public IReadOnlyList<TagFilter>? Tags { get; init; }

    /// <summary>Page size as a string (for example <c>"100"</c>).</summary>
    [JsonPropertyName("limit")] public string? Limit { get; init; }

    /// <summary>How many resources to skip, as a string.</summary>
    [JsonPropertyName("offset")] public string? Offset { get; init; }
}

/// <summary>One endpoint found by tags.</summary>
public sealed record TaggedResource(
    [property: JsonPropertyName("resource_id")] string ResourceId,
    [property: JsonPropertyName("resource_name")] string? ResourceName,
    [property: JsonPropertyName("tags")] IReadOnlyList<ResourceTag>? Tags);

/// <summary>The answer of a find-by-tags call; <see cref="Resources"/> is empty for <c>count</c>.</summary>
public sealed record TaggedResourceList(
    [property: JsonPropertyName("resources")] IReadOnlyList<TaggedResource>? Resources,
    [property: JsonPropertyName("total_count")] int TotalCount);
