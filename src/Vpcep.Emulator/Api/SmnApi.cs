using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.Hosting;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>SMN publish, <c>POST /v2/{project_id}/notifications/topics/{topic_urn}/publish</c>: recorded, never delivered.</summary>
internal static class SmnApi
{
    public static IEndpointRouteBuilder MapSmnApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/{projectId}/notifications/topics/{topicUrn}/publish", PublishAsync)
            .AddEndpointFilter<ProjectIdFilter>()
            .WithName(Operations.PublishSmnMessage);
        return routes;
    }

    private static async Task<IResult> PublishAsync(string projectId, string topicUrn, HttpContext context, SmnOutbox outbox, LifecycleClock clock)
    {
        SmnPublishRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.SmnPublishRequest);
        if (string.IsNullOrEmpty(request.Message))
        {
            throw new HuaweiApiException(400, "SMN.00010001", "The message is empty.");
        }

        string messageId = Guid.NewGuid().ToString("N");
        outbox.Add(new SmnMessageBody(messageId, projectId, topicUrn, request.Subject, request.Message, EndpointRecord.FormatTime(clock.Now)));
        return TypedResults.Json(new SmnPublishResponse(RequestContext.GetRequestId(context), messageId), EmulatorJsonContext.Default.SmnPublishResponse);
    }
}
