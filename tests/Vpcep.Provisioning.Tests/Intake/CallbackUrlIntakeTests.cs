using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Intake;

/// <summary>
/// Callback URL safety at intake (issue 12): by default only https to public addresses; what is refused is refused with
/// its code, every other problem of the request beside it, and nothing started; a name is resolved (a fake resolver here,
/// never DNS) and refused when any of its addresses is not public; the allow-list lets the operator's hosts through.
/// </summary>
public sealed class CallbackUrlIntakeTests
{
    private FakeTaskHub hub = new();

    private static string WithCallback(string url, Action<JsonObject>? change = null)
    {
        JsonObject seed = RequestDocuments.Seed();
        seed["callback_url"] = url;
        change?.Invoke(seed);
        return seed.ToJsonString();
    }

    private Task<Submission> Submit(string document) =>
        hub.Intake.SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(document), "key-1", CancellationToken.None);

    private async Task AssertNothingStartedAsync()
    {
        Assert.Empty(hub.Schedules);
        await hub.Client.DidNotReceiveWithAnyArgs().ScheduleNewOrchestrationInstanceAsync(default, default, default(StartOrchestrationOptions), default);
        await hub.Client.DidNotReceiveWithAnyArgs().GetInstanceAsync(default!, default, default);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://127.0.0.1/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://[::1]/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://10.0.0.1/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://0.0.0.0/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://user:pass@host/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlHasCredentials })]
    [InlineData("https://169.254.169.254/latest/meta-data", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://127.0.0.1/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://[::1]/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://10.0.0.1/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://0.0.0.0/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://2130706433/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://0x7f.1/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://[::ffff:127.0.0.1]/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://user:pass@hooks.example.com/", new[] { ValidationCodes.CallbackUrlHasCredentials })]
    public async Task A_refused_callback_url_is_invalid_with_its_codes_and_nothing_starts(string url, string[] codes)
    {
        Submission submission = await Submit(WithCallback(url));

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        Assert.Null(submission.InstanceId);
        Assert.Equal(codes.Select(code => ("/callback_url", code)), submission.Errors.PointersAndCodes());
        Assert.All(submission.Errors, e => Assert.DoesNotContain("user:pass", e.Message, StringComparison.Ordinal));
        Assert.All(submission.Errors, e => Assert.DoesNotContain("pass@", e.Message, StringComparison.Ordinal));
        Assert.Empty(hub.Resolver.Asked); // an address or a refused URL is judged without DNS
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_is_refused_and_nothing_starts()
    {
        hub.Resolver.Answer("hooks.internal.example", "10.1.2.3");

        Submission submission = await Submit(WithCallback("https://hooks.internal.example/vpcep"));

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        ValidationError error = Assert.Single(submission.Errors);
        Assert.Equal(("/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic), (error.Pointer, error.Code));
        Assert.Equal(
            "The callback URL's host hooks.internal.example resolves to 10.1.2.3, a private address (10.0.0.0/8, RFC 1918); callbacks go only to public addresses unless Notifications:AllowedHosts names the host.",
            error.Message);
        Assert.Equal(["hooks.internal.example"], hub.Resolver.Asked);
        await AssertNothingStartedAsync();
    }

    [Theory]
    [InlineData("93.184.216.34", "127.0.0.1")]
    [InlineData("2606:4700:4700::1111", "fe80::1")]
    [InlineData("93.184.216.34", "::ffff:169.254.169.254")]
    public async Task A_name_with_one_non_public_address_among_public_ones_is_refused(string publicAddress, string internalAddress)
    {
        hub.Resolver.Answer("mixed.example.com", publicAddress, internalAddress);

        Submission submission = await Submit(WithCallback("https://mixed.example.com/vpcep"));

        Assert.Equal([("/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic)], submission.Errors.PointersAndCodes());
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task A_name_that_resolves_to_public_addresses_starts()
    {
        hub.Resolver.Answer("hooks.example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");

        Submission submission = await Submit(WithCallback("https://hooks.example.com/vpcep"));

        Assert.Equal(SubmissionKind.Started, submission.Kind);
        Assert.Equal("https://hooks.example.com/vpcep", Assert.IsType<ProvisioningInput>(Assert.Single(hub.Schedules).Input).CallbackUrl);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_starts_and_is_checked_again_at_delivery()
    {
        Submission submission = await Submit(WithCallback("https://hooks.example.test/vpcep"));

        Assert.Equal(SubmissionKind.Started, submission.Kind);
        Assert.Equal(["hooks.example.test"], hub.Resolver.Asked);
    }

    [Fact]
    public async Task A_name_whose_answer_does_not_come_in_time_is_taken_after_the_resolve_timeout()
    {
        var time = new FakeTimeProvider();
        var resolver = new FakeCallbackResolver().Hang("slow.example.com");
        CallbackHostCheck check = resolver.Check(new CallbackTargetOptions { ResolveTimeout = TimeSpan.FromSeconds(2) }, time);

        Task<CallbackTargetProblem?[]> checking = check.CheckAllAsync(["https://slow.example.com/vpcep"], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Yield();
        Assert.False(checking.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        CallbackTargetProblem? problem = Assert.Single(await checking.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(problem);
    }

    [Fact]
    public async Task Every_problem_of_the_request_is_named_beside_the_callbacks_dns_refusal()
    {
        hub.Resolver.Answer("hooks.internal.example", "192.168.4.4");

        Submission submission = await Submit(WithCallback("https://hooks.internal.example/vpcep", seed => seed["project_id"] = "not-hex"));

        Assert.Equal(
            [("/project_id", ValidationCodes.InvalidProjectId), ("/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic)],
            submission.Errors.PointersAndCodes());
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task The_allow_list_lets_the_emulators_sink_through_on_its_port_only()
    {
        hub = new FakeTaskHub(new CallbackTargetOptions { AllowHttp = true, AllowedHosts = { "127.0.0.1:5080" } });

        Submission sink = await Submit(WithCallback("http://127.0.0.1:5080/_emulator/callbacks/demo"));
        Submission otherPort = await Submit(WithCallback("http://127.0.0.1:5081/_emulator/callbacks/demo"));

        Assert.Equal(SubmissionKind.Started, sink.Kind);
        Assert.Equal("http://127.0.0.1:5080/_emulator/callbacks/demo", Assert.IsType<ProvisioningInput>(Assert.Single(hub.Schedules).Input).CallbackUrl);
        Assert.Equal([("/callback_url", ValidationCodes.CallbackUrlNotPublic)], otherPort.Errors.PointersAndCodes());
    }

    [Fact]
    public async Task An_allow_listed_name_is_taken_without_asking_dns()
    {
        hub = new FakeTaskHub(new CallbackTargetOptions { AllowedHosts = { "hooks.internal.example" } });
        hub.Resolver.Answer("hooks.internal.example", "10.1.2.3");

        Submission submission = await Submit(WithCallback("https://hooks.internal.example/vpcep"));

        Assert.Equal(SubmissionKind.Started, submission.Kind);
        Assert.Empty(hub.Resolver.Asked);
    }

    [Fact]
    public async Task A_batch_whose_own_callback_resolves_to_a_private_address_is_invalid_and_starts_nothing()
    {
        hub.Resolver.Answer("hooks.internal.example", "172.20.0.1");
        BatchParseResult batch = ParseBatch(new JsonObject
        {
            ["batch_id"] = "b-1",
            ["callback_url"] = "https://hooks.internal.example/batches",
            ["requests"] = new JsonArray(RequestDocuments.Seed()),
        });

        BatchSubmission submission = await hub.Intake.SubmitBatchAsync(hub.Client, batch, CancellationToken.None);

        Assert.Equal(SubmissionKind.Invalid, submission.Kind);
        Assert.Equal([("/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic)], submission.Errors.PointersAndCodes());
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task In_a_queue_batch_an_item_whose_callback_resolves_to_a_private_address_is_invalid_and_its_siblings_run()
    {
        hub.Resolver.Answer("hooks.internal.example", "10.9.9.9");
        hub.Resolver.Answer("hooks.example.com", "93.184.216.34");
        JsonObject bad = RequestDocuments.Seed();
        bad["callback_url"] = "https://hooks.internal.example/one";
        JsonArray items = [RequestDocuments.Seed(), bad];
        for (int i = 0; i < 50; i++)
        {
            JsonObject good = RequestDocuments.Seed();
            good["callback_url"] = $"https://hooks.example.com/item/{i}";
            items.Add(good);
        }

        BatchSubmission submission = await hub.Intake.SubmitBatchAsync(
            hub.Client, ParseBatch(new JsonObject { ["batch_id"] = "b-2", ["requests"] = items }), CancellationToken.None);

        Assert.Equal(SubmissionKind.Started, submission.Kind);
        BatchInput input = Assert.IsType<BatchInput>(Assert.Single(hub.Schedules).Input);
        Assert.Null(input.Items[1].Input);
        Assert.Equal([("/requests/1/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic)], input.Items[1].Errors!.PointersAndCodes());
        Assert.Equal(51, input.Items.Count(item => item.Input is not null));

        // Each distinct name is asked once, however many items use it.
        Assert.Equal(["hooks.example.com", "hooks.internal.example"], hub.Resolver.Asked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_queue_request_whose_callback_resolves_to_a_private_address_is_rejected_naming_every_problem()
    {
        hub.Resolver.Answer("hooks.internal.example", "100.64.1.1");
        IOptionsMonitor<QueueMessageOptions> limits = Substitute.For<IOptionsMonitor<QueueMessageOptions>>();
        limits.CurrentValue.Returns(new QueueMessageOptions());
        var queue = new QueueMessageIntake(hub.Intake, RequestDocuments.Parser(), limits, new NoBatchDocumentReader());

        QueueMessageResult result = await queue.ProcessAsync(
            hub.Client, WithCallback("https://hooks.internal.example/vpcep", seed => seed["region"] = "North 4"), CancellationToken.None);

        Assert.Equal(QueueMessageKind.Rejected, result.Kind);
        Assert.Equal(
            [("/region", ValidationCodes.InvalidRegion), ("/callback_url", ValidationCodes.CallbackUrlResolvesNotPublic)],
            result.Errors.PointersAndCodes());
        await AssertNothingStartedAsync();
    }

    private static BatchParseResult ParseBatch(JsonObject document) =>
        RequestDocuments.Parser().ParseBatch(Encoding.UTF8.GetBytes(document.ToJsonString()), 500);
}
