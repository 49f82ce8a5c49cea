using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

/// <summary>The deprovisioning routes' rules, against a substitute task hub: scoping, the 409 rule, cancel, starting again.</summary>
public class DeprovisioningApiTests
{
    private static readonly Caller Alice = new("alice", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);
    private static readonly Caller Bob = new("bob", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);
    private const string EndpointId = "4189d3c2-8882-4871-a3c2-d380272eed83";

    private readonly FakeTaskHub hub = new();
    private readonly string id = InstanceIds.For("order-1", "alice");

    private DeprovisioningServices Services
    {
        get
        {
            var notifications = Substitute.For<IOptionsMonitor<NotificationOptions>>();
            notifications.CurrentValue.Returns(new NotificationOptions());
            return new(hub.Client, hub.Options, notifications, TimeProvider.System, NullLogger<DeprovisioningServices>.Instance);
        }
    }

    private void Given(string instanceId, OrchestrationMetadata metadata) =>
        hub.Client.GetInstanceAsync(instanceId, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(metadata);

    private void GivenRequest(OrchestrationRuntimeStatus status, ProvisioningOutcome? outcome = null, ProvisioningStatus? custom = null) =>
        Given(id, new OrchestrationMetadata(ProvisionEndpointOrchestrator.Name, id)
        {
            RuntimeStatus = status,
            SerializedInput = JsonDataConverter.Default.Serialize(FakeTaskHub.InputFor(RequestDocuments.SeedExample) with { Caller = "alice" }),
            SerializedOutput = outcome is null ? null : JsonDataConverter.Default.Serialize(outcome),
            SerializedCustomStatus = custom is null ? null : JsonDataConverter.Default.Serialize(custom),
            DataConverter = JsonDataConverter.Default,
        });

    private void GivenDeprovision(OrchestrationRuntimeStatus status, string? result, int run = 1)
    {
        var input = new DeprovisionInput(id, RequestDocuments.ProjectId, null, EndpointId, null, [], WorkflowSettings.From(new()), "alice", Run: run);
        Given(InstanceIds.ForDeprovision(id), new OrchestrationMetadata(DeprovisionEndpointOrchestrator.Name, InstanceIds.ForDeprovision(id))
        {
            RuntimeStatus = status,
            SerializedInput = JsonDataConverter.Default.Serialize(input),
            SerializedOutput = result is null ? null : JsonDataConverter.Default.Serialize(new DeprovisionOutcome { InstanceId = id, Result = result, EndpointId = EndpointId }),
            DataConverter = JsonDataConverter.Default,
        });
    }

    private static ProvisioningOutcome Outcome(string result, string? endpointId = EndpointId) => new()
    {
        InstanceId = "x",
        Result = result,
        ProjectId = RequestDocuments.ProjectId,
        Endpoint = endpointId is null ? null : new EndpointSnapshot { Id = endpointId, Status = "accepted" },
    };

    private async Task<HttpExchange> DeleteAsync(Caller? caller, string query = "")
    {
        var exchange = new HttpExchange("DELETE");
        exchange.Context.Request.QueryString = new QueryString(query);
        if (caller is not null)
        {
            exchange.Context.Features.Set(caller);
        }

        await exchange.ExecuteAsync(await DeprovisioningApi.DeleteAsync(id, exchange.Context, Services, CancellationToken.None));
        return exchange;
    }

    private DeprovisionInput Started() => Assert.IsType<DeprovisionInput>(Assert.Single(hub.Schedules, s => s.Name == DeprovisionEndpointOrchestrator.Name).Input);

    [Fact]
    public async Task Another_callers_request_is_404_and_nothing_starts_while_its_owner_starts_the_deprovisioning_of_its_endpoint()
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Accepted));

        using HttpExchange bob = await DeleteAsync(Bob);
        Assert.Equal(StatusCodes.Status404NotFound, bob.StatusCode);
        Assert.Empty(hub.Schedules);

        using HttpExchange alice = await DeleteAsync(Alice);
        Assert.Equal(StatusCodes.Status202Accepted, alice.StatusCode);
        string statusUrl = $"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}/deprovision";
        Assert.Equal(statusUrl, alice.Location);
        JsonElement body = alice.ResponseJson().RootElement;
        Assert.Equal((id, InstanceIds.ForDeprovision(id), statusUrl, EndpointId, false),
            (body.GetProperty("instance_id").GetString(), body.GetProperty("deprovision_instance_id").GetString(), body.GetProperty("status_url").GetString(), body.GetProperty("endpoint_id").GetString(), body.GetProperty("existing").GetBoolean()));
        Scheduled scheduled = Assert.Single(hub.Schedules);
        Assert.Equal(InstanceIds.ForDeprovision(id), scheduled.InstanceId);
        DeprovisionInput input = Started();
        Assert.Equal(("alice", EndpointId, (Vpcep.Provisioning.Activities.CreateEndpointInput?)null, 1), (input.Caller, input.EndpointId, input.Lookup, input.Run));
    }

    [Fact]
    public async Task A_running_request_is_409_still_provisioning_and_nothing_is_terminated_or_started()
    {
        GivenRequest(OrchestrationRuntimeStatus.Running, custom: new ProvisioningStatus(ProvisioningPhase.Polling, EndpointId));

        using HttpExchange refused = await DeleteAsync(Alice);

        Assert.Equal(StatusCodes.Status409Conflict, refused.StatusCode);
        Assert.Equal(DeprovisioningApi.StillProvisioningProblemType, refused.ResponseJson().RootElement.GetProperty("type").GetString());
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task With_cancel_a_running_request_is_terminated_then_its_endpoint_named_in_its_status_is_deprovisioned()
    {
        GivenRequest(OrchestrationRuntimeStatus.Running, custom: new ProvisioningStatus(ProvisioningPhase.Polling, EndpointId));

        using HttpExchange accepted = await DeleteAsync(Alice, "?cancel=true");

        Assert.Equal(StatusCodes.Status202Accepted, accepted.StatusCode);
        await hub.Client.Received(1).TerminateInstanceAsync(id, Arg.Any<TerminateInstanceOptions>(), Arg.Any<CancellationToken>());
        Assert.Equal((EndpointId, (TimeSpan?)null), (Started().EndpointId, Started().LookAgainAfter));
    }

    [Fact]
    public async Task With_cancel_a_request_whose_create_answer_is_not_known_yet_is_looked_up_and_looked_up_again_after_the_settle_time()
    {
        GivenRequest(OrchestrationRuntimeStatus.Running, custom: new ProvisioningStatus(ProvisioningPhase.Creating));

        using HttpExchange accepted = await DeleteAsync(Alice, "?cancel=true");

        DeprovisionInput input = Started();
        Assert.Null(input.EndpointId);
        Assert.Equal(id, input.Lookup?.InstanceId);
        Assert.Equal(DeprovisioningApi.CancelledCreateSettle, input.LookAgainAfter);
    }

    [Fact]
    public async Task A_cancel_that_is_not_true_or_false_is_400_and_starts_nothing()
    {
        GivenRequest(OrchestrationRuntimeStatus.Running);

        using HttpExchange refused = await DeleteAsync(Alice, "?cancel=yes");

        Assert.Equal(StatusCodes.Status400BadRequest, refused.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_invalid_request_is_deprovisioned_with_nothing_to_look_for_so_it_ends_already_gone_at_once()
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Invalid, endpointId: null));

        using HttpExchange accepted = await DeleteAsync(Alice);

        Assert.Equal(StatusCodes.Status202Accepted, accepted.StatusCode);
        Assert.Equal((null, null), (Started().EndpointId, Started().Lookup));
    }

    [Fact]
    public async Task A_failed_request_that_names_no_endpoint_is_looked_up_in_case_its_create_answer_was_lost()
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Failed, endpointId: null));

        using HttpExchange accepted = await DeleteAsync(Alice);

        Assert.Equal(id, Started().Lookup?.InstanceId);
        Assert.Null(Started().LookAgainAfter);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running, null)]
    [InlineData(OrchestrationRuntimeStatus.Completed, DeprovisionResult.Deleted)]
    [InlineData(OrchestrationRuntimeStatus.Completed, DeprovisionResult.AlreadyGone)]
    public async Task A_deprovisioning_running_or_done_is_existing_and_nothing_new_starts(OrchestrationRuntimeStatus status, string? result)
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Accepted));
        GivenDeprovision(status, result);

        using HttpExchange again = await DeleteAsync(Alice);

        Assert.Equal(StatusCodes.Status202Accepted, again.StatusCode);
        Assert.True(again.ResponseJson().RootElement.GetProperty("existing").GetBoolean());
        Assert.Empty(hub.Schedules);
    }

    [Theory]
    [InlineData(DeprovisionResult.Failed)]
    [InlineData(DeprovisionResult.TimedOut)]
    public async Task A_deprovisioning_that_ended_failed_or_timed_out_is_started_again_as_its_next_run(string result)
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Accepted));
        GivenDeprovision(OrchestrationRuntimeStatus.Completed, result, run: 2);

        using HttpExchange again = await DeleteAsync(Alice);

        Assert.False(again.ResponseJson().RootElement.GetProperty("existing").GetBoolean());
        Assert.Equal(3, Started().Run);
    }

    [Fact]
    public async Task Another_callers_deprovisioning_status_is_404()
    {
        GivenDeprovision(OrchestrationRuntimeStatus.Running, null);
        using var bob = new HttpExchange("GET");
        bob.Context.Features.Set(Bob);
        using var alice = new HttpExchange("GET");
        alice.Context.Features.Set(Alice);

        await bob.ExecuteAsync(await DeprovisioningApi.GetAsync(id, bob.Context, hub.Client, hub.Options, CancellationToken.None));
        await alice.ExecuteAsync(await DeprovisioningApi.GetAsync(id, alice.Context, hub.Client, hub.Options, CancellationToken.None));

        Assert.Equal(StatusCodes.Status404NotFound, bob.StatusCode);
        Assert.Equal(StatusCodes.Status202Accepted, alice.StatusCode);
        Assert.Equal("4", alice.Context.Response.Headers.RetryAfter.ToString());
        JsonElement state = alice.ResponseJson().RootElement;
        Assert.Equal(JsonValueKind.Null, state.GetProperty("result").ValueKind);
        Assert.Equal(EndpointId, state.GetProperty("endpoint_id").GetString());
    }

    [Fact]
    public async Task Batches_and_the_cleanup_are_for_operators()
    {
        using var batch = new HttpExchange("DELETE");
        batch.Context.Features.Set(Alice);
        using var cleanup = new HttpExchange("POST");
        cleanup.Context.Features.Set(Alice);

        await batch.ExecuteAsync(await DeprovisioningApi.DeleteBatchAsync("b-1", batch.Context, Services, CancellationToken.None));
        await cleanup.ExecuteAsync(await DeprovisioningApi.CleanupAsync(cleanup.Context, Services, CancellationToken.None));

        Assert.Equal(StatusCodes.Status403Forbidden, batch.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, cleanup.StatusCode);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_cleanup_body_with_problems_is_400_naming_every_one()
    {
        using var cleanup = new HttpExchange("POST", """{"older_than": "an hour", "limit": 5000}""");

        await cleanup.ExecuteAsync(await DeprovisioningApi.CleanupAsync(cleanup.Context, Services, CancellationToken.None));

        Assert.Equal(StatusCodes.Status400BadRequest, cleanup.StatusCode);
        string[] codes = [.. cleanup.ResponseJson().RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!)];
        Assert.Equal(["invalid_duration", "invalid_limit"], codes);
    }

    [Fact]
    public async Task Purging_a_requests_history_purges_its_ended_deprovisioning_too_so_a_new_request_under_its_id_starts_afresh()
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Accepted));
        GivenDeprovision(OrchestrationRuntimeStatus.Completed, DeprovisionResult.Deleted);
        using var exchange = new HttpExchange("DELETE");
        exchange.Context.Features.Set(Alice);

        await exchange.ExecuteAsync(await VpcEndpointsApi.PurgeHistoryAsync(id, exchange.Context, hub.Client, CancellationToken.None));

        Assert.Equal(StatusCodes.Status204NoContent, exchange.StatusCode);
        await hub.Client.Received(1).PurgeInstanceAsync(InstanceIds.ForDeprovision(id), Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>());
        await hub.Client.Received(1).PurgeInstanceAsync(id, Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_request_whose_deprovisioning_runs_is_not_purged()
    {
        GivenRequest(OrchestrationRuntimeStatus.Completed, Outcome(ProvisioningResult.Accepted));
        GivenDeprovision(OrchestrationRuntimeStatus.Running, null);
        using var exchange = new HttpExchange("DELETE");

        await exchange.ExecuteAsync(await VpcEndpointsApi.PurgeHistoryAsync(id, exchange.Context, hub.Client, CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        Assert.Contains("deprovisioning", exchange.ResponseText, StringComparison.Ordinal);
        await hub.Client.DidNotReceiveWithAnyArgs().PurgeInstanceAsync(default!, default(PurgeInstanceOptions), default);
    }
}
