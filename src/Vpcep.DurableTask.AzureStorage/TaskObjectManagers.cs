using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>
/// Resolves DurableTask.Core orchestrations by name from the Microsoft.DurableTask registry, wrapping
/// each <see cref="ITaskOrchestrator"/> in the SDK's shim.
/// </summary>
internal sealed class OrchestrationObjectManager(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Orchestrators are registered through the DurableTaskWorker builder.");

    public TaskOrchestration? GetObject(string name, string? version) =>
        factory.TryCreateOrchestrator(new TaskName(name), services, out ITaskOrchestrator? orchestrator)
            ? shims.CreateOrchestration(new TaskName(name), orchestrator)
            : null;
}

/// <summary>Resolves activities by name; activities are created through DI, so they get their dependencies.</summary>
internal sealed class ActivityObjectManager(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator) =>
        throw new NotSupportedException("Activities are registered through the DurableTaskWorker builder.");

    public TaskActivity? GetObject(string name, string? version) =>
        factory.TryCreateActivity(new TaskName(name), services, out ITaskActivity? activity)
            ? shims.CreateActivity(new TaskName(name), activity)
            : null;
}
