using System.Reflection;
using Google.Protobuf;
using Microsoft.Azure.Functions.Worker;
using P = Microsoft.DurableTask.Protobuf;

namespace Vpcep.Functions.Tests.Hosting;

/// <summary>What the host learns when an activity function of the app throws.</summary>
public static class WorkerFailures
{
    private const string ExceptionTypeName = "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.Exceptions.DurableSerializationException";

    /// <summary>
    /// The failure details the orchestration sees when an activity function throws <paramref name="thrown"/> on Functions.
    /// The worker extension wraps the exception in its <c>DurableSerializationException</c>, whose message is the
    /// failure details as protobuf JSON (src/Worker.Extensions.DurableTask/Execution/DurableFunctionExecutor.Activity.cs,
    /// Exceptions/DurableSerializationException.cs); the worker sends that message to the host, which parses it back
    /// (<c>TryExtractSerializedFailureDetailsFromException</c> in src/WebJobs.Extensions.DurableTask/OutOfProcMiddleware.cs)
    /// into the TaskFailed event's failure details. The extension's own (internal) class makes the message here.
    /// </summary>
    public static P.TaskFailureDetails FailureOf(Exception thrown)
    {
        Type type = typeof(OrchestrationTriggerAttribute).Assembly.GetType(ExceptionTypeName)
            ?? throw new InvalidOperationException($"The Durable extension has no {ExceptionTypeName}.");
        ConstructorInfo constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => c.GetParameters() is [{ } first, ..] && first.ParameterType == typeof(Exception))
            .OrderByDescending(c => c.GetParameters().Length)
            .First();
        object?[] arguments = [thrown, .. constructor.GetParameters().Skip(1).Select(_ => (object?)null)];
        var wrapped = (Exception)constructor.Invoke(arguments);
        string firstLine = wrapped.ToString().Split('\n')[0].Trim();
        return JsonParser.Default.Parse<P.TaskFailureDetails>(firstLine);
    }
}
