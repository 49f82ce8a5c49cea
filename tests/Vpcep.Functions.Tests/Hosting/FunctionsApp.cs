using System.Reflection;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vpcep.Functions.Functions;

namespace Vpcep.Functions.Tests.Hosting;

/// <summary>
/// The Functions app's service provider, built as its Program builds it (<c>FunctionsApplication.CreateBuilder</c>,
/// <c>ConfigureFunctionsWebApplication</c>, <see cref="FunctionsAppServices.AddFunctionsApp"/>) with test settings.
/// The host is built, never started: nothing connects to a Functions host or to storage.
/// </summary>
public sealed class FunctionsApp : IDisposable
{
    /// <summary>The settings every test app gets; a test adds or overrides some.</summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultSettings = new Dictionary<string, string?>
    {
        // A connection string, as on Azure: the storage-backed services are registered (none connects until used).
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["HuaweiCloud:AccessKey"] = "test-ak",
        ["HuaweiCloud:SecretKey"] = "test-sk",
        ["HuaweiCloud:BaseUrl"] = "http://127.0.0.1:9",
        ["Provisioning:DefaultCallbackUrl"] = "https://hooks.example.test/outcomes",
    };

    private readonly IHost host;

    private FunctionsApp(IHost host) => this.host = host;

    /// <summary>The Functions app's assembly (the one <c>functions.metadata</c> names).</summary>
    public static Assembly Assembly { get; } = typeof(ProvisioningFunctions).Assembly;

    /// <summary>The app's root service provider, which the worker hands to functions as <c>FunctionContext.InstanceServices</c>' root.</summary>
    public IServiceProvider Services => host.Services;

    /// <summary>
    /// The converter orchestrations use on Functions: the Durable extension sets it from the worker's serializer
    /// (<c>ObjectConverterShim</c> over <c>WorkerOptions.Serializer</c>), for inputs, outputs, events and activity payloads.
    /// </summary>
    public DataConverter DataConverter => Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;

    /// <summary>The converter the app's <see cref="DurableTaskClient"/> writes orchestration inputs with and reads outputs with.</summary>
    public DataConverter ClientDataConverter => Services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;

    /// <summary>The worker's serializer (activity results go back to the host through it).</summary>
    public ObjectSerializer Serializer => Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
        ?? throw new InvalidOperationException("The worker has no serializer.");

    /// <summary>Builds the app with <see cref="DefaultSettings"/> and <paramref name="settings"/> over them.</summary>
    public static FunctionsApp Build(IReadOnlyDictionary<string, string?>? settings = null)
    {
        FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder([]);
        var all = new Dictionary<string, string?>(DefaultSettings, StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.ConfigureFunctionsWebApplication();
        RunExtensionStartups(builder);
        builder.Services.AddFunctionsApp(builder.Configuration);
        return new FunctionsApp(builder.Build());
    }

    /// <summary>
    /// Runs the worker extensions' startup code (the Durable Task extension's among them: its middleware, converters and
    /// serializer settings) through the executor the worker SDK's source generator put in the Functions app's assembly.
    /// The worker runs it for the entry assembly (<c>RunExtensionStartupCode</c> in Azure/azure-functions-dotnet-worker,
    /// src/DotNetWorker.Core/Hosting/ServiceCollectionExtensions.cs); under the test runner the entry assembly is the test
    /// host, so the worker ran none and it is run here for the app's assembly, as it would be on Azure.
    /// </summary>
    private static void RunExtensionStartups(IFunctionsWorkerApplicationBuilder builder)
    {
        if (Assembly.GetEntryAssembly() == Assembly)
        {
            return;
        }

        WorkerExtensionStartupCodeExecutorInfoAttribute info = Assembly.GetCustomAttribute<WorkerExtensionStartupCodeExecutorInfoAttribute>()
            ?? throw new InvalidOperationException($"{Assembly.GetName().Name} has no generated extension startup executor: was it built with the worker SDK?");
        var executor = (WorkerExtensionStartup)Activator.CreateInstance(info.StartupCodeExecutorType)!;
        executor.Configure(builder);
    }

    /// <inheritdoc/>
    public void Dispose() => host.Dispose();
}
