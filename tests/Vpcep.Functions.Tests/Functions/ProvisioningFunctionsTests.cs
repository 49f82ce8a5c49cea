using System.Net;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.Functions.Functions;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Functions.Tests.Functions;

public class ProvisioningFunctionsTests
{
    private readonly VpcepClient vpcep = Substitute.For<VpcepClient>();
    private readonly VpcClient vpc = Substitute.For<VpcClient>();
    private readonly INotificationChannel notifier = Substitute.For<INotificationChannel>();
    private readonly FunctionContext functionContext = Substitute.For<FunctionContext>();
    private readonly ProvisioningFunctions functions;

    public ProvisioningFunctionsTests()
    {
        functionContext.InvocationId.Returns("invocation-1");
        notifier.Name.Returns(NotificationChannels.Webhook);
        functions = new ProvisioningFunctions(
            new ValidateInCloudActivity(new CloudValidator(vpcep, vpc)),
            new CreateEndpointActivity(vpcep, Options.Create(new ValidationOptions()), new CreateThrottle(Options.Create(new ProvisioningOptions())), new UnrecordedCreateAttempts()),
            new FindCreatedEndpointActivity(vpcep, Options.Create(new ValidationOptions())),
            new GetEndpointActivity(vpcep),
            new ObserveEndpointsActivity(vpcep),
            new NotifyActivity([notifier], TimeProvider.System),
            new DeleteEndpointActivity(vpcep));
    }

