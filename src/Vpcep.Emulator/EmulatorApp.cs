using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vpcep.Emulator.Admin;
using Vpcep.Emulator.Api;
using Vpcep.Emulator.Auth;
using Vpcep.Emulator.Faults;
using Vpcep.Emulator.Hosting;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator;

/// <summary>
/// Builds the emulator as a <see cref="WebApplication"/>, so it runs as a program (<c>Program.cs</c>)
/// or in-process inside tests (<c>Build(["--urls", "http://127.0.0.1:0"])</c>, then <c>StartAsync</c>).
/// </summary>
public static class EmulatorApp
{
    /// <summary>Where the emulator listens unless <c>--urls</c> or <c>EMULATOR_URLS</c> says otherwise: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the emulator.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--Emulator:TimeScale=0.1</c>, ...).</param>
    /// <param name="configure">Changes the options after configuration binding (tests use it); the result is validated.</param>
    /// <param name="time">The emulator's clock; the system clock unless a test brings one it controls.</param>
    public static WebApplication Build(string[] args, Action<EmulatorOptions>? configure = null, TimeProvider? time = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name,

            // appsettings.json and fixtures.json sit next to the executable, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });

        string urls = builder.Configuration["urls"] ?? Environment.GetEnvironmentVariable("EMULATOR_URLS") ?? DefaultUrl;
        builder.WebHost.UseUrls(urls);

        // One line per log entry: the request log is meant to be read as a tail.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        builder.Services.AddOptions<EmulatorOptions>()
            .Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>());
        if (configure is not null)
        {
            builder.Services.PostConfigure(configure);
        }

        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<LifecycleClock>();
        builder.Services.AddSingleton<Catalog>();
        builder.Services.AddSingleton<EndpointRegistry>();
        builder.Services.AddSingleton<EndpointRules>();
        builder.Services.AddSingleton<RequestCounter>();
        builder.Services.AddSingleton<SmnOutbox>();
        builder.Services.AddSingleton<CallbackSink>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<SignatureVerifier>();

        WebApplication app = builder.Build();

        // Load fixtures and check the settings now, so a broken fixtures file or an invalid setting stops the start
        // (OptionsValidationException naming the setting) instead of the first request.
        _ = app.Services.GetRequiredService<Catalog>();
        _ = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;

        // Routing first: the middlewares below need the matched operation name.
        app.UseRouting();
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseMiddleware<FaultMiddleware>();

        app.MapEndpointsApi();
        app.MapEndpointServicesApi();
        app.MapQuotasApi();
        app.MapTagsApi();
        app.MapNetworkApi();
        app.MapSmnApi();
        app.MapAdminApi();
        app.MapFallback(static (HttpContext context) =>
            throw Errors.ResourceNotFound($"No such API: {context.Request.Method} {context.Request.Path}."));
        return app;
    }
}
