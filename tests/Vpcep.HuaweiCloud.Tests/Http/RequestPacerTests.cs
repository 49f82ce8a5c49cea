using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using NSubstitute;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;
using static Vpcep.HuaweiCloud.Tests.Infrastructure.ScriptedHandler;

namespace Vpcep.HuaweiCloud.Tests.Http;

/// <summary>
/// Pacing is a seam: every attempt of a call asks the registered <see cref="IRequestPacer"/> for a turn before it is
/// sent. The client registers its in-process pacer by default; a host can put a shared one in its place.
/// </summary>
public class RequestPacerTests
{
    private const string Project = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Every_attempt_of_a_call_asks_the_registered_pacer_for_a_turn_for_its_project()
    {
        IRequestPacer pacer = Substitute.For<IRequestPacer>();
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.InternalServerError, "EndPoint.0001"),
            _ => Json(HttpStatusCode.OK, """{"id":"e1","status":"accepted"}"""));
        using ServiceProvider services = Services(handler, s => s.AddSingleton<IRequestPacer>(pacer));

        await services.GetRequiredService<VpcepClient>().GetEndpointAsync(new ProjectScope(Project), "e1");

        Assert.Equal(2, handler.Count);
        await pacer.Received(2).WaitForTurnAsync(Project, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_call_waits_until_the_pacer_gives_it_a_turn()
    {
        var turn = new TaskCompletionSource();
        var pacer = new GatedPacer(turn.Task);
        var handler = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"id":"e1","status":"accepted"}"""));
        using ServiceProvider services = Services(handler, s => s.AddSingleton<IRequestPacer>(pacer));

        Task<VpcEndpoint> call = services.GetRequiredService<VpcepClient>().GetEndpointAsync(new ProjectScope(Project), "e1");
        await Task.Delay(50);
        Assert.Equal(0, handler.Count);
        turn.SetResult();
        await call;

        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public void Without_another_pacer_the_client_paces_in_this_process()
    {
        using ServiceProvider services = Services(new ScriptedHandler(_ => Json(HttpStatusCode.OK, "{}")), _ => { });

        Assert.IsType<InProcessRequestPacer>(services.GetRequiredService<IRequestPacer>());
    }

    private static ServiceProvider Services(ScriptedHandler handler, Action<IServiceCollection> replace)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HuaweiCloud:BaseUrl"] = "http://fake.invalid",
            ["HuaweiCloud:AccessKey"] = "ak",
            ["HuaweiCloud:SecretKey"] = "sk",
            ["HuaweiCloud:BaseDelay"] = "00:00:00",
            ["HuaweiCloud:MaxRequestsPerSecondPerProject"] = "100",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        replace(services);
        services.AddHuaweiCloud(configuration);
        services.Configure<HttpClientFactoryOptions>(HuaweiApiPipeline.HttpClientName, o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = handler));
        return services.BuildServiceProvider();
    }

    private sealed class GatedPacer(Task turn) : IRequestPacer
    {
        public ValueTask WaitForTurnAsync(string projectId, CancellationToken cancellationToken) => new(turn.WaitAsync(cancellationToken));
    }
}
