using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Vpcep.Functions.Tests.Hosting;

/// <summary>
/// An orchestrator function of the Functions app as the Durable extension's worker middleware runs it: an
/// <see cref="ITaskOrchestrator"/> taking <see cref="object"/> in and out (the function declares no input parameter), which
/// binds the function's <see cref="OrchestrationTriggerAttribute"/> parameter to the extension's own
/// <c>FunctionsOrchestrationContext</c> around the runner's context and calls the method <c>functions.metadata</c> names.
/// </summary>
/// <remarks>
/// Modelled on <c>FunctionsOrchestrator</c> (Azure/azure-functions-durable-extension,
/// src/Worker.Extensions.DurableTask/Execution/FunctionsOrchestrator.cs): InputType and OutputType are
/// <see cref="object"/>, the trigger parameter gets a <c>FunctionsOrchestrationContext</c>, the function's result is the
/// orchestration's output, and an await off the orchestrator thread is an error. The context is the extension's own
/// internal class, so GetInput goes through its converter (the worker's <c>JsonSerializerOptions</c>) exactly as on Azure.
/// </remarks>
public sealed class OrchestratorFunction : ITaskOrchestrator
{
    private const string ContextTypeName = "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.FunctionsOrchestrationContext";

    private static readonly Type ContextType = typeof(OrchestrationTriggerAttribute).Assembly.GetType(ContextTypeName)
        ?? throw new InvalidOperationException($"The Durable extension ({typeof(OrchestrationTriggerAttribute).Assembly.GetName()}) has no {ContextTypeName}.");

    private static readonly ConstructorInfo ContextConstructor = ContextType.GetConstructor(
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(TaskOrchestrationContext), typeof(FunctionContext)])
        ?? throw new InvalidOperationException($"{ContextTypeName} has no constructor (TaskOrchestrationContext, FunctionContext).");

    private static readonly MethodInfo ThrowIfIllegalAccess = ContextType.GetMethod("ThrowIfIllegalAccess", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{ContextTypeName} has no ThrowIfIllegalAccess.");

    private readonly MethodInfo method;
    private readonly IServiceProvider services;
    private readonly FunctionContext functionContext;

    /// <summary>Binds the function <paramref name="entry"/> describes to the app's services.</summary>
    public OrchestratorFunction(FunctionEntry entry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(entry);
        method = entry.Method ?? throw new InvalidOperationException($"The entry point {entry.EntryPoint} of '{entry.Name}' is no public method of {FunctionsApp.Assembly.GetName().Name}.");
        ParameterInfo[] parameters = method.GetParameters();
        if (parameters.Length != 1 || parameters[0].ParameterType != typeof(TaskOrchestrationContext) || parameters[0].GetCustomAttribute<OrchestrationTriggerAttribute>() is null)
        {
            throw new InvalidOperationException($"{entry.EntryPoint} should take only its [OrchestrationTrigger] TaskOrchestrationContext.");
        }

        this.services = services;
        functionContext = Substitute.For<FunctionContext>();
        functionContext.InstanceServices.Returns(services);
        functionContext.Items.Returns(new Dictionary<object, object>());
        functionContext.InvocationId.Returns(entry.Name + "-invocation");
    }

    /// <inheritdoc/>
    public Type InputType => typeof(object);

    /// <inheritdoc/>
    public Type OutputType => typeof(object);

    /// <inheritdoc/>
    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var wrapped = (TaskOrchestrationContext)ContextConstructor.Invoke([context, functionContext]);
        object? target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var run = (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, [wrapped], culture: null)!;
        await run;
        ThrowIfIllegalAccess.Invoke(wrapped, BindingFlags.DoNotWrapExceptions, binder: null, [], culture: null);
        return run.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(run);
    }
}
