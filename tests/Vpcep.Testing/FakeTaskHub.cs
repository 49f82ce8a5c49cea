using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.Provisioning;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Testing;

/// <summary>A substitute <see cref="DurableTaskClient"/> with a record of scheduled orchestrations, and the intake under test.</summary>
public sealed class FakeTaskHub
{
    public static readonly Uri DefaultCallback = new("https://default-hooks.example.test/outcomes");

    /// <param name="callbackTargets">The <c>Notifications</c> settings intake applies; none: the production defaults.</param>
    public FakeTaskHub(CallbackTargetOptions? callbackTargets = null)
    {
        Client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var scheduled = new Scheduled(call.ArgAt<TaskName>(0).Name, call.ArgAt<object?>(1), call.ArgAt<StartOrchestrationOptions?>(2)?.InstanceId);
                Schedules.Add(scheduled);
                return scheduled.InstanceId ?? "generated";
            });
        GivenNoInstance();
        Options.CurrentValue.Returns(ProvisioningOptions);
        CallbackTargets = callbackTargets ?? new CallbackTargetOptions();
        Intake = new ProvisioningIntake(
            RequestDocuments.Parser(callbackTargets: CallbackTargets),
            Options,
            new EndpointWatchers(Options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<EndpointWatchers>.Instance),
            Resolver.Check(CallbackTargets));
    }

    public DurableTaskClient Client { get; } = Substitute.For<DurableTaskClient>("test-hub");

    /// <summary>Answers the intake's DNS questions about callback hosts; a name it was not given does not exist.</summary>
    public FakeCallbackResolver Resolver { get; } = new();

    /// <summary>The <c>Notifications</c> settings the intake applies.</summary>
    public CallbackTargetOptions CallbackTargets { get; }

    public IOptionsMonitor<ProvisioningOptions> Options { get; } = Substitute.For<IOptionsMonitor<ProvisioningOptions>>();

    public ProvisioningOptions ProvisioningOptions { get; } = new()
    {
        DefaultCallbackUrl = DefaultCallback,
        InitialPollDelay = TimeSpan.FromSeconds(7),
        PollInterval = TimeSpan.FromSeconds(4),
        CreationTimeout = TimeSpan.FromMinutes(3),
        MaxActivityAttempts = 6,
        FirstRetryInterval = TimeSpan.FromSeconds(1),

        // The intake's own starts only; EndpointWatchersTests cover the watcher's start.
        CoalescedPolling = false,
    };

    public ProvisioningIntake Intake { get; }

    public List<Scheduled> Schedules { get; } = [];

    /// <summary>The hub has no instance of any id. GetInstanceAsync is virtual; both it and the abstract GetInstancesAsync answer.</summary>
    public void GivenNoInstance() => GivenInstances(null);

    public void GivenInstances(params OrchestrationMetadata?[]? answers)
    {
        OrchestrationMetadata? first = answers is { Length: > 0 } ? answers[0] : null;
        OrchestrationMetadata?[] rest = answers is { Length: > 1 } ? answers[1..] : [];
        Client.GetInstanceAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(first, rest);
        Client.GetInstancesAsync(Arg.Any<string>(), Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(first, rest);
    }

    public static OrchestrationMetadata Instance(string instanceId, ProvisioningInput input, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running) =>
        new(ProvisionEndpointOrchestrator.Name, instanceId)
        {
            RuntimeStatus = status,
            SerializedInput = JsonDataConverter.Default.Serialize(input),
            DataConverter = JsonDataConverter.Default,
        };

    public static ProvisioningInput InputFor(string document) =>
        new(RequestDocuments.Parser().Parse(document).Request!, null, WorkflowSettings.From(new ProvisioningOptions()));
}

public sealed record Scheduled(string Name, object? Input, string? InstanceId);
