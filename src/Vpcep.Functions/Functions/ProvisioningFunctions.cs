using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Functions.Functions;

/// <summary>
/// The orchestrator and activity triggers. Each wraps the shared class of the same name (the
/// Durable Task source generator that would do this is not available here).
/// </summary>
public sealed class ProvisioningFunctions(
    ValidateInCloudActivity validate,
    CreateEndpointActivity create,
    FindCreatedEndpointActivity findCreated,
    GetEndpointActivity get,
    ObserveEndpointsActivity observe,
    NotifyActivity notify,
    DeleteEndpointActivity delete)
{
    /// <summary>The provisioning orchestration.</summary>
    [Function(ProvisionEndpointOrchestrator.Name)]
    public static Task<ProvisioningOutcome> ProvisionEndpointAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProvisioningInput input = context.GetInput<ProvisioningInput>()
            ?? throw new InvalidOperationException("The orchestration was started without input.");
        return new ProvisionEndpointOrchestrator().RunAsync(context, input);
    }

    /// <summary>The watcher that observes a project's endpoints together.</summary>
    [Function(EndpointWatchOrchestrator.Name)]
    public static Task<object?> WatchEndpointsAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        WatchState input = context.GetInput<WatchState>()
            ?? throw new InvalidOperationException("The orchestration was started without input.");
        return new EndpointWatchOrchestrator().RunAsync(context, input);
    }

    /// <summary>Goes on delivering a notification whose first attempt failed, or redelivers one.</summary>
    [Function(DeliverNotificationOrchestrator.Name)]
    public static Task<NotificationReport> DeliverNotificationAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DeliveryInput input = context.GetInput<DeliveryInput>()
            ?? throw new InvalidOperationException("The orchestration was started without input.");
        return new DeliverNotificationOrchestrator().RunAsync(context, input);
    }

    /// <summary>Follows an endpoint left waiting for approval to a second notification.</summary>
    [Function(FollowPendingAcceptanceOrchestrator.Name)]
    public static Task<ProvisioningOutcome> FollowPendingAcceptanceAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        FollowUpInput input = context.GetInput<FollowUpInput>()
            ?? throw new InvalidOperationException("The orchestration was started without input.");
        return new FollowPendingAcceptanceOrchestrator().RunAsync(context, input);
    }

    /// <summary>Deletes a request's endpoint and waits until it is gone.</summary>
    [Function(DeprovisionEndpointOrchestrator.Name)]
    public static Task<DeprovisionOutcome> DeprovisionEndpointAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DeprovisionInput input = context.GetInput<DeprovisionInput>()
            ?? throw new InvalidOperationException("The orchestration was started without input.");
        return new DeprovisionEndpointOrchestrator().RunAsync(context, input);
    }

    /// <summary>Asks the service to delete an endpoint.</summary>
    [Function(nameof(DeleteEndpointActivity))]
    public Task<DeleteEndpointResult> DeleteEndpointAsync([ActivityTrigger] GetEndpointInput input, FunctionContext context) =>
        delete.RunAsync(ActivityContext(nameof(DeleteEndpointActivity), context), input);

    /// <summary>Looks at many endpoints of one project with a listing.</summary>
    [Function(nameof(ObserveEndpointsActivity))]
    public Task<IReadOnlyList<EndpointSnapshot>> ObserveEndpointsAsync([ActivityTrigger] ObserveEndpointsInput input, FunctionContext context) =>
        observe.RunAsync(ActivityContext(nameof(ObserveEndpointsActivity), context), input);

    /// <summary>Validates against the cloud.</summary>
    [Function(nameof(ValidateInCloudActivity))]
    public Task<IReadOnlyList<ValidationError>> ValidateInCloudAsync([ActivityTrigger] ProvisioningRequest input, FunctionContext context) =>
        validate.RunAsync(ActivityContext(nameof(ValidateInCloudActivity), context), input);

    /// <summary>Creates (or adopts) the endpoint.</summary>
    [Function(nameof(CreateEndpointActivity))]
    public Task<CreateEndpointResult> CreateEndpointAsync([ActivityTrigger] CreateEndpointInput input, FunctionContext context) =>
        create.RunAsync(ActivityContext(nameof(CreateEndpointActivity), context), input);

    /// <summary>Looks for the endpoint a create made whose answer was lost.</summary>
    [Function(nameof(FindCreatedEndpointActivity))]
    public Task<EndpointSnapshot?> FindCreatedEndpointAsync([ActivityTrigger] CreateEndpointInput input, FunctionContext context) =>
        findCreated.RunAsync(ActivityContext(nameof(FindCreatedEndpointActivity), context), input);

    /// <summary>Polls the endpoint.</summary>
    [Function(nameof(GetEndpointActivity))]
    public Task<EndpointSnapshot?> GetEndpointAsync([ActivityTrigger] GetEndpointInput input, FunctionContext context) =>
        get.RunAsync(ActivityContext(nameof(GetEndpointActivity), context), input);

    /// <summary>Delivers the notification.</summary>
    [Function(nameof(NotifyActivity))]
    public Task<NotificationAttempt> NotifyAsync([ActivityTrigger] NotificationInput input, FunctionContext context) =>
        notify.RunAsync(ActivityContext(nameof(NotifyActivity), context), input);

    /// <summary>
    /// Starts an orchestration that outlives the one asking (a further delivery, a follow-up), through the
    /// function's durable client binding (the shared activity takes the client the host gives it).
    /// </summary>
    [Function(nameof(StartOrchestrationActivity))]
    public static Task<bool> StartOrchestrationAsync(
        [ActivityTrigger] StartOrchestrationInput input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        new StartOrchestrationActivity(client).RunAsync(ActivityContext(nameof(StartOrchestrationActivity), context), input);

    private static FunctionActivityContext ActivityContext(string name, FunctionContext context) =>
        new(new TaskName(name), context?.InvocationId ?? "");
}

/// <summary>The <see cref="TaskActivityContext"/> a shared activity sees when Functions runs it.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
