using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Vpcep.Emulator.Api;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.Faults;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Admin;

/// <summary>
/// The emulator's own API under <c>/_emulator</c>: inspect and reset state, seed fixtures, change
/// time scale and faults, and the callback sink. No signature is needed; the emulator binds to loopback.
/// </summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder admin = routes.MapGroup("/_emulator");
        admin.MapGet("/health", () => TypedResults.Json(new HealthBody("ok"), EmulatorJsonContext.Default.HealthBody));
        admin.MapGet("/endpoints", (EndpointRegistry registry) =>
        {
            IReadOnlyList<EndpointBody> all = registry.All();
            return TypedResults.Json(new EndpointListBody(all, all.Count), EmulatorJsonContext.Default.EndpointListBody);
        });
        admin.MapGet("/endpoints/timeline", (EndpointRegistry registry) =>
            TypedResults.Json(new EndpointTimelineListBody(registry.Timeline()), EmulatorJsonContext.Default.EndpointTimelineListBody));
        admin.MapGet("/requests", (RequestCounter counter) =>
            TypedResults.Json(counter.Snapshot(), EmulatorJsonContext.Default.IReadOnlyDictionaryStringInt64));
        admin.MapGet("/throttled", (FaultInjector faults) =>
        {
            IReadOnlyDictionary<string, long> byOperation = faults.Throttled();
            return TypedResults.Json(new ThrottledBody(byOperation.Values.Sum(), byOperation), EmulatorJsonContext.Default.ThrottledBody);
        });
        admin.MapPost("/reset", Reset);
        admin.MapGet("/fixtures", (Catalog catalog) => Counts(catalog));
        admin.MapPost("/fixtures", SeedAsync);
        admin.MapGet("/time-scale", (LifecycleClock clock) => TypedResults.Json(new TimeScaleBody(clock.TimeScale), EmulatorJsonContext.Default.TimeScaleBody));
        admin.MapPut("/time-scale", SetTimeScaleAsync);
        admin.MapGet("/faults", (FaultInjector faults) => TypedResults.Json(faults.Current, EmulatorJsonContext.Default.FaultSettings));
        admin.MapPut("/faults", SetFaultsAsync);
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        admin.MapGet("/smn/messages", (SmnOutbox outbox) =>
            TypedResults.Json(new SmnMessageListBody(outbox.Snapshot()), EmulatorJsonContext.Default.SmnMessageListBody));
        admin.MapPost("/callbacks/{name}", RecordCallbackAsync);
        admin.MapGet("/callbacks/{name}", (string name, CallbackSink sink) =>
            TypedResults.Json(new CallbackListBody(sink.Get(name)), EmulatorJsonContext.Default.CallbackListBody));
        admin.MapGet("/callbacks", (CallbackSink sink) =>
            TypedResults.Json(new CallbackSinksBody(sink.All()), EmulatorJsonContext.Default.CallbackSinksBody));
        return routes;
    }

    private static NoContent Reset(
        EndpointRegistry registry, RequestCounter counter, FaultInjector faults, CallbackSink sink, SmnOutbox outbox, Catalog catalog, LifecycleClock clock)
    {
        registry.Clear();
        counter.Clear();
        faults.Clear();
        faults.ClearThrottled();
        sink.Clear();
        outbox.Clear();
        clock.Reset();
        catalog.Reload();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SeedAsync(HttpContext context, Catalog catalog)
    {
        FixtureSet fixtures = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.FixtureSet);
        catalog.Merge(fixtures);
        return Counts(catalog);
    }

    private static async Task<IResult> SetTimeScaleAsync(HttpContext context, LifecycleClock clock)
    {
        TimeScaleBody body = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.TimeScaleBody);
        if (!double.IsFinite(body.TimeScale) || body.TimeScale < 0)
        {
            throw Errors.ParameterError("time_scale must be a finite number >= 0.");
        }

        clock.TimeScale = body.TimeScale;
        return TypedResults.Json(new TimeScaleBody(clock.TimeScale), EmulatorJsonContext.Default.TimeScaleBody);
    }

    private static async Task<IResult> SetFaultsAsync(HttpContext context, FaultInjector faults)
    {
        FaultSettings settings = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.FaultSettings);
        faults.Replace(settings);
        return TypedResults.Json(faults.Current, EmulatorJsonContext.Default.FaultSettings);
    }

    private static async Task<IResult> RecordCallbackAsync(string name, HttpContext context, CallbackSink sink, LifecycleClock clock)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string raw = await reader.ReadToEndAsync(context.RequestAborted);
        JsonElement? body = null;
        try
        {
            body = raw.Length == 0 ? null : JsonSerializer.Deserialize(raw, EmulatorJsonContext.Default.JsonElement);
        }
        catch (JsonException)
        {
            // Not JSON: the raw text is still recorded.
        }

        // A receiver that fails on purpose: ?fail=N answers the first N deliveries to this sink with ?fail_status
        // (503 by default, with ?retry_after seconds when given), then 200; ?fail=always never takes one.
        IQueryCollection query = context.Request.Query;
        int earlier = sink.Get(name).Count;
        bool fails = query["fail"].ToString() is { Length: > 0 } fail
            && (fail == "always" || (int.TryParse(fail, System.Globalization.CultureInfo.InvariantCulture, out int times) && earlier < times));
        int status = fails && int.TryParse(query["fail_status"], System.Globalization.CultureInfo.InvariantCulture, out int chosen) ? chosen
            : fails ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        sink.Record(new CallbackRecordBody(name, clock.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), headers, body, raw, status));
        if (fails && query["retry_after"].ToString() is { Length: > 0 } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return TypedResults.StatusCode(status);
    }

    private static JsonHttpResult<FixtureCountsBody> Counts(Catalog catalog) =>
        TypedResults.Json(new FixtureCountsBody(catalog.ServiceCount, catalog.VpcCount, catalog.SubnetCount), EmulatorJsonContext.Default.FixtureCountsBody);
}