    private static IEnumerable<(MethodInfo Method, string Name)> TriggerFunctions<TTrigger>()
        where TTrigger : Attribute =>
        typeof(ProvisioningFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .Select(m => (m, m.GetCustomAttribute<FunctionAttribute>()?.Name ?? $"(no [Function] on {m.Name})"));

    [Fact]
    public async Task The_orchestrator_function_runs_the_orchestrator_on_the_contexts_input()
    {
        var orchestration = new FakeOrchestration();
        ProvisioningInput input = FakeOrchestration.Input();
        orchestration.Context.GetInput<ProvisioningInput>().Returns(input);

        ProvisioningOutcome outcome = await ProvisioningFunctions.ProvisionEndpointAsync(orchestration.Context);

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Equal(FakeOrchestration.InstanceId, outcome.InstanceId);
        Assert.Same(input.Request, orchestration.Calls[0].Input);
        Assert.Equal(FakeOrchestration.CallbackUrl, ((NotificationInput)orchestration.Calls[^1].Input!).Target);
    }

    [Fact]
    public async Task The_orchestrator_function_without_input_fails_clearly_and_calls_nothing()
    {
        var orchestration = new FakeOrchestration();
        orchestration.Context.GetInput<ProvisioningInput>().Returns((ProvisioningInput?)null);

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => ProvisioningFunctions.ProvisionEndpointAsync(orchestration.Context));

        Assert.Contains("without input", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(orchestration.Calls);
    }

    [Fact]
    public async Task The_validate_function_runs_the_cloud_validation()
    {
        vpcep.DescribeServiceAsync(default!, default!).ReturnsForAnyArgs(
            Task.FromException<EndpointServiceInfo>(new HuaweiCloudException(HttpStatusCode.NotFound, "EndPoint.0005", "Not found.", null)));
        vpc.GetVpcAsync(default!, default!).ReturnsForAnyArgs(new Vpc { Id = RequestDocuments.VpcId, Cidr = "10.0.0.0/16" });
        vpc.GetSubnetAsync(default!, default!).ReturnsForAnyArgs(new Subnet { Id = RequestDocuments.SubnetId, VpcId = RequestDocuments.VpcId, Cidr = "10.0.1.0/24", GatewayIp = "10.0.1.1" });

        IReadOnlyList<ValidationError> problems = await functions.ValidateInCloudAsync(RequestDocuments.Request(), functionContext);

        Assert.Contains(problems, p => p.Code == ValidationCodes.EndpointServiceNotFound);
        await vpcep.Received(1).DescribeServiceAsync(Arg.Any<ProjectScope>(), RequestDocuments.ServiceId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_create_function_runs_the_create_activity()
    {
        vpcep.FindEndpointsByTagsAsync(default!, default!).ReturnsForAnyArgs(new TaggedResourceList([], 0));
        vpcep.CreateEndpointAsync(default!, default!).ReturnsForAnyArgs(new VpcEndpoint { Id = "ep-new", Status = EndpointStatus.Creating });
        var input = new CreateEndpointInput(RequestDocuments.Request(), FakeOrchestration.InstanceId, DateTimeOffset.UnixEpoch);

        CreateEndpointResult result = await functions.CreateEndpointAsync(input, functionContext);

        Assert.Equal("ep-new", result.Endpoint?.Id);
        await vpcep.Received(1).CreateEndpointAsync(
            new ProjectScope(RequestDocuments.ProjectId),
            Arg.Is<CreateEndpointRequest>(r => r.Tags!.Contains(new ResourceTag(CreateEndpointActivity.RequestTagKey, FakeOrchestration.InstanceId))),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_get_function_runs_the_poll_activity()
    {
        vpcep.GetEndpointAsync(new ProjectScope("p1", "r1"), "ep-1", Arg.Any<CancellationToken>())
            .Returns(new VpcEndpoint { Id = "ep-1", Status = EndpointStatus.PendingAcceptance });

        EndpointSnapshot? snapshot = await functions.GetEndpointAsync(new GetEndpointInput("p1", "r1", "ep-1"), functionContext);

        Assert.Equal(EndpointStatus.PendingAcceptance, snapshot?.Status);
    }

    [Fact]
    public async Task The_notify_function_sends_the_outcome_through_the_notifier()
    {
        var outcome = new ProvisioningOutcome { InstanceId = FakeOrchestration.InstanceId, Result = ProvisioningResult.Rejected };

        notifier.DeliverAsync(Arg.Any<NotificationMessage>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(DeliveryResult.Delivered(204));

        NotificationAttempt attempt = await functions.NotifyAsync(
            new NotificationInput(NotificationChannels.Webhook, "https://hooks.example.test/x", NotificationDocument.For(outcome)), functionContext);

        Assert.Equal(204, attempt.StatusCode);
        Assert.Equal(DeliveryVerdicts.Delivered, attempt.Verdict);
        await notifier.Received(1).DeliverAsync(
            Arg.Is<NotificationMessage>(m => m.EventId == "outcome_" + FakeOrchestration.InstanceId), "https://hooks.example.test/x", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Every_activity_the_orchestrator_calls_has_a_function_of_that_name_taking_its_input_type()
    {
        // Run the orchestrator through a path that calls every activity, and note what it asked for.
        var orchestration = new FakeOrchestration();
        orchestration.PollsSee(FakeOrchestration.Endpoint(EndpointStatus.Creating));
        orchestration.OnActivity(nameof(CreateEndpointActivity), _ =>
            throw FakeOrchestration.Failure(nameof(CreateEndpointActivity), "System.Net.Http.HttpRequestException", "The connection was reset."));
        orchestration.OnActivity(nameof(FindCreatedEndpointActivity), _ => FakeOrchestration.Endpoint(EndpointStatus.Creating));
        orchestration.OnActivity(nameof(NotifyActivity), _ => new NotificationAttempt(orchestration.Now, NotificationChannels.Webhook, DeliveryVerdicts.Retry, 503));
        await new ProvisionEndpointOrchestrator().RunAsync(orchestration.Context, FakeOrchestration.Input());
        var watch = new FakeWatch();
        watch.Registers(FakeWatch.Request("ep-1", TimeSpan.FromSeconds(5)));
        await watch.RunAsync(FakeWatch.State());
        var deprovision = new FakeOrchestration();
        deprovision.PollsSee((EndpointSnapshot?)null);
        await new DeprovisionEndpointOrchestrator().RunAsync(deprovision.Context, new DeprovisionInput(
            FakeOrchestration.InstanceId, FakeOrchestration.Request().ProjectId, "cn-north-4", FakeOrchestration.EndpointId, null, [], FakeOrchestration.Settings()));
        Dictionary<string, Type?> called = orchestration.Calls.Select(c => (c.Name, c.Input))
            .Concat(deprovision.Calls.Select(c => (c.Name, c.Input)))
            .Concat(watch.Looks.Select(l => (l.Name, Input: (object?)l.Input)))
            .GroupBy(c => c.Name)
            .ToDictionary(g => g.Key, g => g.First().Input?.GetType());

        Dictionary<string, Type> activityFunctions = TriggerFunctions<ActivityTriggerAttribute>().ToDictionary(
            f => f.Name,
            f => f.Method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType);

        Assert.Equal(
            [
                nameof(CreateEndpointActivity), nameof(DeleteEndpointActivity), nameof(FindCreatedEndpointActivity), nameof(GetEndpointActivity), nameof(NotifyActivity),
                nameof(ObserveEndpointsActivity), nameof(StartOrchestrationActivity), nameof(ValidateInCloudActivity),
            ],
            called.Keys.Order(StringComparer.Ordinal));
        Assert.All(called, c => Assert.Equal(c.Value, activityFunctions[c.Key]));
        Assert.Equal(called.Count, activityFunctions.Count);
    }

    [Fact]
    public void The_orchestrator_functions_are_named_as_the_intakes_schedule_them()
    {
        string[] orchestrators = [.. TriggerFunctions<OrchestrationTriggerAttribute>().Select(f => f.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(
            [DeliverNotificationOrchestrator.Name, DeprovisionEndpointOrchestrator.Name, EndpointWatchOrchestrator.Name, FollowPendingAcceptanceOrchestrator.Name, ProvisionBatchOrchestrator.Name, ProvisionEndpointOrchestrator.Name],
            orchestrators);
    }
}
