using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vpcep.Api.Contracts;

namespace Vpcep.Api;

/// <summary>
/// Liveness and readiness, on ASP.NET Core health checks. <c>GET /healthz</c> (liveness) runs the checks tagged
/// <see cref="LiveTag"/>, none of which touches a dependency: it answers 200 while the process serves HTTP, so a
/// storage outage never gets a healthy process restarted. <c>GET /readyz</c> (readiness) runs the checks tagged
/// <see cref="ReadyTag"/> (the task hub's storage) and answers 503 while any is unhealthy, so a load balancer or
/// orchestrator sends no traffic to a host that could not record it. Neither needs a key.
/// </summary>
/// <remarks>
/// The split follows ASP.NET Core's "Health checks in ASP.NET Core" (filter health checks by tag, separate readiness
/// and liveness probes, https://learn.microsoft.com/aspnet/core/host-and-deploy/health-checks); the status codes are its
/// defaults (Healthy and Degraded 200, Unhealthy 503).
/// </remarks>
public static class HealthApi
{
    /// <summary>The liveness route.</summary>
    public const string LivenessRoute = "/healthz";

    /// <summary>The readiness route.</summary>
    public const string ReadinessRoute = "/readyz";

    /// <summary>The tag of liveness checks.</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of readiness checks.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The name of the readiness check of the task hub's storage.</summary>
    public const string TaskHubStorageCheck = "task_hub_storage";

    /// <summary>Maps <c>/healthz</c> and <c>/readyz</c> on the health checks the host registered.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(LivenessRoute, (HealthCheckService health, HttpContext context, CancellationToken cancellationToken) => CheckAsync(health, LiveTag, context, cancellationToken))
            .WithTags("health")
            .WithName("Liveness")
            .WithSummary("Liveness: 200 while the process serves HTTP")
            .Produces<HealthAnswer>(StatusCodes.Status200OK)
            .Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet(ReadinessRoute, (HealthCheckService health, HttpContext context, CancellationToken cancellationToken) => CheckAsync(health, ReadyTag, context, cancellationToken))
            .WithTags("health")
            .WithName("Readiness")
            .WithSummary("Readiness: 200 while the task hub's storage answers, else 503")
            .Produces<HealthAnswer>(StatusCodes.Status200OK)
            .Produces<HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Runs the checks tagged <paramref name="tag"/> and answers their report.</summary>
    public static async Task<JsonHttpResult<HealthAnswer>> CheckAsync(HealthCheckService health, string tag, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        HealthReport report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), cancellationToken);
        return Answer(report, context);
    }

    /// <summary>A report as an answer: 200 when healthy or degraded, 503 when unhealthy; never cached (as the health checks middleware does).</summary>
    public static JsonHttpResult<HealthAnswer> Answer(HealthReport report, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        var answer = new HealthAnswer(
            Name(report.Status),
            [.. report.Entries.Select(e => new HealthCheckAnswer(e.Key, Name(e.Value.Status), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1)))]);
        return TypedResults.Json(
            answer,
            ApiJsonContext.Default.HealthAnswer,
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static string Name(HealthStatus status) => status.ToString().ToLower(CultureInfo.InvariantCulture);
}
