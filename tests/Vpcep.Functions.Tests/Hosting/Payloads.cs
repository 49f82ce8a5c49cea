using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using P = Microsoft.DurableTask.Protobuf;

namespace Vpcep.Functions.Tests.Hosting;

/// <summary>Reading and writing the payloads of orchestrator requests and responses as the Functions app does.</summary>
public static class Payloads
{
    /// <summary>A value as the orchestrations of the app write it (inputs of actions, events, outputs).</summary>
    public static string Json(this FunctionsApp app, object value) => app.DataConverter.Serialize(value)!;

    /// <summary>
    /// An activity function's return value as it comes back in the TaskCompleted event: the worker returns it serialized
    /// with its serializer (<c>WorkerOptions.Serializer</c>) and the host records that JSON as the result
    /// (<c>CallActivityAsync</c> in src/WebJobs.Extensions.DurableTask/OutOfProcMiddleware.cs).
    /// </summary>
    public static string ActivityResult(this FunctionsApp app, object value) =>
        app.Serializer.Serialize(value, value.GetType(), CancellationToken.None)!.ToString();

    /// <summary>Asserts two JSON documents are the same tree (member order aside).</summary>
    public static void SameJson(string? expected, string? actual)
    {
        JsonNode? e = expected is null ? null : JsonNode.Parse(expected);
        JsonNode? a = actual is null ? null : JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"Expected JSON\n{expected}\nbut got\n{actual}");
    }

    /// <summary>The only action of a response, asserted to be of that kind.</summary>
    public static P.OrchestratorAction Single(this P.OrchestratorResponse response, P.OrchestratorAction.OrchestratorActionTypeOneofCase kind)
    {
        P.OrchestratorAction action = Assert.Single(response.Actions);
        Assert.Equal(kind, action.OrchestratorActionTypeCase);
        return action;
    }

    /// <summary>
    /// The input of a scheduled activity as the activity function receives it. The orchestration schedules it wrapped in a
    /// one-element array (DurableTask.Core's ScheduleTask takes a parameter array); for a .NET isolated app the host unwraps
    /// it and binds the element's JSON (<c>DurableActivityContext.GetInputAsJson</c>, "inputsAreArrays", in
    /// src/WebJobs.Extensions.DurableTask/ContextImplementations/DurableActivityContext.cs), which the extension's
    /// <c>ActivityInputConverter</c> reads with the app's converter (src/Worker.Extensions.DurableTask/ActivityInputConverter.cs).
    /// The function <c>functions.metadata</c> names must exist and be an activity trigger taking <typeparamref name="T"/>.
    /// </summary>
    public static T ActivityInput<T>(this FunctionsApp app, IReadOnlyList<FunctionEntry> functions, P.ScheduleTaskAction task)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(task);
        FunctionEntry entry = functions.Function(task.Name);
        Assert.Equal("activityTrigger", entry.Trigger.Type);
        MethodInfo method = entry.Method ?? throw new InvalidOperationException($"No method for {entry.EntryPoint}.");
        Type parameterType = method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;
        Assert.Equal(typeof(T), parameterType);
        JsonArray wrapped = Assert.IsType<JsonArray>(JsonNode.Parse(task.Input));
        JsonNode? element = Assert.Single(wrapped);
        return (T)app.DataConverter.Deserialize(element?.ToJsonString(), parameterType)!;
    }

    /// <summary>A payload read with the converter a reader of the task hub uses (the API's DurableTaskClient).</summary>
    public static T Read<T>(this DataConverter converter, string? json) => converter.Deserialize<T>(json)!;
}
