using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;
using Vpcep.Provisioning.Activities;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>
/// Callback URL safety at delivery: the <c>Callbacks</c> client as the hosts register it resolves the host itself,
/// refuses non-public addresses unless allow-listed, connects only to what it vetted, follows no redirect, refuses http
/// and credentials, and never logs credentials. Real servers here listen on 127.0.0.1 only; names come from a fake
/// resolver and no public address is ever connected to.
/// </summary>
public sealed class CallbackDeliveryTests
{
    private const string InstanceId = "vpcep-0123456789abcdef0123456789abcdef";

    private readonly FakeCallbackResolver resolver = new();
    private readonly LogLines logs = new();
    private readonly ProvisioningOutcome outcome = new()
    {
        InstanceId = InstanceId,
        Result = ProvisioningResult.Accepted,
        ProjectId = RequestDocuments.ProjectId,
    };

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<ICallbackHostResolver>(resolver);
        return services.AddProvisioning(configuration).BuildServiceProvider();
    }

    private static INotificationChannel Webhook(ServiceProvider services) =>
        services.GetServices<INotificationChannel>().Single(channel => channel.Name == NotificationChannels.Webhook);

    private Task<DeliveryResult> DeliverAsync(ServiceProvider services, string url)
    {
        NotificationDocument document = NotificationDocument.For(outcome);
        return Webhook(services).DeliverAsync(
            new NotificationMessage(document.EventId, document.EventType, document.Subject, document.Body()), url, CancellationToken.None);
    }

    private static string Port(LoopbackSink sink) => sink.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_connector_refuses_a_name_that_resolves_to_a_private_address_before_connecting()
    {
        resolver.Answer("hooks.example.com", "10.0.0.7");
        var connector = new CallbackConnector(resolver.Check());

        var refused = await Assert.ThrowsAsync<CallbackTargetRefusedException>(() => connector.ConnectAsync(new DnsEndPoint("hooks.example.com", 443), CancellationToken.None).AsTask());

        Assert.Equal(ValidationCodes.CallbackUrlResolvesNotPublic, refused.Code);
        Assert.Equal(
            "Callback refused: The callback URL's host hooks.example.com resolves to 10.0.0.7, a private address (10.0.0.0/8, RFC 1918); callbacks go only to public addresses unless Notifications:AllowedHosts names the host.",
            refused.Message);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fd00::1")]
    public async Task The_connector_refuses_an_address_host_that_is_not_public_without_asking_dns(string host)
    {
        var connector = new CallbackConnector(resolver.Check());

        var refused = await Assert.ThrowsAsync<CallbackTargetRefusedException>(() => connector.ConnectAsync(new DnsEndPoint(host, 443), CancellationToken.None).AsTask());

        Assert.Equal(ValidationCodes.CallbackUrlNotPublic, refused.Code);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task A_name_whose_answer_turns_internal_after_intake_is_refused_when_connecting()
    {
        // DNS rebinding: a public answer at intake, loopback at delivery.
        resolver.AnswerInTurn("rebind.example.com", ["93.184.216.34"], ["127.0.0.1"]);
        CallbackHostCheck check = resolver.Check();

        CallbackTargetProblem? atIntake = Assert.Single(await check.CheckAllAsync(["https://rebind.example.com/hook"], CancellationToken.None));
        var refused = await Assert.ThrowsAsync<CallbackTargetRefusedException>(
            () => new CallbackConnector(check).ConnectAsync(new DnsEndPoint("rebind.example.com", 443), CancellationToken.None).AsTask());

        Assert.Null(atIntake);
        Assert.Contains("resolves to 127.0.0.1, a loopback address", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["rebind.example.com", "rebind.example.com"], resolver.Asked);
    }

    [Fact]
    public async Task A_loopback_sink_that_is_not_allow_listed_is_refused_when_connecting_and_receives_nothing()
    {
        await using var sink = new LoopbackSink();
        using ServiceProvider services = Services(("Notifications:AllowHttp", "true"));

        DeliveryResult result = await DeliverAsync(services, sink.Url("/hook").ToString());

        // Refused, not retried: no later attempt can reach a refused address.
        Assert.Equal(DeliveryVerdicts.Refused, result.Verdict);
        Assert.Null(result.StatusCode);
        Assert.StartsWith("Callback refused: The callback URL's host is 127.0.0.1, a loopback address (127.0.0.0/8", result.Error, StringComparison.Ordinal);
        Assert.Empty(sink.Requests);
        Assert.Contains(logs.Lines, line => line.Contains("was refused when connecting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_allow_listed_loopback_sink_is_reached()
    {
        await using var sink = new LoopbackSink();
        using ServiceProvider services = Services(("Notifications:AllowHttp", "true"), ("Notifications:AllowedHosts:0", $"127.0.0.1:{Port(sink)}"));

        DeliveryResult result = await DeliverAsync(services, sink.Url("/hook").ToString());

        Assert.Equal(DeliveryResult.Delivered(200), result);
        Assert.Equal(["POST /hook HTTP/1.1"], sink.Requests);
    }

    [Fact]
    public async Task An_allow_listed_name_is_reached_at_the_address_it_resolves_to_and_the_same_name_unlisted_is_refused()
    {
        await using var sink = new LoopbackSink();
        resolver.Answer("sink.internal.example", "127.0.0.1");
        string url = $"http://sink.internal.example:{Port(sink)}/hook";
        using ServiceProvider trusting = Services(("Notifications:AllowHttp", "true"), ("Notifications:AllowedHosts:0", $"sink.internal.example:{Port(sink)}"));
        using ServiceProvider strict = Services(("Notifications:AllowHttp", "true"));

        DeliveryResult reached = await DeliverAsync(trusting, url);
        DeliveryResult refused = await DeliverAsync(strict, url);

        Assert.Equal(DeliveryVerdicts.Delivered, reached.Verdict);
        Assert.Equal(["POST /hook HTTP/1.1"], sink.Requests);
        Assert.Equal(DeliveryVerdicts.Refused, refused.Verdict);
        Assert.Contains("sink.internal.example resolves to 127.0.0.1, a loopback address", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_the_delivery_fails_naming_the_302_and_the_target_is_never_hit()
    {
        await using var target = new LoopbackSink();
        await using var redirecting = new LoopbackSink("302 Found", target.Url("/stolen").ToString());
        using ServiceProvider services = Services(
            ("Notifications:AllowHttp", "true"),
            ("Notifications:AllowedHosts:0", $"127.0.0.1:{Port(redirecting)}"),
            ("Notifications:AllowedHosts:1", $"127.0.0.1:{Port(target)}"));

        DeliveryResult result = await DeliverAsync(services, redirecting.Url("/hook").ToString());

        Assert.NotEqual(DeliveryVerdicts.Delivered, result.Verdict);
        Assert.Equal(302, result.StatusCode);
        Assert.Contains("answered 302 Found", result.Error, StringComparison.Ordinal);
        Assert.Equal(["POST /hook HTTP/1.1"], redirecting.Requests);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task The_notify_activity_records_the_refusal_as_the_attempts_verdict_and_error()
    {
        using ServiceProvider services = Services(("Notifications:AllowHttp", "true"));
        var activity = new NotifyActivity(services.GetServices<INotificationChannel>(), TimeProvider.System);

        NotificationAttempt attempt = await activity.RunAsync(
            Substitute.For<TaskActivityContext>(),
            new NotificationInput(NotificationChannels.Webhook, "http://169.254.169.254/latest/meta-data", NotificationDocument.For(outcome)));

        Assert.Equal(DeliveryVerdicts.Refused, attempt.Verdict);
        Assert.StartsWith(
            "Callback refused: The callback URL's host is 169.254.169.254, a link-local address (169.254.0.0/16, RFC 3927)",
            attempt.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_is_refused_before_anything_is_sent_unless_allowed()
    {
        await using var sink = new LoopbackSink();
        using ServiceProvider services = Services(("Notifications:AllowedHosts:0", $"127.0.0.1:{Port(sink)}"));

        DeliveryResult result = await DeliverAsync(services, sink.Url("/hook").ToString());

        Assert.Equal(DeliveryVerdicts.Refused, result.Verdict);
        Assert.StartsWith("Callback refused: The callback URL must use https", result.Error, StringComparison.Ordinal);
        Assert.Empty(sink.Requests);
    }

    [Fact]
    public async Task A_url_with_credentials_is_refused_before_anything_is_sent_and_they_are_never_logged()
    {
        await using var sink = new LoopbackSink();
        using ServiceProvider services = Services(("Notifications:AllowHttp", "true"), ("Notifications:AllowedHosts:0", $"127.0.0.1:{Port(sink)}"));

        DeliveryResult result = await DeliverAsync(services, $"http://bot:s3cret@127.0.0.1:{Port(sink)}/hook");

        Assert.Equal(DeliveryVerdicts.Refused, result.Verdict);
        Assert.Contains("must not carry credentials", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Error, StringComparison.Ordinal);
        Assert.Empty(sink.Requests);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delivery_is_logged_without_the_query_values()
    {
        await using var sink = new LoopbackSink();
        using ServiceProvider services = Services(("Notifications:AllowHttp", "true"), ("Notifications:AllowedHosts:0", $"127.0.0.1:{Port(sink)}"));

        await DeliverAsync(services, sink.Url("/hook?token=abc123").ToString());

        // HttpClientFactory's own request log (.NET 10) replaces query values with '*' and never writes user information.
        Assert.Contains(logs.Lines, line => line.Contains($"POST http://127.0.0.1:{Port(sink)}/hook?*", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("abc123", StringComparison.Ordinal));
    }

    /// <summary>Every log line written (message and exception), to search for what must not be there.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
