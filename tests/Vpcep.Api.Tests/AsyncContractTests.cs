using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

/// <summary>
/// The asynchronous request-reply contract: 202 with Location and Retry-After until a request has ended, then 200 with
/// the same document; status URLs that carry a function key when the host asks; terminate and purge.
/// </summary>
public sealed class AsyncContractTests
{
    private static readonly Caller Alice = new("alice", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);
    private static readonly Caller Bob = new("bob", new HashSet<string>(StringComparer.Ordinal), IsAdmin: false);

    private readonly FakeTaskHub hub = new();
    private readonly string id = InstanceIds.For("order-1234");

    private string StatusUrl => $"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}";

    private OrchestrationMetadata Request(OrchestrationRuntimeStatus status, string? owner = null, ProvisioningOutcome? outcome = null, string? name = null) =>
        new(name ?? ProvisionEndpointOrchestrator.Name, id)
        {
            RuntimeStatus = status,
            SerializedInput = JsonDataConverter.Default.Serialize(FakeTaskHub.InputFor(RequestDocuments.SeedExample) with { Caller = owner }),
            SerializedOutput = outcome is null ? null : JsonDataConverter.Default.Serialize(outcome),
            DataConverter = JsonDataConverter.Default,
        };

    private static HttpExchange Exchange(string method, Caller? caller = null, string? body = null, string? code = null)
    {
        var exchange = new HttpExchange(method, body);
        if (caller is not null)
        {
            exchange.Context.Features.Set(caller);
        }

        if (code is not null)
        {
            exchange.Context.Features.Set(new StatusUrlKey(code));
        }

        return exchange;
    }

    private async Task<HttpExchange> GetAsync(Caller? caller = null, string? code = null)
    {
        HttpExchange exchange = Exchange("GET", caller, code: code);
        await exchange.ExecuteAsync(await VpcEndpointsApi.GetAsync(id, exchange.Context, hub.Client, hub.Options, CancellationToken.None));
        return exchange;
    }

    private async Task<HttpExchange> TerminateAsync(Caller? caller = null, string? body = null, string contentType = "application/json")
    {
        HttpExchange exchange = Exchange("POST", caller, body);
        if (body is not null)
        {
            exchange.Context.Request.ContentType = contentType;
        }

        await exchange.ExecuteAsync(await VpcEndpointsApi.TerminateAsync(id, exchange.Context, hub.Client, CancellationToken.None));
        return exchange;
    }

    private async Task<HttpExchange> PurgeAsync(Caller? caller = null)
    {
        HttpExchange exchange = Exchange("DELETE", caller);
        await exchange.ExecuteAsync(await VpcEndpointsApi.PurgeHistoryAsync(id, exchange.Context, hub.Client, CancellationToken.None));
        return exchange;
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task A_request_that_has_not_ended_is_202_with_its_status_url_in_location_retry_after_and_its_state(OrchestrationRuntimeStatus status)
    {
        hub.GivenInstances(Request(status));

        using HttpExchange exchange = await GetAsync();

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal(StatusUrl, exchange.Location);
        Assert.Equal("4", exchange.Context.Response.Headers.RetryAfter.ToString());
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(id, body.RootElement.GetProperty("instance_id").GetString());
        Assert.Equal(status.ToString(), body.RootElement.GetProperty("runtime_status").GetString());
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task An_ended_request_is_200_without_location_or_retry_after(OrchestrationRuntimeStatus status)
    {
        hub.GivenInstances(Request(status, outcome: status == OrchestrationRuntimeStatus.Completed
            ? new ProvisioningOutcome { InstanceId = id, Result = ProvisioningResult.Accepted, ProjectId = RequestDocuments.ProjectId }
            : null));

        using HttpExchange exchange = await GetAsync();

        Assert.Equal(StatusCodes.Status200OK, exchange.StatusCode);
        Assert.Null(exchange.Location);
        Assert.Equal(0, exchange.Context.Response.Headers.RetryAfter.Count);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(status.ToString(), body.RootElement.GetProperty("runtime_status").GetString());
    }

    [Theory]
    [InlineData(4000, "4")]
    [InlineData(1200, "2")]
    [InlineData(200, "1")]
    [InlineData(0, "1")]
    public async Task Retry_after_is_the_poll_interval_in_whole_seconds_rounded_up_and_at_least_one(int pollMilliseconds, string expected)
    {
        hub.ProvisioningOptions.PollInterval = TimeSpan.FromMilliseconds(pollMilliseconds);
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));

        using HttpExchange exchange = await GetAsync();

        Assert.Equal(expected, exchange.Context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task With_a_key_set_by_the_host_the_location_carries_it_escaped()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));

