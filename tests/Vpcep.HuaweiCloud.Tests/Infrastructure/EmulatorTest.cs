using Microsoft.Extensions.DependencyInjection;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud.Tests.Infrastructure;

/// <summary>Base of tests against the emulator: resets it, and gives a client and a fresh project per test.</summary>
public abstract class EmulatorTest(EmulatorFixture emulator) : IAsyncLifetime
{
    private ServiceProvider? services;

    protected EmulatorFixture Emulator { get; } = emulator;

    protected ProjectScope Project { get; } = EmulatorFixture.NewProject();

    protected VpcepClient Vpcep => Services.GetRequiredService<VpcepClient>();

    protected VpcClient Vpc => Services.GetRequiredService<VpcClient>();

    protected ServiceProvider Services => services ??= Emulator.CreateServices();

    public virtual Task InitializeAsync() => Emulator.ResetAsync();

    public virtual async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    protected static CreateEndpointRequest InterfaceEndpoint(params ResourceTag[] tags) => new()
    {
        EndpointServiceId = EmulatorFixture.InterfaceServiceId,
        VpcId = EmulatorFixture.VpcId,
        SubnetId = EmulatorFixture.SubnetId,
        EnableDns = true,
        Tags = tags.Length == 0 ? null : tags,
    };

    protected static CreateEndpointRequest GatewayEndpoint() => new()
    {
        EndpointServiceId = EmulatorFixture.GatewayServiceId,
        VpcId = EmulatorFixture.VpcId,
    };

    /// <summary>Polls until the endpoint leaves <c>creating</c> (the emulator takes 150 ms).</summary>
    protected async Task<VpcEndpoint> WaitUntilCreatedAsync(string id)
    {
        for (int i = 0; i < 100; i++)
        {
            VpcEndpoint endpoint = await Vpcep.GetEndpointAsync(Project, id);
            if (endpoint.Status != EndpointStatus.Creating)
            {
                return endpoint;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Endpoint {id} stayed creating.");
    }
}
