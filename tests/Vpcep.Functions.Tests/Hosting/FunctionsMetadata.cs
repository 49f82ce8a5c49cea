using System.Reflection;
using System.Text.Json.Nodes;

namespace Vpcep.Functions.Tests.Hosting;

/// <summary>One binding of a function as <c>functions.metadata</c> lists it.</summary>
/// <param name="Name">The parameter (or output property) it binds; <c>$return</c> for the return value.</param>
/// <param name="Type">The binding type, e.g. <c>orchestrationTrigger</c>, <c>httpTrigger</c>, <c>durableClient</c>.</param>
/// <param name="Direction"><c>In</c> or <c>Out</c>.</param>
/// <param name="Json">The whole binding, for its settings (route, methods, queueName, connection...).</param>
public sealed record FunctionBinding(string Name, string Type, string Direction, JsonObject Json)
{
    /// <summary>A setting as text, or null.</summary>
    public string? Setting(string name) => Json[name]?.GetValue<string>();

    /// <summary>Whether this binding triggers the function.</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.Ordinal);
}

/// <summary>One function as <c>functions.metadata</c> lists it.</summary>
public sealed record FunctionEntry(string Name, string ScriptFile, string EntryPoint, string Language, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>The function's trigger binding (exactly one is expected).</summary>
    public FunctionBinding Trigger => Bindings.Single(b => b.IsTrigger);

    /// <summary>The method the entry point names, in the Functions app's assembly, or null when there is none.</summary>
    public MethodInfo? Method
    {
        get
        {
            int dot = EntryPoint.LastIndexOf('.');
            Type? type = dot > 0 ? FunctionsApp.Assembly.GetType(EntryPoint[..dot]) : null;
            return type?.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .SingleOrDefault(m => m.Name == EntryPoint[(dot + 1)..]);
        }
    }
}

/// <summary>
/// The <c>functions.metadata</c> the worker SDK generated when the Functions app was built: what the Functions host reads
/// to know the app's functions and their bindings (Azure/azure-functions-dotnet-worker, sdk/Sdk/Tasks/GenerateFunctionMetadata.cs).
/// </summary>
/// <remarks>
/// The SDK writes it to the app's intermediate folder and adds it to the app's copy-to-output items
/// (<c>_FunctionsExtensionAssignTargetPaths</c> in Microsoft.Azure.Functions.Worker.Sdk.targets); the .NET SDK copies
/// such items of a referenced project into the referencing project's output, so the test project's output holds the
/// file of the app it references, rebuilt whenever the app is.
/// </remarks>
public static class FunctionsMetadata
{
    /// <summary>The file's name.</summary>
    public const string FileName = "functions.metadata";

    /// <summary>Reads and parses the file next to the tests.</summary>
    public static IReadOnlyList<FunctionEntry> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{FileName} is not in the test output ({AppContext.BaseDirectory}): the Functions app's build did not produce it or it was not copied.");
        }

        JsonArray functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return [.. functions.Select(f => f!.AsObject()).Select(f => new FunctionEntry(
            Text(f, "name"),
            Text(f, "scriptFile"),
            Text(f, "entryPoint"),
            Text(f, "language"),
            [.. f["bindings"]!.AsArray().Select(b => b!.AsObject()).Select(b => new FunctionBinding(Text(b, "name"), Text(b, "type"), Text(b, "direction"), b))]))];
    }

    /// <summary>The function of that name.</summary>
    public static FunctionEntry Function(this IReadOnlyList<FunctionEntry> functions, string name) =>
        functions.SingleOrDefault(f => f.Name == name)
        ?? throw new InvalidOperationException($"{FileName} has no function named '{name}'; it has: {string.Join(", ", functions.Select(f => f.Name))}.");

    /// <summary>The names of the functions triggered by bindings of that type.</summary>
    public static ISet<string> NamesTriggeredBy(this IReadOnlyList<FunctionEntry> functions, string triggerType) =>
        functions.Where(f => f.Bindings.Any(b => b.IsTrigger && b.Type == triggerType)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    private static string Text(JsonObject o, string name) => o[name]?.GetValue<string>() ?? "";
}