        using HttpExchange exchange = await GetAsync(code: "a+b/c==");

        Assert.Equal(StatusUrl + "?code=a%2Bb%2Fc%3D%3D", exchange.Location);
    }

    [Fact]
    public async Task A_code_in_the_query_alone_does_not_go_into_urls()
    {
        // The self-host reads API keys from the code parameter too, but sets no StatusUrlKey: its URLs stay clean.
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));
        using HttpExchange exchange = Exchange("GET");
        exchange.Context.Request.QueryString = new QueryString("?code=secret");

        await exchange.ExecuteAsync(await VpcEndpointsApi.GetAsync(id, exchange.Context, hub.Client, hub.Options, CancellationToken.None));

        Assert.Equal(StatusUrl, exchange.Location);
    }

    [Fact]
    public async Task A_submission_with_a_key_set_by_the_host_returns_status_urls_that_carry_it()
    {
        using var exchange = new HttpExchange("POST", RequestDocuments.SeedExample, "order-1234");
        exchange.Context.Features.Set(new StatusUrlKey("k1"));

        await exchange.ExecuteAsync(await VpcEndpointsApi.SubmitAsync(
            exchange.Request, new VpcEndpointsServices(hub.Client, hub.Intake, NullLogger<VpcEndpointsServices>.Instance), CancellationToken.None));

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal(StatusUrl + "?code=k1", exchange.Location);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(StatusUrl + "?code=k1", body.RootElement.GetProperty("status_url").GetString());
    }

    [Fact]
    public async Task The_key_is_not_shown_when_its_feature_is_printed() =>
        Assert.DoesNotContain("k1", new StatusUrlKey("k1").ToString(), StringComparison.Ordinal);

    [Fact]
    public async Task A_batch_read_while_the_task_hubs_storage_fails_is_503_with_retry_after()
    {
        hub.Client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("storage down"));
        using HttpExchange exchange = Exchange("GET");

        await exchange.ExecuteAsync(await BatchesApi.GetAsync("nightly-1", exchange.Request, hub.Client, hub.Options, CancellationToken.None));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, exchange.StatusCode);
        Assert.Equal("5", exchange.Context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Terminating_a_running_request_is_202_with_its_status_url_and_terminates_it_with_the_reason()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));

        using HttpExchange exchange = await TerminateAsync(body: """{"reason": "wrong VPC"}""");

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal(StatusUrl, exchange.Location);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(id, body.RootElement.GetProperty("instance_id").GetString());
        Assert.Equal(StatusUrl, body.RootElement.GetProperty("status_url").GetString());
        await hub.Client.Received(1).TerminateInstanceAsync(id, Arg.Is<TerminateInstanceOptions?>(o => (string?)o!.Output == "wrong VPC"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Terminating_without_a_body_gives_a_default_reason()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Pending));

        using HttpExchange exchange = await TerminateAsync();

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        await hub.Client.Received(1).TerminateInstanceAsync(id, Arg.Is<TerminateInstanceOptions?>(o => o!.Output != null), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task Terminating_an_ended_request_is_409_and_terminates_nothing(OrchestrationRuntimeStatus status)
    {
        hub.GivenInstances(Request(status));

        using HttpExchange exchange = await TerminateAsync();

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        Assert.Equal("application/problem+json", exchange.ContentType);
        await hub.Client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task Terminating_an_unknown_or_another_callers_request_is_404_and_terminates_nothing()
    {
        using HttpExchange unknown = await TerminateAsync();
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running, owner: "alice"));
        using HttpExchange others = await TerminateAsync(Bob);

        Assert.Equal(StatusCodes.Status404NotFound, unknown.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, others.StatusCode);
        Assert.DoesNotContain("alice", others.ResponseText, StringComparison.Ordinal);
        await hub.Client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task A_caller_terminates_its_own_request()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running, owner: "alice"));

        using HttpExchange exchange = await TerminateAsync(Alice);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
    }

    [Fact]
    public async Task An_instance_that_is_not_a_request_is_not_terminated()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running, name: ProvisionBatchOrchestrator.Name));

        using HttpExchange exchange = await TerminateAsync();

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
    }

    [Theory]
    [InlineData("""{"reason": 5}""", "application/json", StatusCodes.Status400BadRequest)]
    [InlineData("not json", "application/json", StatusCodes.Status400BadRequest)]
    [InlineData("""{"reason": "x"}""", "text/plain", StatusCodes.Status415UnsupportedMediaType)]
    public async Task A_terminate_body_that_cannot_be_read_is_refused_and_terminates_nothing(string body, string contentType, int expected)
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));

        using HttpExchange exchange = await TerminateAsync(body: body, contentType: contentType);

        Assert.Equal(expected, exchange.StatusCode);
        await hub.Client.DidNotReceiveWithAnyArgs().TerminateInstanceAsync(default!, default(TerminateInstanceOptions), default);
    }

    [Fact]
    public async Task A_reason_over_the_limit_is_400()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));

        using HttpExchange exchange = await TerminateAsync(body: JsonSerializer.Serialize(new { reason = new string('r', VpcEndpointsApi.MaxReasonLength + 1) }));

        Assert.Equal(StatusCodes.Status400BadRequest, exchange.StatusCode);
    }

    [Fact]
    public async Task Purging_an_ended_request_is_204_and_purges_it_with_its_ended_delivery()
    {
        string delivery = InstanceIds.ForDelivery(CallbackNotifier.OutcomeEventId(id));
        hub.Client.GetInstanceAsync(id, true, Arg.Any<CancellationToken>()).Returns(Request(OrchestrationRuntimeStatus.Completed,
            outcome: new ProvisioningOutcome { InstanceId = id, Result = ProvisioningResult.Accepted, ProjectId = RequestDocuments.ProjectId }));
        hub.Client.GetInstanceAsync(delivery, false, Arg.Any<CancellationToken>()).Returns(
            new OrchestrationMetadata(DeliverNotificationOrchestrator.Name, delivery) { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        using HttpExchange exchange = await PurgeAsync();

        Assert.Equal(StatusCodes.Status204NoContent, exchange.StatusCode);
        Assert.Equal("", exchange.ResponseText);
        Received.InOrder(() =>
        {
            hub.Client.PurgeInstanceAsync(delivery, Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>());
            hub.Client.PurgeInstanceAsync(id, Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task Purging_a_request_with_a_follow_up_purges_the_follow_up_and_its_delivery_too()
    {
        string followUp = InstanceIds.ForFollowUp(id);
        hub.Client.GetInstanceAsync(id, true, Arg.Any<CancellationToken>()).Returns(Request(OrchestrationRuntimeStatus.Completed,
            outcome: new ProvisioningOutcome { InstanceId = id, Result = ProvisioningResult.PendingAcceptance, ProjectId = RequestDocuments.ProjectId, FollowUpInstanceId = followUp }));
        hub.Client.GetInstanceAsync(followUp, false, Arg.Any<CancellationToken>()).Returns(
            new OrchestrationMetadata(FollowPendingAcceptanceOrchestrator.Name, followUp) { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        using HttpExchange exchange = await PurgeAsync();

        Assert.Equal(StatusCodes.Status204NoContent, exchange.StatusCode);
        await hub.Client.Received(1).PurgeInstanceAsync(followUp, Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>());
        await hub.Client.Received(1).PurgeInstanceAsync(id, Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>());
        await hub.Client.Received(1).GetInstanceAsync(InstanceIds.ForDelivery(CallbackNotifier.FollowUpEventId(id)), false, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Purging_a_request_that_has_not_ended_is_409_and_purges_nothing()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Running));

        using HttpExchange exchange = await PurgeAsync();

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        await hub.Client.DidNotReceiveWithAnyArgs().PurgeInstanceAsync(default!, default(PurgeInstanceOptions), default);
    }

    [Fact]
    public async Task Purging_while_the_outcome_is_still_being_delivered_is_409_naming_the_delivery_and_purges_nothing()
    {
        string delivery = InstanceIds.ForDelivery(CallbackNotifier.OutcomeEventId(id));
        hub.Client.GetInstanceAsync(id, true, Arg.Any<CancellationToken>()).Returns(Request(OrchestrationRuntimeStatus.Completed,
            outcome: new ProvisioningOutcome { InstanceId = id, Result = ProvisioningResult.Accepted, ProjectId = RequestDocuments.ProjectId }));
        hub.Client.GetInstanceAsync(delivery, false, Arg.Any<CancellationToken>()).Returns(
            new OrchestrationMetadata(DeliverNotificationOrchestrator.Name, delivery) { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        using HttpExchange exchange = await PurgeAsync();

        Assert.Equal(StatusCodes.Status409Conflict, exchange.StatusCode);
        Assert.Contains(delivery, exchange.ResponseText, StringComparison.Ordinal);
        await hub.Client.DidNotReceiveWithAnyArgs().PurgeInstanceAsync(default!, default(PurgeInstanceOptions), default);
    }

    [Fact]
    public async Task Purging_another_callers_request_is_404_and_purges_nothing()
    {
        hub.GivenInstances(Request(OrchestrationRuntimeStatus.Completed, owner: "alice"));

        using HttpExchange exchange = await PurgeAsync(Bob);

        Assert.Equal(StatusCodes.Status404NotFound, exchange.StatusCode);
        await hub.Client.DidNotReceiveWithAnyArgs().PurgeInstanceAsync(default!, default(PurgeInstanceOptions), default);
    }

    [Fact]
    public async Task Purging_while_the_task_hubs_storage_fails_is_503_with_retry_after()
    {
        hub.Client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("storage down"));

        using HttpExchange exchange = await PurgeAsync();

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, exchange.StatusCode);
        Assert.Equal("5", exchange.Context.Response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, StatusCodes.Status200OK, "healthy")]
    [InlineData(HealthStatus.Degraded, StatusCodes.Status200OK, "degraded")]
    [InlineData(HealthStatus.Unhealthy, StatusCodes.Status503ServiceUnavailable, "unhealthy")]
    public async Task A_health_report_answers_200_unless_unhealthy_never_cached(HealthStatus status, int expected, string name)
    {
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry> { [HealthApi.TaskHubStorageCheck] = new(status, "why", TimeSpan.FromMilliseconds(12), null, null) },
            TimeSpan.FromMilliseconds(12));
        using var exchange = new HttpExchange("GET");

        await exchange.ExecuteAsync(HealthApi.Answer(report, exchange.Context));

        Assert.Equal(expected, exchange.StatusCode);
        Assert.Contains("no-store", exchange.Context.Response.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(name, body.RootElement.GetProperty("status").GetString());
        JsonElement check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal(HealthApi.TaskHubStorageCheck, check.GetProperty("name").GetString());
        Assert.Equal("why", check.GetProperty("description").GetString());
    }
}
