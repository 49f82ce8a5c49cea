using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.Functions.Tests.Hosting;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Orchestrations;
using Vpcep.Provisioning.Validation;
using static Vpcep.Functions.Tests.Hosting.OrchestratorSession;
using Kind = Microsoft.DurableTask.Protobuf.OrchestratorAction.OrchestratorActionTypeOneofCase;
using P = Microsoft.DurableTask.Protobuf;

namespace Vpcep.Functions.Tests.Runner;

/// <summary>A request submitted through the Functions app's own intake and run as its request orchestrator function.</summary>
public sealed class RequestRuns(FunctionsApp app, IReadOnlyList<FunctionEntry> functions, FakeTaskHub hub, DateTime start)
{
    /// <summary>Submits the seed request; returns its input, the input as the app's client writes it, and a session for its instance.</summary>
    public async Task<(ProvisioningInput Input, string Json, OrchestratorSession Session)> SubmitAsync()
    {
        ProvisioningIntake intake = app.Services.GetRequiredService<ProvisioningIntake>();
        Submission submitted = await intake.SubmitAsync(hub.Client, Encoding.UTF8.GetBytes(RequestDocuments.SeedExample), "functions-proof", CancellationToken.None);
        Assert.Equal(SubmissionKind.Started, submitted.Kind);
        Scheduled scheduled = Assert.Single(hub.Schedules, s => s.Name == ProvisionEndpointOrchestrator.Name);
        var input = (ProvisioningInput)scheduled.Input!;
        return (input, app.ClientDataConverter.Serialize(input)!, new OrchestratorSession(app, functions.Function(ProvisionEndpointOrchestrator.Name), scheduled.InstanceId!));
    }

    /// <summary>
    /// Runs a request from its start to its notification (validated, created, the watcher's word that its endpoint
    /// settled as <paramref name="status"/>, 11 s after the start); returns the notify action.
    /// </summary>
    public P.OrchestratorAction RunToNotification(OrchestratorSession session, string inputJson, string status)
    {
        ArgumentNullException.ThrowIfNull(session);
        EndpointSnapshot made = FakeOrchestration.Endpoint(EndpointStatus.Creating);
        P.OrchestratorAction validate = session.Start(start, inputJson).Single(Kind.ScheduleTask);
        P.OrchestratorAction create = session.Run(start.AddSeconds(1), TaskCompleted(validate.Id, app.ActivityResult(Array.Empty<ValidationError>()))).Single(Kind.ScheduleTask);
        Assert.Equal(2, session.Run(start.AddSeconds(2), TaskCompleted(create.Id, app.ActivityResult(new CreateEndpointResult(made, null)))).Actions.Count);
        P.OrchestratorAction notify = session.Run(start.AddSeconds(11), EventRaised(EndpointWatchOrchestrator.SettledEvent, app.Json(made with { Status = status }))).Single(Kind.ScheduleTask);
        Assert.Equal(nameof(NotifyActivity), notify.ScheduleTask.Name);
        return notify;
    }
}
