using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Intake;

public class ProvisioningIntakeTests
{
    private readonly FakeTaskHub hub = new();

    private Task<Submission> Submit(string document, string? idempotencyKey = null) =>
        hub.Intake.SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(document), idempotencyKey, CancellationToken.None);

    private static string WithCallback(string url)
    {
        JsonObject seed = RequestDocuments.Seed();
        seed["callback_url"] = url;
        return seed.ToJsonString();
    }

    [Fact]
    public async Task An_invalid_body_is_invalid_with_its_errors_and_nothing_is_scheduled()
    {
        Submission submission = await Submit("""{"endpoint":{},"colour":"blue"}""", "key-1");

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        Assert.Null(submission.InstanceId);
        Assert.Contains(submission.Errors, e => e.Code == ValidationCodes.UnknownField);
        Assert.Contains(submission.Errors, e => e.Code == ValidationCodes.Required);
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task Malformed_json_is_invalid_and_nothing_is_scheduled()
    {
        Submission submission = await Submit("{\"project_id\":");

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        Assert.NotEmpty(submission.Errors);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_valid_body_schedules_the_orchestrator_once_with_the_request_and_the_current_settings()
    {
        Submission submission = await Submit(RequestDocuments.SeedExample);

        Assert.Equal(SubmissionKind.Started, submission.Kind);
        Assert.Empty(submission.Errors);
        Scheduled scheduled = Assert.Single(hub.Schedules);
        Assert.Equal(ProvisionEndpointOrchestrator.Name, scheduled.Name);
        Assert.Equal("ProvisionEndpointOrchestrator", scheduled.Name);
        Assert.Equal(submission.InstanceId, scheduled.InstanceId);
        var input = Assert.IsType<ProvisioningInput>(scheduled.Input);
        Assert.Equal(RequestDocuments.ProjectId, input.Request.ProjectId);
        Assert.Equal(RequestDocuments.ServiceId, input.Request.Endpoint.EndpointServiceId);
        Assert.Equal(WorkflowSettings.From(hub.ProvisioningOptions), input.Settings);
    }

    [Fact]
    public async Task Without_a_callback_url_the_input_falls_back_to_the_default_callback()
    {
        await Submit(RequestDocuments.SeedExample);

        var input = Assert.IsType<ProvisioningInput>(Assert.Single(hub.Schedules).Input);
        Assert.Equal(FakeTaskHub.DefaultCallback.ToString(), input.CallbackUrl);
    }

    [Fact]
    public async Task The_requests_own_callback_url_wins_over_the_default()
    {
        await Submit(WithCallback("https://mine.example.test/hook"));

        var input = Assert.IsType<ProvisioningInput>(Assert.Single(hub.Schedules).Input);
        Assert.Equal("https://mine.example.test/hook", input.CallbackUrl);
    }

    [Fact]
    public async Task Without_any_callback_url_the_input_has_none()
    {
        hub.ProvisioningOptions.DefaultCallbackUrl = null;

        await Submit(RequestDocuments.SeedExample);

        var input = Assert.IsType<ProvisioningInput>(Assert.Single(hub.Schedules).Input);
        Assert.Null(input.CallbackUrl);
    }

    [Fact]
    public async Task Settings_changed_after_start_up_apply_to_the_next_submission()
    {
        hub.ProvisioningOptions.PollInterval = TimeSpan.FromSeconds(30);

        await Submit(RequestDocuments.SeedExample);

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<ProvisioningInput>(Assert.Single(hub.Schedules).Input).Settings.PollInterval);
    }

    [Fact]
    public async Task The_same_idempotency_key_always_maps_to_the_same_instance_id()
    {
        Submission first = await Submit(RequestDocuments.SeedExample, "order-1234");
        Submission second = await new FakeTaskHub().Intake.SubmitAsync(
            new FakeTaskHub().Client, Encoding.UTF8.GetBytes(RequestDocuments.SeedExample), "order-1234", CancellationToken.None);

        Assert.Equal(InstanceIds.For("order-1234"), first.InstanceId);
        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Matches("^vpcep-[0-9a-f]{32}$", first.InstanceId);
        Assert.NotEqual(InstanceIds.For("order-1235"), first.InstanceId);
    }

    [Fact]
    public async Task Without_an_idempotency_key_each_submission_gets_a_fresh_instance_and_no_lookup()
    {
        Submission first = await Submit(RequestDocuments.SeedExample);
        Submission second = await Submit(RequestDocuments.SeedExample);

        Assert.NotEqual(first.InstanceId, second.InstanceId);
        Assert.True(InstanceIds.IsWellFormed(first.InstanceId));
        Assert.Equal(2, hub.Schedules.Count);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Fact]
    public async Task An_existing_instance_with_the_same_request_is_already_started_and_nothing_is_scheduled()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));

        Submission submission = await Submit(RequestDocuments.SeedExample, "order-1234");

        Assert.Equal(SubmissionKind.AlreadyStarted, submission.Kind);
        Assert.Equal(id, submission.InstanceId);
        Assert.Empty(hub.Schedules);
        await hub.Client.Received().GetInstanceAsync(id, true, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_existing_instance_with_the_same_request_is_already_started_even_when_finished()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample), OrchestrationRuntimeStatus.Completed));

        Submission submission = await Submit(RequestDocuments.SeedExample, "order-1234");

        Assert.Equal(SubmissionKind.AlreadyStarted, submission.Kind);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_existing_instance_with_a_different_request_means_the_key_was_reused_and_nothing_is_scheduled()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));

        Submission submission = await Submit(WithCallback("https://mine.example.test/hook"), "order-1234");

        Assert.Equal(SubmissionKind.KeyReused, submission.Kind);
        Assert.Equal(id, submission.InstanceId);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task An_existing_instance_with_null_input_counts_as_a_reused_key()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(new OrchestrationMetadata(ProvisionEndpointOrchestrator.Name, id)
        {
            SerializedInput = "null",
            DataConverter = Microsoft.DurableTask.Converters.JsonDataConverter.Default,
        });

        Submission submission = await Submit(RequestDocuments.SeedExample, "order-1234");

        Assert.Equal(SubmissionKind.KeyReused, submission.Kind);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_schedule_that_loses_a_race_to_the_same_request_is_already_started()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(null, FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));
        hub.Client.ScheduleNewOrchestrationInstanceAsync(default, default, default, default)
            .ThrowsAsyncForAnyArgs(new InvalidOperationException("An orchestration with this instance id already exists."));

        Submission submission = await Submit(RequestDocuments.SeedExample, "order-1234");

        Assert.Equal(SubmissionKind.AlreadyStarted, submission.Kind);
        Assert.Equal(id, submission.InstanceId);
        await hub.Client.Received(2).GetInstanceAsync(id, true, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_schedule_that_loses_a_race_to_a_different_request_means_the_key_was_reused()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(null, FakeTaskHub.Instance(id, FakeTaskHub.InputFor(WithCallback("https://other.example.test/hook"))));
        hub.Client.ScheduleNewOrchestrationInstanceAsync(default, default, default, default)
            .ThrowsAsyncForAnyArgs(new InvalidOperationException("An orchestration with this instance id already exists."));

        Submission submission = await Submit(RequestDocuments.SeedExample, "order-1234");

        Assert.Equal(SubmissionKind.KeyReused, submission.Kind);
        Assert.Equal(id, submission.InstanceId);
    }

    [Fact]
    public async Task A_schedule_that_fails_with_no_instance_behind_it_rethrows()
    {
        var failure = new InvalidOperationException("Storage is down.");
        hub.Client.ScheduleNewOrchestrationInstanceAsync(default, default, default, default).ThrowsAsyncForAnyArgs(failure);

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Submit(RequestDocuments.SeedExample, "order-1234"));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_schedule_that_fails_without_an_idempotency_key_rethrows_without_a_lookup()
    {
        hub.Client.ScheduleNewOrchestrationInstanceAsync(default, default, default, default)
            .ThrowsAsyncForAnyArgs(new InvalidOperationException("Storage is down."));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Submit(RequestDocuments.SeedExample));

        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    public static TheoryData<string> BadKeys() => new()
    {
        "",
        new string('k', ProvisioningIntake.MaxIdempotencyKeyLength + 1),
        "order\n1234",
        "order\u00001234",
        "tab\tkey",
        "\u007f",
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_idempotency_key_is_invalid_and_nothing_is_scheduled(string key)
    {
        Submission submission = await Submit(RequestDocuments.SeedExample, key);

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        ValidationError error = Assert.Single(submission.Errors);
        Assert.Equal("invalid_idempotency_key", error.Code);
        Assert.Equal("", error.Pointer);
        Assert.Empty(hub.Schedules);
    }

    [Fact]
    public async Task A_bad_idempotency_key_is_reported_together_with_the_bodys_errors()
    {
        Submission submission = await Submit("""{"endpoint":{}}""", "");

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        Assert.Contains(submission.Errors, e => e.Code == "invalid_idempotency_key");
        Assert.Contains(submission.Errors, e => e.Code == ValidationCodes.Required);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(ProvisioningIntake.MaxIdempotencyKeyLength)]
    public async Task An_idempotency_key_of_allowed_length_is_accepted(int length)
    {
        Submission submission = await Submit(RequestDocuments.SeedExample, new string('k', length));

        Assert.Equal(SubmissionKind.Started, submission.Kind);
    }

    [Fact]
    public async Task A_printable_unicode_idempotency_key_is_accepted()
    {
        Submission submission = await Submit(RequestDocuments.SeedExample, "bestellung-ü-注文-🚀");

        Assert.Equal(SubmissionKind.Started, submission.Kind);
    }
}
