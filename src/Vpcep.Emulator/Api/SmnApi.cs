using System.Text;
using System.Text.Json;
using Vpcep.Emulator.Contracts;
using Vpcep.Emulator.Hosting;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Api;

/// <summary>
/// SMN publish, <c>POST /v2/{project_id}/notifications/topics/{topic_urn}/publish</c>: checked as the SMN API
/// reference ("Publishing a Message", "Error Codes") describes it, recorded, never delivered.
/// </summary>
/// <remarks>
/// The topic exists when its URN is <c>urn:smn:{region}:{project_id}:{name}</c> (the SMN user guide, "Concepts":
/// service name, region, project id and topic name) with the path's project and a name the fixtures list
/// (<see cref="FixtureSet.SmnTopics"/>). Limits: subject at most 512 bytes, message at most 256 KB of UTF-8
/// (API reference and SDK models <c>PublishMessageRequestBody</c>; the product's "Notes and Constraints" table says
/// the same). Of the three message formats <c>message_structure</c> wins over <c>message_template_name</c>, which
/// wins over <c>message</c>. The emulator has no message templates; <c>time_to_live</c> is recorded, not checked.
/// </remarks>
internal static class SmnApi
{
    /// <summary>The longest subject, in UTF-8 bytes.</summary>
    public const int MaxSubjectBytes = 512;

    /// <summary>The longest message, in UTF-8 bytes (256 KB read as KiB).</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>The longest topic name (SMN FAQ "What Are the Requirements for an SMN Topic Name?": up to 255 characters).</summary>
    public const int MaxTopicNameLength = 255;

    public static IEndpointRouteBuilder MapSmnApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v2/{projectId}/notifications/topics/{topicUrn}/publish", PublishAsync)
            .AddEndpointFilter<ProjectIdFilter>()
            .WithName(Operations.PublishSmnMessage);
        return routes;
    }

    private static async Task<IResult> PublishAsync(string projectId, string topicUrn, HttpContext context, Catalog catalog, SmnOutbox outbox, LifecycleClock clock)
    {
        (string project, string name) = ParseUrn(topicUrn) ?? throw Errors.SmnTopicUrnInvalid();
        if (!string.Equals(project, projectId, StringComparison.OrdinalIgnoreCase) || !catalog.HasSmnTopic(name))
        {
            throw Errors.SmnTopicNotFound();
        }

        SmnPublishRequest request = await RequestBody.ReadAsync(context, EmulatorJsonContext.Default.SmnPublishRequest);
        string message = EffectiveMessage(request);
        if (request.Subject is not null && Encoding.UTF8.GetByteCount(request.Subject) > MaxSubjectBytes)
        {
            throw Errors.SmnSubjectInvalid();
        }

        string messageId = Guid.NewGuid().ToString("N");
        outbox.Add(new SmnMessageBody(messageId, projectId, topicUrn, request.Subject, message, EndpointRecord.FormatTime(clock.Now))
        {
            TimeToLive = request.TimeToLive,
        });
        return TypedResults.Json(new SmnPublishResponse(RequestContext.GetRequestId(context), messageId), EmulatorJsonContext.Default.SmnPublishResponse);
    }

    /// <summary>The project id and topic name of <c>urn:smn:{region}:{project_id}:{name}</c>, or null when it is not one.</summary>
    private static (string Project, string Name)? ParseUrn(string urn)
    {
        string[] parts = urn.Split(':');
        if (parts is not ["urn", "smn", { Length: > 0 } region, { Length: > 0 } project, { Length: > 0 and <= MaxTopicNameLength } name]
            || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return (project, name);
    }

    /// <summary>The text subscribers get, by the reference's order of the three formats.</summary>
    private static string EffectiveMessage(SmnPublishRequest request)
    {
        if (!string.IsNullOrEmpty(request.MessageStructure))
        {
            // A JSON object with a message per protocol and a mandatory "default".
            try
            {
                using var structure = JsonDocument.Parse(request.MessageStructure);
                if (structure.RootElement.ValueKind == JsonValueKind.Object
                    && structure.RootElement.TryGetProperty("default", out JsonElement fallback) && fallback.ValueKind == JsonValueKind.String)
                {
                    return fallback.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON: invalid, as below.
            }

            throw Errors.SmnMessageStructureInvalid();
        }

        if (!string.IsNullOrEmpty(request.MessageTemplateName))
        {
            throw Errors.SmnTemplateNotFound();
        }

        if (string.IsNullOrEmpty(request.Message) || Encoding.UTF8.GetByteCount(request.Message) > MaxMessageBytes)
        {
            throw Errors.SmnMessageInvalid();
        }

        return request.Message;
    }
}
