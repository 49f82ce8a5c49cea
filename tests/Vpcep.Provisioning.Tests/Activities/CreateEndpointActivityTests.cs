using System.Net;
using Microsoft.DurableTask;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Activities;

public class CreateEndpointActivityTests
{
    private const string InstanceId = "vpcep-0123456789abcdef0123456789abcdef";
    private const string ProjectId = "6e9dfd51d1124e8d8498dce894923a0d";
    private const string VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4";
    private const string SubnetId = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de";
    private const string ServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a";
    private static readonly DateTimeOffset NotBefore = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProjectScope Scope = new(ProjectId, "cn-north-4");

    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly ICreateAttempts attempts = Substitute.For<ICreateAttempts>();
    private readonly TaskActivityContext context = Substitute.For<TaskActivityContext>();
    private readonly CreateEndpointActivity activity;

    public CreateEndpointActivityTests()
    {
        // Unless a test says otherwise, this run may follow an earlier one: it looks first.
        attempts.MayHaveRunBeforeAsync(default!, default).ReturnsForAnyArgs(true);
        activity = new CreateEndpointActivity(vpcep, Microsoft.Extensions.Options.Options.Create(new ValidationOptions()), new CreateThrottle(Microsoft.Extensions.Options.Options.Create(new ProvisioningOptions())), attempts);
        GivenEndpoints();
        vpcep.CreateEndpointAsync(default!, default!, default)
            .ReturnsForAnyArgs(call => Existing(call.ArgAt<CreateEndpointRequest?>(1)?.Tags, "2026-03-01T12:00:03Z") with { Id = "new-endpoint" });
    }

    private static CreateEndpointInput Input(IReadOnlyList<ResourceTag>? tags = null, string? portIp = null) => new(
        new ProvisioningRequest
        {
            ProjectId = ProjectId,
            Region = "cn-north-4",
            Endpoint = new CreateEndpointRequest { EndpointServiceId = ServiceId, VpcId = VpcId, SubnetId = SubnetId, PortIp = portIp, Tags = tags },
        },
        InstanceId,
        NotBefore);

    private static ResourceTag[] Tags(int count) => [.. Enumerable.Range(1, count).Select(i => new ResourceTag($"key{i}", $"value{i}"))];

    private static VpcEndpoint Existing(IReadOnlyList<ResourceTag>? tags, string createdAt, string? ip = "10.0.1.10") => new()
    {
        Id = "earlier-endpoint",
        Status = EndpointStatus.Creating,
        EndpointServiceId = ServiceId,
        VpcId = VpcId,
        SubnetId = SubnetId,
        Ip = ip,
        Tags = tags,
        CreatedAt = createdAt,
    };

    private static VpcEndpoint Stranger(int i) => new()
    {
        Id = $"stranger-{i}",
        Status = EndpointStatus.Accepted,
        EndpointServiceId = ServiceId,
        VpcId = VpcId,
        SubnetId = SubnetId,
        Tags = [new ResourceTag(CreateEndpointActivity.RequestTagKey, $"vpcep-{i:x32}")],
        CreatedAt = "2026-03-01T11:00:00Z",
    };

    /// <summary>The cloud holds these endpoints: listings return them, the tag filter finds them by exact tag, a GET reads each.</summary>
    private void GivenEndpoints(params VpcEndpoint[] endpoints)
    {
        vpcep.ListEndpointsAsync(default!).ReturnsForAnyArgs(new EndpointList(endpoints, endpoints.Length));
        vpcep.FindEndpointsByTagsAsync(default!, default!).ReturnsForAnyArgs(call =>
        {
            // Null while NSubstitute re-arranges this call in a later GivenEndpoints.
            TagFilter? filter = call.ArgAt<IReadOnlyList<TagFilter>?>(1)?.Single();
            TaggedResource[] hits = [.. endpoints
                .Where(e => filter is not null && e.Tags?.Any(t => t.Key == filter.Key && filter.Values.Contains(t.Value)) == true)
                .Select(e => new TaggedResource(e.Id, null, e.Tags))];
            return new TaggedResourceList(hits, hits.Length);
        });
        foreach (VpcEndpoint endpoint in endpoints)
        {
            vpcep.GetEndpointAsync(Arg.Any<ProjectScope>(), endpoint.Id, Arg.Any<CancellationToken>()).Returns(endpoint);
        }
    }

