using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Api;
using Vpcep.Functions.Tests.Hosting;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Queues;
using Vpcep.Provisioning.Validation;
using Vpcep.SelfHost;
using Vpcep.SelfHost.Queues;
using Vpcep.SelfHost.StatusPage;

namespace Vpcep.Functions.Tests.Functions;

/// <summary>
/// What the Functions host would load: the <c>functions.metadata</c> the worker SDK generated from the built app, checked
/// against the code (every function's name and entry point) and against what the workflow calls (orchestrators,
/// activities, the queue, the HTTP routes the self-host serves).
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Assembly Workflow = typeof(ProvisionEndpointOrchestrator).Assembly;

    private readonly IReadOnlyList<FunctionEntry> functions = FunctionsMetadata.Load();

    private static IEnumerable<(MethodInfo Method, string Name)> DeclaredFunctions() =>
        FunctionsApp.Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (m, m.GetCustomAttribute<FunctionAttribute>()!.Name));

    /// <summary>The non-abstract classes of the workflow deriving from <paramref name="generic"/> (TaskOrchestrator&lt;,&gt;, TaskActivity&lt;,&gt;), with its type arguments.</summary>
    private static IEnumerable<(Type Type, Type[] Arguments)> WorkflowClassesOf(Type generic) =>
        Workflow.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .Select(t => (Type: t, Base: BaseOf(t, generic)))
            .Where(t => t.Base is not null)
            .Select(t => (t.Type, t.Base!.GetGenericArguments()));

    private static Type? BaseOf(Type type, Type generic)
    {
        for (Type? b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (b.IsGenericType && b.GetGenericTypeDefinition() == generic)
            {
                return b;
            }
        }

        return null;
    }

    private static void NoneMissing(IEnumerable<string> missing, string what)
    {
        string[] names = [.. missing.Order(StringComparer.Ordinal)];
        Assert.True(names.Length == 0, $"{what}: {string.Join(", ", names)}");
    }

    [Fact]
    public void The_build_output_lists_every_function_of_the_app_with_its_entry_point_and_one_trigger()
    {
        (MethodInfo Method, string Name)[] declared = [.. DeclaredFunctions()];

        NoneMissing(declared.Select(d => d.Name).Except(functions.Select(f => f.Name)), $"[Function]s missing from {FunctionsMetadata.FileName}");
        NoneMissing(functions.Select(f => f.Name).Except(declared.Select(d => d.Name)), $"Functions in {FunctionsMetadata.FileName} the app does not declare");
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(functions, f =>
        {
            MethodInfo method = declared.Single(d => d.Name == f.Name).Method;
            Assert.Equal($"{method.DeclaringType!.FullName}.{method.Name}", f.EntryPoint);
            Assert.Same(method, f.Method);
            Assert.Equal(FunctionsApp.Assembly.GetName().Name + ".dll", f.ScriptFile);
            Assert.Equal("dotnet-isolated", f.Language);
            Assert.Single(f.Bindings, b => b.IsTrigger);

            // Every bound parameter is in the metadata under its own name, with the binding its attribute asks for.
            foreach (ParameterInfo parameter in method.GetParameters())
            {
                string? expected = parameter.GetCustomAttributes().Select(a => a switch
                {
                    OrchestrationTriggerAttribute => "orchestrationTrigger",
                    ActivityTriggerAttribute => "activityTrigger",
                    QueueTriggerAttribute => "queueTrigger",
                    HttpTriggerAttribute => "httpTrigger",
                    DurableClientAttribute => "durableClient",
                    _ => null,
                }).SingleOrDefault(t => t is not null);
                if (expected is not null)
                {
                    Assert.Equal(expected, Assert.Single(f.Bindings, b => b.Name == parameter.Name).Type);
                }
            }
        });
    }

    [Fact]
    public void Every_orchestrator_of_the_workflow_has_an_orchestration_trigger_of_its_name_and_nothing_else_does()
    {
        string[] orchestrators = [.. WorkflowClassesOf(typeof(TaskOrchestrator<,>)).Select(o => (string)o.Type.GetField("Name")!.GetRawConstantValue()!)];
        ISet<string> triggered = functions.NamesTriggeredBy("orchestrationTrigger");

        Assert.Contains(ProvisionEndpointOrchestrator.Name, orchestrators);
        NoneMissing(orchestrators.Except(triggered), "Orchestrators of the workflow with no orchestrationTrigger function of their name");
        NoneMissing(triggered.Except(orchestrators), "orchestrationTrigger functions that run no orchestrator of the workflow");
        Assert.All(triggered, name =>
        {
            ParameterInfo context = Assert.Single(functions.Function(name).Method!.GetParameters());
            Assert.Equal(typeof(TaskOrchestrationContext), context.ParameterType);
            Assert.Equal(context.Name, functions.Function(name).Trigger.Name);
        });
    }

    [Fact]
    public async Task Every_orchestration_the_intakes_start_has_an_orchestration_trigger_of_its_name()
    {
        using FunctionsApp app = FunctionsApp.Build();
        var hub = new FakeTaskHub();
        ProvisioningIntake intake = app.Services.GetRequiredService<ProvisioningIntake>();
        await intake.SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(RequestDocuments.SeedExample), null, CancellationToken.None);
        string batch = $$"""{"batch_id":"b-1","requests":[{{RequestDocuments.SeedExample}}]}""";
        await intake.SubmitBatchAsync(hub.Client, app.Services.GetRequiredService<ProvisioningRequestParser>().ParseBatch(Encoding.UTF8.GetBytes(batch), 500), CancellationToken.None);

        Assert.Equal(
            [EndpointWatchOrchestrator.Name, ProvisionBatchOrchestrator.Name, ProvisionEndpointOrchestrator.Name],
            hub.Schedules.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal));
        NoneMissing(hub.Schedules.Select(s => s.Name).Except(functions.NamesTriggeredBy("orchestrationTrigger")), "Started orchestrations with no orchestrationTrigger function");
    }

    [Fact]
    public void Every_activity_of_the_workflow_has_an_activity_trigger_of_its_name_taking_its_input_and_returning_its_output()
    {
        (Type Type, Type[] Arguments)[] activities = [.. WorkflowClassesOf(typeof(TaskActivity<,>))];
        ISet<string> triggered = functions.NamesTriggeredBy("activityTrigger");

        Assert.Contains(activities, a => a.Type == typeof(Vpcep.Provisioning.Activities.NotifyActivity));
        NoneMissing(activities.Select(a => a.Type.Name).Except(triggered), "Activities of the workflow with no activityTrigger function of their name");
        NoneMissing(triggered.Except(activities.Select(a => a.Type.Name)), "activityTrigger functions that run no activity of the workflow");
        Assert.All(activities, activity =>
        {
            FunctionEntry function = functions.Function(activity.Type.Name);
            MethodInfo method = function.Method!;
            ParameterInfo input = method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
            Assert.Equal(input.Name, function.Trigger.Name);
            Assert.Equal(activity.Arguments[0], input.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(activity.Arguments[1]), method.ReturnType);
        });
    }

    [Fact]
    public void The_queue_trigger_reads_the_queue_the_self_host_reads_and_poisons_into_the_same_poison_queue()
    {
        FunctionEntry queue = Assert.Single(functions, f => f.Trigger.Type == "queueTrigger");
        var selfHost = new QueueListenerOptions();

        Assert.Equal(
            (ProvisioningQueueNames.DefaultQueueName, "AzureWebJobsStorage", "String"),
            (queue.Trigger.Setting("queueName"), queue.Trigger.Setting("connection"), queue.Trigger.Setting("dataType")));
        Assert.Equal(selfHost.QueueName, queue.Trigger.Setting("queueName"));
        FunctionBinding poison = Assert.Single(queue.Bindings, b => b.Direction == "Out");
        Assert.Equal(("queue", ProvisioningQueueNames.DefaultPoisonQueueName), (poison.Type, poison.Setting("queueName")));
        Assert.Equal(selfHost.PoisonQueueName, poison.Setting("queueName"));
        Assert.Contains(queue.Bindings, b => b.Type == "durableClient");
    }

    [Fact]
    public async Task The_HTTP_triggers_serve_the_routes_and_methods_the_self_host_maps_under_api_with_a_function_key()
    {
        // The readiness probe is the one trigger outside the /api contract: anonymous, no durable client (see the next test).
        FunctionEntry[] http = [.. functions.Where(f => f.Trigger.Type == "httpTrigger" && f.Name != ReadinessFunction)];
        string prefix = RoutePrefix();
        string[] served = [.. http.SelectMany(f => f.Trigger.Json["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} /{prefix}/{f.Trigger.Setting("route")}")).Order(StringComparer.Ordinal)];

        await using WebApplication selfHost = SelfHostApp.Build(["--urls=http://127.0.0.1:0"]);
        string[] mapped = [.. ((IEndpointRouteBuilder)selfHost).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)];

        Assert.Contains($"GET {VpcEndpointsApi.Route}/{{instanceId}}", mapped);
        Assert.Equal(mapped, served);
        Assert.All(http, f =>
        {
            Assert.Equal("Function", f.Trigger.Setting("authLevel"));
            Assert.Contains(f.Bindings, b => b.Type == "durableClient");
            Assert.Contains(f.Bindings, b => b is { Name: "$return", Type: "http", Direction: "Out" });
        });
    }

    private const string ReadinessFunction = "Readiness";

    [Fact]
    public async Task The_self_hosts_routes_outside_api_are_its_probes_its_OpenAPI_document_and_its_status_page_which_have_no_HTTP_trigger_of_the_api()
    {
        // The rule of the route comparison above: only /api routes are the shared contract. Outside it the self-host
        // serves its probes (the readiness probe also as the Functions app's anonymous trigger), its OpenAPI document
        // and the operator's status page, which are the self-host's own; a new route outside /api has to be added here.
        await using WebApplication selfHost = SelfHostApp.Build(["--urls=http://127.0.0.1:0"]);
        string[] outside = [.. ((IEndpointRouteBuilder)selfHost).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(route => !route.StartsWith("/api/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        string[] selfHostOwn = [HealthApi.LivenessRoute, HealthApi.ReadinessRoute, "/openapi/{documentName}.json", .. StatusPageApi.Routes];

        Assert.Equal(selfHostOwn.Order(StringComparer.Ordinal), outside);
        Assert.DoesNotContain(functions, f => f.Trigger.Type == "httpTrigger" && StatusPageApi.Routes.Contains("/" + f.Trigger.Setting("route")));
    }

    [Fact]
    public void The_readiness_probe_is_an_anonymous_get_of_readyz_like_the_self_hosts()
    {
        FunctionEntry readiness = Assert.Single(functions, f => f.Name == ReadinessFunction);

        Assert.Equal("httpTrigger", readiness.Trigger.Type);
        Assert.Equal(HealthApi.ReadinessRoute, "/" + readiness.Trigger.Setting("route"));
        Assert.Equal(["get"], readiness.Trigger.Json["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("Anonymous", readiness.Trigger.Setting("authLevel"));
    }

    /// <summary>The HTTP route prefix of the host.json shipped with the app (in the test output beside the metadata); <c>api</c> unless it says otherwise.</summary>
    private static string RoutePrefix()
    {
        JsonNode host = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        return host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }

    /// <summary>
    /// The worker makes a function's class from the invocation's services (<c>DefaultFunctionActivator</c>:
    /// <c>ActivatorUtilities.CreateInstance</c>), so each class must be buildable from the app's provider, with storage
    /// given as a connection string (as on Azure) and as an identity (no connection string).
    /// </summary>
    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData(null)]
    public void Every_function_class_can_be_made_from_the_apps_own_services(string? storage)
    {
        using FunctionsApp app = FunctionsApp.Build(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage });
        using IServiceScope invocation = app.Services.CreateScope();
        Type[] classes = [.. functions.Select(f => f.Method!).Where(m => !m.IsStatic).Select(m => m.DeclaringType!).Distinct()];

        Assert.NotEmpty(classes);
        Assert.All(classes, type => Assert.IsType(type, ActivatorUtilities.CreateInstance(invocation.ServiceProvider, type)));
        Assert.NotNull(invocation.ServiceProvider.GetService<DurableTaskShimFactory>());
    }
}
