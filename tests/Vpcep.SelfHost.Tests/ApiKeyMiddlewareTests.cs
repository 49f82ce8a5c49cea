using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.Api;

namespace Vpcep.SelfHost.Tests;

/// <summary>API keys carry an identity: a named caller's key sets its <see cref="Caller"/>, a shared key is the operator.</summary>
public sealed class ApiKeyMiddlewareTests
{
    private static SelfHostOptions Options()
    {
        var options = new SelfHostOptions();
        options.ApiKeys.Add("shared-key");
        options.Callers["alice"] = new CallerOptions { Key = "alice-key" };
        var bob = new CallerOptions { Key = "bob-key", Admin = true };
        bob.Projects.Add("6e9dfd51d1124e8d8498dce894923a0d");
        options.Callers["bob"] = bob;
        return options;
    }

    private static async Task<(int Status, Caller? Caller, bool Passed)> CallAsync(SelfHostOptions options, string? key, string path = "/api/vpc-endpoints")
    {
        IOptionsMonitor<SelfHostOptions> monitor = Substitute.For<IOptionsMonitor<SelfHostOptions>>();
        monitor.CurrentValue.Returns(options);
        Caller? seen = null;
        bool passed = false;
        var middleware = new ApiKeyMiddleware(context => { passed = true; seen = Caller.Of(context); return Task.CompletedTask; }, monitor);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (key is not null)
        {
            context.Request.Headers[ApiKeyMiddleware.KeyHeader] = key;
        }

        await middleware.InvokeAsync(context);
        return (context.Response.StatusCode, seen, passed);
    }

    [Fact]
    public async Task A_named_callers_key_lets_it_in_as_itself_with_its_projects_and_role()
    {
        (_, Caller? alice, bool alicePassed) = await CallAsync(Options(), "alice-key");
        (_, Caller? bob, _) = await CallAsync(Options(), "bob-key");

        Assert.True(alicePassed);
        Assert.Equal("alice", alice?.Name);
        Assert.False(alice?.IsAdmin);
        Assert.Empty(alice!.Projects);
        Assert.Equal("bob", bob?.Name);
        Assert.True(bob?.IsAdmin);
        Assert.Equal(["6e9dfd51d1124e8d8498dce894923a0d"], bob!.Projects);
    }

    [Fact]
    public async Task A_shared_key_is_the_operator_who_reads_everything()
    {
        (_, Caller? caller, bool passed) = await CallAsync(Options(), "shared-key");

        Assert.True(passed);
        Assert.Equal(ApiKeyMiddleware.OperatorName, caller?.Name);
        Assert.True(caller?.IsAdmin);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alice-key ")]
    [InlineData("someone-else")]
    public async Task A_missing_or_unknown_key_is_401_and_goes_no_further(string? key)
    {
        (int status, _, bool passed) = await CallAsync(Options(), key);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.False(passed);
    }

    [Fact]
    public async Task Without_any_key_configured_nothing_is_asked_and_no_caller_is_set()
    {
        (_, Caller? caller, bool passed) = await CallAsync(new SelfHostOptions(), null);

        Assert.True(passed);
        Assert.Null(caller);
    }

    [Fact]
    public async Task The_health_check_needs_no_key()
    {
        (_, _, bool passed) = await CallAsync(Options(), null, "/healthz");

        Assert.True(passed);
    }

    [Fact]
    public void A_caller_without_a_key_or_with_another_callers_key_is_refused_at_start()
    {
        SelfHostOptions options = Options();
        options.Callers["carol"] = new CallerOptions { Key = "alice-key" };
        options.Callers["dave"] = new CallerOptions { Key = " " };

        ValidateOptionsResult result = new SelfHostOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("SelfHost:Callers:carol:Key", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("SelfHost:Callers:dave:Key", StringComparison.Ordinal));
    }
}