    private CreateEndpointRequest SentBody() =>
        (CreateEndpointRequest)vpcep.ReceivedCalls().Single(c => c.GetMethodInfo().Name == nameof(VpcepClient.CreateEndpointAsync)).GetArguments()[1]!;

    private static HuaweiCloudException CloudError(HttpStatusCode status, string? code) =>
        new(status, code, "The cloud said no.", "req-7");

    [Fact]
    public async Task A_new_request_is_created_in_its_project_and_region_with_the_request_tag_added()
    {
        CreateEndpointResult result = await activity.RunAsync(context, Input([new ResourceTag("team", "orders")]));

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
        Assert.Null(result.Error);
        await vpcep.Received(1).CreateEndpointAsync(Scope, Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
        Assert.Equal([new ResourceTag("team", "orders"), new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId)], SentBody().Tags);
        Assert.Equal(SubnetId, SentBody().SubnetId);
    }

    [Fact]
    public async Task A_request_without_tags_gets_only_the_request_tag()
    {
        await activity.RunAsync(context, Input(tags: null));

        Assert.Equal([new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId)], SentBody().Tags);
    }

    [Fact]
    public async Task A_request_that_uses_every_tag_is_created_without_the_request_tag()
    {
        ResourceTag[] tags = Tags(10);

        await activity.RunAsync(context, Input(tags));

        Assert.Equal(tags, SentBody().Tags);
    }

    [Fact]
    public async Task A_higher_configured_tag_limit_leaves_room_for_the_request_tag()
    {
        var roomy = new CreateEndpointActivity(vpcep, Microsoft.Extensions.Options.Options.Create(new ValidationOptions { MaxTags = 20 }), new CreateThrottle(Microsoft.Extensions.Options.Options.Create(new ProvisioningOptions())), attempts);

        await roomy.RunAsync(context, Input(Tags(10)));

        Assert.Equal(11, SentBody().Tags?.Count);
    }

    [Fact]
    public async Task The_earlier_attempts_endpoint_carrying_this_instances_tag_is_adopted_instead_of_creating_another()
    {
        var tags = new[] { new ResourceTag("team", "orders"), new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId) };
        GivenEndpoints(Stranger(1), Existing(tags, "2026-03-01T12:00:02Z"), Stranger(2));

        CreateEndpointResult result = await activity.RunAsync(context, Input([new ResourceTag("team", "orders")]));

        Assert.Equal("earlier-endpoint", result.Endpoint?.Id);
        Assert.Equal(EndpointStatus.Creating, result.Endpoint?.Status);
        await vpcep.DidNotReceiveWithAnyArgs().CreateEndpointAsync(default!, default!, default);
        await vpcep.Received(1).FindEndpointsByTagsAsync(
            Scope, Arg.Is<IReadOnlyList<TagFilter>>(f => f.Single().Key == CreateEndpointActivity.RequestTagKey && f.Single().Values.Single() == InstanceId),
            Arg.Any<int?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_first_run_records_its_attempt_and_creates_without_any_look_up()
    {
        attempts.MayHaveRunBeforeAsync(default!, default).ReturnsForAnyArgs(false);
        GivenEndpoints(Existing([new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId)], "2026-03-01T12:00:02Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
        await attempts.Received(1).MayHaveRunBeforeAsync(InstanceId, Arg.Any<CancellationToken>());
        await vpcep.DidNotReceiveWithAnyArgs().FindEndpointsByTagsAsync(default!, default!);
        await vpcep.DidNotReceiveWithAnyArgs().ListEndpointsAsync(default!);
        Assert.Single(vpcep.ReceivedCalls());
    }

    [Fact]
    public async Task A_run_that_may_follow_an_earlier_one_adopts_the_earlier_runs_endpoint()
    {
        GivenEndpoints(Existing([new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId)], "2026-03-01T12:00:02Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("earlier-endpoint", result.Endpoint?.Id);
        await vpcep.DidNotReceiveWithAnyArgs().CreateEndpointAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_tagged_request_is_looked_up_with_the_tag_filter_and_never_by_listing_the_vpc()
    {
        GivenEndpoints([.. Enumerable.Range(0, 3000).Select(Stranger)]);

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
        await vpcep.DidNotReceiveWithAnyArgs().ListEndpointsAsync(default!, (EndpointQuery)default!);
        await vpcep.DidNotReceiveWithAnyArgs().ListEndpointsAsync(default!);
        await vpcep.ReceivedWithAnyArgs(1).FindEndpointsByTagsAsync(default!, default!);
    }

    [Fact]
    public async Task A_tag_filter_hit_whose_tag_value_differs_is_not_adopted()
    {
        var ours = Existing([new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId + "-other")], "2026-03-01T12:00:02Z");
        vpcep.FindEndpointsByTagsAsync(default!, default!).ReturnsForAnyArgs(new TaggedResourceList([new TaggedResource(ours.Id, null, ours.Tags)], 1));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
    }

    [Fact]
    public async Task A_tagged_endpoint_deleted_before_it_is_read_is_not_adopted()
    {
        var ours = Existing([new ResourceTag(CreateEndpointActivity.RequestTagKey, InstanceId)], "2026-03-01T12:00:02Z");
        GivenEndpoints(ours);
        vpcep.GetEndpointAsync(Arg.Any<ProjectScope>(), ours.Id, Arg.Any<CancellationToken>())
            .ThrowsAsync(new HuaweiCloudException(HttpStatusCode.NotFound, "EndPoint.0005", "gone", "req-1"));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
    }

    [Fact]
    public async Task An_endpoint_tagged_for_another_instance_is_not_adopted()
    {
        GivenEndpoints(Stranger(1), Stranger(2));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
        await vpcep.Received(1).CreateEndpointAsync(Arg.Any<ProjectScope>(), Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task With_a_tag_a_field_match_without_the_tag_is_not_adopted()
    {
        GivenEndpoints(Existing([new ResourceTag(CreateEndpointActivity.RequestTagKey, "vpcep-ffffffffffffffffffffffffffffffff")], "2026-03-01T12:00:02Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
    }

    [Fact]
    public async Task Without_room_for_the_tag_the_search_pages_through_every_endpoint_of_the_vpc()
    {
        VpcEndpoint[] firstPage = [.. Enumerable.Range(0, 1000).Select(Stranger)];
        VpcEndpoint ours = Existing(Tags(10), "2026-03-01T12:00:02Z");
        vpcep.ListEndpointsAsync(Scope, VpcId, null, 1000, 0, Arg.Any<CancellationToken>()).Returns(new EndpointList(firstPage, 1001));
        vpcep.ListEndpointsAsync(Scope, VpcId, null, 1000, 1000, Arg.Any<CancellationToken>()).Returns(new EndpointList([ours], 1001));

        CreateEndpointResult result = await activity.RunAsync(context, Input(Tags(10)));

        Assert.Equal("earlier-endpoint", result.Endpoint?.Id);
        await vpcep.DidNotReceiveWithAnyArgs().CreateEndpointAsync(default!, default!, default);
    }

    [Fact]
    public async Task Without_room_for_the_tag_the_search_stops_after_the_last_page()
    {
        VpcEndpoint[] firstPage = [.. Enumerable.Range(0, 1000).Select(Stranger)];
        vpcep.ListEndpointsAsync(Scope, VpcId, null, 1000, 0, Arg.Any<CancellationToken>()).Returns(new EndpointList(firstPage, 1000));

        CreateEndpointResult result = await activity.RunAsync(context, Input(Tags(10)));

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
        await vpcep.Received(1).ListEndpointsAsync(Arg.Any<ProjectScope>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<int>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Without_room_for_the_tag_an_endpoint_matching_every_field_created_since_the_start_is_adopted()
    {
        ResourceTag[] tags = Tags(10);
        GivenEndpoints(Existing(tags, "2026-03-01T12:00:01Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input(tags, portIp: "10.0.1.10"));

        Assert.Equal("earlier-endpoint", result.Endpoint?.Id);
        await vpcep.DidNotReceiveWithAnyArgs().CreateEndpointAsync(default!, default!, default);
    }

    [Fact]
    public async Task Without_room_for_the_tag_tags_in_another_order_still_match()
    {
        ResourceTag[] tags = Tags(10);
        GivenEndpoints(Existing([.. tags.Reverse()], "2026-03-01T12:00:01Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input(tags));

        Assert.Equal("earlier-endpoint", result.Endpoint?.Id);
    }

    [Fact]
    public async Task Without_room_for_the_tag_an_endpoint_created_before_the_start_is_not_adopted()
    {
        ResourceTag[] tags = Tags(10);
        GivenEndpoints(Existing(tags, "2026-03-01T11:59:58Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input(tags));

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
        await vpcep.Received(1).CreateEndpointAsync(Arg.Any<ProjectScope>(), Arg.Any<CreateEndpointRequest>(), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00Z")]
    [InlineData("2026-03-01T12:00:00.174")]
    [InlineData("2026-03-01T20:00:05+08:00")]
    public async Task Without_room_for_the_tag_creation_times_truncated_to_the_second_or_in_other_notations_still_match(string createdAt)
    {
        ResourceTag[] tags = Tags(10);
        GivenEndpoints(Existing(tags, createdAt));
        CreateEndpointInput input = Input(tags) with { NotBefore = NotBefore.AddMilliseconds(900) };

        CreateEndpointResult result = await activity.RunAsync(context, input);

        Assert.Equal("earlier-endpoint", result.Endpoint?.Id);
    }

    [Theory]
    [InlineData("different-subnet", null, null)]
    [InlineData(null, "10.0.1.99", null)]
    [InlineData(null, null, "not a time")]
    public async Task Without_room_for_the_tag_an_endpoint_that_differs_is_not_adopted(string? subnet, string? ip, string? createdAt)
    {
        ResourceTag[] tags = Tags(10);
        GivenEndpoints(Existing(tags, createdAt ?? "2026-03-01T12:00:01Z", ip ?? "10.0.1.10") with { SubnetId = subnet ?? SubnetId });

        CreateEndpointResult result = await activity.RunAsync(context, Input(tags, portIp: "10.0.1.10"));

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
    }

    [Fact]
    public async Task Without_room_for_the_tag_an_endpoint_with_other_tags_is_not_adopted()
    {
        GivenEndpoints(Existing([.. Tags(9), new ResourceTag("key10", "other")], "2026-03-01T12:00:01Z"));

        CreateEndpointResult result = await activity.RunAsync(context, Input(Tags(10)));

        Assert.Equal("new-endpoint", result.Endpoint?.Id);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0002")]
    [InlineData(HttpStatusCode.NotFound, "EndPoint.0005")]
    [InlineData(HttpStatusCode.Conflict, "EndPoint.2038")]
    public async Task A_client_error_from_create_becomes_a_result_with_the_clouds_error(HttpStatusCode status, string code)
    {
        vpcep.CreateEndpointAsync(default!, default!, default).ThrowsAsyncForAnyArgs(CloudError(status, code));

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Null(result.Endpoint);
        Assert.Equal(new ProvisioningError(code, "The cloud said no.", (int)status, "req-7"), result.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022")]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308")]
    [InlineData(HttpStatusCode.TooManyRequests, null)]
    [InlineData(HttpStatusCode.InternalServerError, "EndPoint.0001")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.2004")] // "service unavailable, try again later" in the VPCEP error table
    public async Task Throttling_server_errors_and_try_later_answers_from_create_are_thrown_as_a_busy_cloud(HttpStatusCode status, string? code)
    {
        HuaweiCloudException error = CloudError(status, code);
        vpcep.CreateEndpointAsync(default!, default!, default).ThrowsAsyncForAnyArgs(error);

        CloudBusyException thrown = await Assert.ThrowsAsync<CloudBusyException>(() => activity.RunAsync(context, Input()));

        Assert.Same(error, thrown.InnerException);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301")]
    [InlineData(HttpStatusCode.Forbidden, "APIG.0302")]
    public async Task Authentication_errors_from_create_are_rethrown_for_retry(HttpStatusCode status, string? code)
    {
        HuaweiCloudException error = CloudError(status, code);
        vpcep.CreateEndpointAsync(default!, default!, default).ThrowsAsyncForAnyArgs(error);

        HuaweiCloudException thrown = await Assert.ThrowsAsync<HuaweiCloudException>(() => activity.RunAsync(context, Input()));

        Assert.Same(error, thrown);
    }

    [Fact]
    public async Task A_failing_search_for_an_earlier_attempt_is_rethrown_and_nothing_is_created()
    {
        vpcep.FindEndpointsByTagsAsync(default!, default!).ThrowsAsyncForAnyArgs(CloudError(HttpStatusCode.ServiceUnavailable, null));

        await Assert.ThrowsAsync<CloudBusyException>(() => activity.RunAsync(context, Input()));

        await vpcep.DidNotReceiveWithAnyArgs().CreateEndpointAsync(default!, default!, default);
    }

    [Theory]
    [InlineData("""{"id":"4189d3c2-8882-4871-a3c2-d380272eed83","status":"creating","marker_id":{"odd":true},"tags":"not-a-list"}""", "creating")]
    [InlineData("""{"id":"4189d3c2-8882-4871-a3c2-d380272eed83","service_type":"interface","status":"pendingAcceptance","endpoint_servi""", "pendingAcceptance")]
    [InlineData("""{"endpoint_service_id":"e0c748b7-d982-47df-ba06-b9c8c7650c1a","enable_status":"enable","id":"4189d3c2-8882-4871-a3c2-d380272eed83","vpc_id":""", "creating")]
    public async Task An_unreadable_create_answer_still_names_the_endpoint_it_created(string body, string status)
    {
        vpcep.CreateEndpointAsync(default!, default!, default).ThrowsAsyncForAnyArgs(
            new HuaweiCloudException(HttpStatusCode.OK, null, "The service answered a body that is not the expected JSON.", "req-1") { ResponseBody = body });

        CreateEndpointResult result = await activity.RunAsync(context, Input());

        Assert.Null(result.Error);
        Assert.Equal("4189d3c2-8882-4871-a3c2-d380272eed83", result.Endpoint?.Id);
        Assert.Equal(status, result.Endpoint?.Status);
        await vpcep.ReceivedWithAnyArgs(1).CreateEndpointAsync(default!, default!, default);
    }

    [Fact]
    public async Task An_unreadable_create_answer_without_an_id_is_rethrown_so_the_next_attempt_adopts_by_tag()
    {
        var unreadable = new HuaweiCloudException(HttpStatusCode.OK, null, "Not the expected JSON.", null) { ResponseBody = "<html>gateway</html>" };
        vpcep.CreateEndpointAsync(default!, default!, default).ThrowsAsyncForAnyArgs(unreadable);

        HuaweiCloudException thrown = await Assert.ThrowsAsync<HuaweiCloudException>(() => activity.RunAsync(context, Input()));

        Assert.Same(unreadable, thrown);
    }
}
