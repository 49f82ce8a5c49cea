using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Telemetry;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Activities;

/// <summary>The create activity's input.</summary>
/// <param name="Request">The request.</param>
/// <param name="InstanceId">The orchestration instance: the marker that finds an endpoint an earlier attempt created.</param>
/// <param name="NotBefore">When the orchestration started; no endpoint older than this can be its own.</param>
public sealed record CreateEndpointInput(ProvisioningRequest Request, string InstanceId, DateTimeOffset NotBefore);

/// <summary>The endpoint, or the cloud's verdict that it cannot be created.</summary>
/// <param name="Endpoint">The endpoint created (or adopted from an earlier attempt).</param>
/// <param name="Error">The cloud's verdict when it cannot be created.</param>
/// <param name="RequestId">Huawei's request id of the create answer; absent for an adopted endpoint.</param>
public sealed record CreateEndpointResult(EndpointSnapshot? Endpoint, ProvisioningError? Error, string? RequestId = null);

/// <summary>
/// Creates the endpoint, exactly once per request even though activities run at least once.
/// Huawei's create has no client token, so before creating, a run that may follow an earlier one (see
/// <see cref="ICreateAttempts"/>) looks for an endpoint that an earlier attempt of this same request created
/// (a worker crash after the call, or a create whose response was lost) and adopts it. The request is marked with a tag carrying the instance id while
/// the tag limit leaves room; a request that uses every tag is matched on its service, subnet, port IP,
/// tags and creation time instead.
/// </summary>
public sealed partial class CreateEndpointActivity(
    VpcepClient vpcep, IOptions<ValidationOptions> validation, CreateThrottle throttle, ICreateAttempts attempts, ILogger<CreateEndpointActivity>? logger = null)
    : TaskActivity<CreateEndpointInput, CreateEndpointResult>
{
    /// <summary>The tag key that marks an endpoint with the request that created it.</summary>
    public const string RequestTagKey = "provisioning-request-id";

    /// <inheritdoc/>
    public override async Task<CreateEndpointResult> RunAsync(TaskActivityContext context, CreateEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ProvisioningRequest request = input.Request;
        using IDisposable? logScope = logger.BeginActivityScope(input.InstanceId, request.ProjectId);
        var scope = new ProjectScope(request.ProjectId, request.Region);
        CreateEndpointRequest body = WithRequestTag(request.Endpoint, input.InstanceId, validation.Value.MaxTags);

        // Only a run that may follow an earlier one (a retry, or a redelivery after a worker died) looks first.
        if (await attempts.MayHaveRunBeforeAsync(input.InstanceId, CancellationToken.None))
        {
            VpcEndpoint? existing = await CloudBusyException.WhenBusyAsync(() => FindEarlierAttemptAsync(vpcep, scope, body, input));
            if (existing is not null)
            {
                return new CreateEndpointResult(EndpointSnapshot.From(existing), null);
            }
        }

        try
        {
            VpcEndpoint created = await CloudBusyException.WhenBusyAsync(
                () => throttle.RunAsync(request.ProjectId, () => vpcep.CreateEndpointAsync(scope, body)));
            return new CreateEndpointResult(EndpointSnapshot.From(created), null, created.RequestId);
        }
        catch (HuaweiCloudException ex) when (IsVerdict(ex))
        {
            return new CreateEndpointResult(null, new ProvisioningError(ex.ErrorCode, ex.ErrorMessage ?? ex.Message, (int)ex.Status, ex.RequestId));
        }
        catch (HuaweiCloudException ex) when (ex.IsUnreadableSuccess && CreatedEndpointOf(ex.ResponseBody) is { } recovered)
        {
            // The endpoint exists although its answer could not be read: report it by the id in the raw body;
            // polling reads the rest. Without an id, the exception propagates and the next attempt adopts the
            // endpoint by its request tag instead.
            return new CreateEndpointResult(recovered, null);
        }
    }

    /// <summary>
    /// The endpoint named by a create answer that did not parse: its <c>id</c> (and <c>status</c> when
    /// readable), from the JSON when the document is whole, else from the text of a truncated one.
    /// </summary>
    internal static EndpointSnapshot? CreatedEndpointOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out JsonElement id)
                && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString()))
            {
                string? status = root.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                return new EndpointSnapshot { Id = id.GetString()!, Status = status ?? EndpointStatus.Creating };
            }

            return null;
        }
        catch (JsonException)
        {
            // A truncated document: an endpoint's only "id" key is its own (every other id is "*_id").
            Match id = IdInText().Match(body);
            if (!id.Success)
            {
                return null;
            }

            Match status = StatusInText().Match(body);
            return new EndpointSnapshot { Id = id.Groups[1].Value, Status = status.Success ? status.Groups[1].Value : EndpointStatus.Creating };
        }
    }

    [GeneratedRegex("\"id\"\\s*:\\s*\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"", RegexOptions.CultureInvariant)]
    private static partial Regex IdInText();

    [GeneratedRegex("\"status\"\\s*:\\s*\"([A-Za-z]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex StatusInText();

    /// <summary>Adds the request tag when the tag limit leaves room for it.</summary>
    internal static CreateEndpointRequest WithRequestTag(CreateEndpointRequest endpoint, string instanceId, int maxTags)
    {
        IReadOnlyList<ResourceTag> tags = endpoint.Tags ?? [];
        if (tags.Count >= maxTags || tags.Any(t => t.Key == RequestTagKey))
        {
            return endpoint;
        }

        return endpoint with { Tags = [.. tags, new ResourceTag(RequestTagKey, instanceId)] };
    }

    /// <summary>
    /// The endpoint an earlier attempt of this request created. A tagged request is found with the API's tag
    /// filter (<c>POST /v1/{project_id}/endpoint/resource_instances/action</c>, action <c>filter</c>), one small
    /// call whatever the size of the VPC; each hit's tags are checked for the exact pair before it is read.
    /// A request whose tags leave no room for the request tag is matched on its fields over a listing of its VPC.
    /// </summary>
    internal static async Task<VpcEndpoint?> FindEarlierAttemptAsync(VpcepClient vpcep, ProjectScope scope, CreateEndpointRequest body, CreateEndpointInput input)
    {
        bool tagged = body.Tags?.Any(t => t.Key == RequestTagKey && t.Value == input.InstanceId) == true;
        return tagged
            ? await FindByRequestTagAsync(vpcep, scope, input.InstanceId)
            : await FindByFieldsAsync(vpcep, scope, body, input.NotBefore);
    }

    private static async Task<VpcEndpoint?> FindByRequestTagAsync(VpcepClient vpcep, ProjectScope scope, string instanceId)
    {
        // Open Telekom Cloud's VPCEP API reference, "Querying Resources by Tag" (wire corpus find_by_tags/otc-reference-filter.json):
        // action filter, tags [{key, values}], limit/offset as strings, answer {resources: [{resource_id, tags}], total_count}.
        // It documents no fuzzy matching for tag values, but a tolerant reader checks the pair itself.
        TaggedResourceList found = await vpcep.FindEndpointsByTagsAsync(scope, [new TagFilter(RequestTagKey, [instanceId])], limit: 10, offset: 0);
        foreach (TaggedResource resource in found.Resources ?? [])
        {
            if (resource.Tags?.Any(t => t.Key == RequestTagKey && t.Value == instanceId) != true)
            {
                continue;
            }

            try
            {
                return await vpcep.GetEndpointAsync(scope, resource.ResourceId);
            }
            catch (HuaweiCloudException ex) when (ex.IsNotFound)
            {
                // Deleted since it was tagged: not an endpoint this request can adopt.
            }
        }

        return null;
    }

    private static async Task<VpcEndpoint?> FindByFieldsAsync(VpcepClient vpcep, ProjectScope scope, CreateEndpointRequest body, DateTimeOffset notBefore)
    {
        const int pageSize = 1000;
        for (int offset = 0; ; offset += pageSize)
        {
            EndpointList page = await vpcep.ListEndpointsAsync(scope, vpcId: body.VpcId, limit: pageSize, offset: offset);
            VpcEndpoint? match = page.Endpoints.FirstOrDefault(e => LooksLikeOurs(e, body, notBefore));
            if (match is not null)
            {
                return match;
            }

            if (page.Endpoints.Count < pageSize || offset + pageSize >= page.TotalCount)
            {
                return null;
            }
        }
    }

    private static bool LooksLikeOurs(VpcEndpoint endpoint, CreateEndpointRequest body, DateTimeOffset notBefore) =>
        endpoint.EndpointServiceId == body.EndpointServiceId
        && endpoint.SubnetId == body.SubnetId
        && (body.PortIp is null || endpoint.Ip == body.PortIp)
        && SameTags(endpoint.Tags, body.Tags)
        && endpoint.CreatedAtUtc >= notBefore.UtcDateTime.AddSeconds(-1);

    private static bool SameTags(IReadOnlyList<ResourceTag>? a, IReadOnlyList<ResourceTag>? b) =>
        (a ?? []).Select(t => (t.Key, t.Value ?? "")).ToHashSet().SetEquals((b ?? []).Select(t => (t.Key, t.Value ?? "")));

    /// <summary>A 4xx that is not transient (throttling, "try again later") or authentication is the cloud's final word on this request.</summary>
    private static bool IsVerdict(HuaweiCloudException ex) =>
        (int)ex.Status is >= 400 and < 500 && !ex.IsTransient && ex.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
}
