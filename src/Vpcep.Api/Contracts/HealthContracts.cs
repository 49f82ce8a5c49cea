using System.Text.Json.Serialization;

namespace Vpcep.Api.Contracts;

/// <summary>What <c>/healthz</c> and <c>/readyz</c> answer.</summary>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c> (then 503).</param>
/// <param name="Checks">Each check that ran.</param>
public sealed record HealthAnswer(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyList<HealthCheckAnswer> Checks);

/// <summary>One check of a <see cref="HealthAnswer"/>.</summary>
/// <param name="Name">The check, e.g. <c>task_hub_storage</c>.</param>
/// <param name="Status"><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>.</param>
/// <param name="Description">What it found.</param>
/// <param name="DurationMs">How long it took, in milliseconds.</param>
public sealed record HealthCheckAnswer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("duration_ms")] double DurationMs);
