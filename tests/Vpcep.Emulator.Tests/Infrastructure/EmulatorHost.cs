using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.Emulator.Tests.Infrastructure;

/// <summary>An emulator started in-process on a free loopback port, spoken to over real HTTP.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public static readonly HuaweiCredentials DefaultCredentials = new(EmulatorOptions.DefaultAccessKey, EmulatorOptions.DefaultSecretKey);

    private EmulatorHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Admin = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>An unsigned client, for the admin API.</summary>
    public HttpClient Admin { get; }

    public static async Task<EmulatorHost> StartAsync(Action<EmulatorOptions>? configure = null, TimeProvider? time = null)
    {
        WebApplication app = EmulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            configure,
            time);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address));
    }

    /// <summary>A client that signs every request with <paramref name="credentials"/> at <paramref name="clock"/> time.</summary>
    public HttpClient CreateClient(HuaweiCredentials? credentials = null, Func<DateTimeOffset>? clock = null, TimeSpan? timeout = null) =>
        new(new SigningHandler(credentials ?? DefaultCredentials, clock ?? (() => DateTimeOffset.UtcNow)) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Signs requests with the client library's signer, as a real client would.</summary>
public sealed class SigningHandler(HuaweiCredentials credentials, Func<DateTimeOffset> clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SdkHmacSha256Signer.SignAsync(request, credentials, clock(), cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One emulator per test class, with short delays.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(o =>
        {
            o.TimeScale = 0.01;
            o.CreationDelay = TimeSpan.FromSeconds(2);
        });
        Client = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
