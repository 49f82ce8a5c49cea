using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vpcep.Emulator;

namespace Vpcep.HuaweiCloud.Tests.Infrastructure;

/// <summary>
/// One in-process emulator per test class, on a free loopback port. Its request counters and faults are
/// global, so tests of one class run one after the other (xunit's default) and reset it first.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    public const string AccessKey = EmulatorOptions.DefaultAccessKey;
    public const string SecretKey = EmulatorOptions.DefaultSecretKey;

    public const string VpcId = "84758cf5-9c62-43ae-a778-3dbd8370c0a4";
    public const string SubnetId = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de";
    public const string InterfaceServiceId = "e0c748b7-d982-47df-ba06-b9c8c7650c1a";
    public const string InterfaceServiceName = "com.example.cn-north-4.orders";
    public const string ApprovalServiceId = "5f0a1c3e-7b7d-4a8e-9a51-3f1d2a6c9b01";
    public const string GatewayServiceId = "9c1e5d2a-4b3f-4e6a-8d7c-2a1b0c9d8e02";
    public const string GatewayServiceName = "com.myhuaweicloud.cn-north-4.obs";

    private WebApplication? app;
    private readonly HttpClient admin = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Extra emulator arguments (a derived fixture adds credentials, for example).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>The emulator's clock; the system clock unless a derived fixture brings one the tests move.</summary>
    protected virtual TimeProvider? Time => null;

    public async Task InitializeAsync()
    {
        app = EmulatorApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Emulator:CreationDelay=00:00:00.150",
            "--Emulator:DeletionDelay=00:00:00.100",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraArguments,
        ],
        time: Time);
        await app.StartAsync();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        admin.BaseAddress = BaseUrl;
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A fresh 32-hex project id, so tests never see each other's endpoints.</summary>
    public static ProjectScope NewProject() => new(Guid.NewGuid().ToString("N"));

    /// <summary>Clears endpoints, counters and faults.</summary>
    public async Task ResetAsync()
    {
        using HttpResponseMessage response = await admin.PostAsync(new Uri("/_emulator/reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Replaces the faults; <paramref name="json"/> is the emulator's FaultSettings in snake_case.</summary>
    public async Task SetFaultsAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await admin.PutAsync(new Uri("/_emulator/faults", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Fails the next <paramref name="count"/> calls of <paramref name="operation"/> with a status and code.</summary>
    public Task FailNextAsync(string operation, int count, int status, string code) =>
        SetFaultsAsync(
            $$"""{"operations":{"{{operation}}":{"fail_next":{{count}},"error_status":{{status}},"error_code":"{{code}}"}""" + "}}");

    /// <summary>How many requests of <paramref name="operation"/> the emulator received since the last reset.</summary>
    public async Task<long> RequestCountAsync(string operation)
    {
        Dictionary<string, long>? counts = await admin.GetFromJsonAsync<Dictionary<string, long>>(new Uri("/_emulator/requests", UriKind.Relative));
        return counts!.GetValueOrDefault(operation);
    }

    /// <summary>A service provider with the clients pointed at this emulator.</summary>
    public ServiceProvider CreateServices(
        string? secretKey = SecretKey,
        IDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        string accessKey = AccessKey)
    {
        var values = new Dictionary<string, string?>
        {
            ["HuaweiCloud:BaseUrl"] = BaseUrl.ToString(),
            ["HuaweiCloud:AccessKey"] = accessKey,
            ["HuaweiCloud:SecretKey"] = secretKey,
            ["HuaweiCloud:MaxAttempts"] = "4",
            ["HuaweiCloud:BaseDelay"] = "00:00:00.005",
            ["HuaweiCloud:MaxDelay"] = "00:00:00.050",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddHuaweiCloud(configuration);
        return services.BuildServiceProvider();
    }
}
