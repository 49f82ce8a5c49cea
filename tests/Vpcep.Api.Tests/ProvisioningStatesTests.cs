using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Vpcep.Api.Contracts;
using Vpcep.Provisioning.Intake;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Api.Tests;

public class ProvisioningStatesTests
{
    private readonly FakeTaskHub hub = new();

    [Fact]
    public async Task The_state_of_a_running_instance_shows_its_custom_status_and_no_outcome()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(new OrchestrationMetadata(ProvisionEndpointOrchestrator.Name, id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedCustomStatus = """{"phase":"polling","endpoint_id":"ep-1","endpoint_status":"creating","polls":3}""",
            DataConverter = Microsoft.DurableTask.Converters.JsonDataConverter.Default,
        });

        ProvisioningState? state = await ProvisioningStates.ReadAsync(hub.Client, id, CancellationToken.None);

        Assert.NotNull(state);
        Assert.Equal("Running", state.RuntimeStatus);
        Assert.Equal("polling", state.Phase);
        Assert.Equal("ep-1", state.EndpointId);
        Assert.Equal("creating", state.EndpointStatus);
        Assert.Equal(3, state.Polls);
        Assert.Null(state.Outcome);
    }

    [Fact]
    public async Task The_state_of_an_unknown_instance_is_null()
    {
        Assert.Null(await ProvisioningStates.ReadAsync(hub.Client, InstanceIds.For("nobody"), CancellationToken.None));
    }

    [Fact]
    public async Task The_state_of_a_failed_orchestration_carries_its_failure_message()
    {
        string id = InstanceIds.For("order-1234");
        hub.GivenInstances(new OrchestrationMetadata(ProvisionEndpointOrchestrator.Name, id)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            FailureDetails = new TaskFailureDetails("System.InvalidOperationException", "The orchestration was started without input.", null, null, null),
        });

        ProvisioningState? state = await ProvisioningStates.ReadAsync(hub.Client, id, CancellationToken.None);

        Assert.Equal("Failed", state?.RuntimeStatus);
        Assert.Equal("The orchestration was started without input.", state?.Failure);
        Assert.Null(state?.Phase);
    }
}
