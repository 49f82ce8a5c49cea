using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Validation;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>The rules that need no DNS, the allow-list's forms, and the <c>Notifications</c> settings' start-up check.</summary>
public class CallbackTargetPolicyTests
{
    private static CallbackTargetPolicy Policy(bool allowHttp = false, params string[] allowed)
    {
        var options = new CallbackTargetOptions { AllowHttp = allowHttp };
        foreach (string entry in allowed)
        {
            options.AllowedHosts.Add(entry);
        }

        return new CallbackTargetPolicy(options);
    }

    private static string[] Codes(CallbackTargetPolicy policy, string url) => [.. policy.Check(new Uri(url)).Select(p => p.Code)];

    [Theory]
    [InlineData("https://hooks.example.com/vpcep")]
    [InlineData("https://hooks.example.com:8443/vpcep?token=x")]
    [InlineData("https://93.184.216.34/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public void By_default_https_to_a_public_host_passes(string url)
    {
        Assert.Empty(CallbackTargetPolicy.Strict.Check(new Uri(url)));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://127.0.0.1/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://[::1]/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://10.0.0.1/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://0.0.0.0/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://user:pass@host/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlHasCredentials })]
    [InlineData("https://user:pass@hooks.example.com/", new[] { ValidationCodes.CallbackUrlHasCredentials })]
    [InlineData("https://token@hooks.example.com/", new[] { ValidationCodes.CallbackUrlHasCredentials })]
    [InlineData("https://@hooks.example.com/", new[] { ValidationCodes.CallbackUrlHasCredentials })]
    [InlineData("http://hooks.example.com/", new[] { ValidationCodes.CallbackUrlNotHttps })]
    [InlineData("https://2130706433/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://[::ffff:169.254.169.254]/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://[64:ff9b::10.0.0.1]/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://224.0.0.1/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://255.255.255.255/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("https://100.64.0.1/", new[] { ValidationCodes.CallbackUrlNotPublic })]
    [InlineData("http://user:pass@10.0.0.1/", new[] { ValidationCodes.CallbackUrlNotHttps, ValidationCodes.CallbackUrlHasCredentials, ValidationCodes.CallbackUrlNotPublic })]
    public void By_default_every_broken_rule_is_named(string url, string[] codes)
    {
        Assert.Equal(codes, Codes(CallbackTargetPolicy.Strict, url));
    }

    [Fact]
    public void The_credentials_message_does_not_repeat_them()
    {
        CallbackTargetProblem problem = Assert.Single(CallbackTargetPolicy.Strict.Check(new Uri("https://bot:s3cret@hooks.example.com/")));

        Assert.DoesNotContain("s3cret", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bot", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_refusal_names_the_address_its_kind_and_the_setting()
    {
        CallbackTargetProblem problem = Assert.Single(CallbackTargetPolicy.Strict.Check(new Uri("https://169.254.169.254/latest/meta-data")));

        Assert.Equal(
            "The callback URL's host is 169.254.169.254, a link-local address (169.254.0.0/16, RFC 3927); callbacks go only to public addresses unless Notifications:AllowedHosts names the host.",
            problem.Message);
    }

    [Fact]
    public void Allow_http_admits_http_but_not_the_addresses()
    {
        CallbackTargetPolicy policy = Policy(allowHttp: true);

        Assert.Empty(Codes(policy, "http://hooks.example.com/"));
        Assert.Equal([ValidationCodes.CallbackUrlNotPublic], Codes(policy, "http://127.0.0.1:5080/_emulator/callbacks/x"));
    }

    [Theory]
    [InlineData("127.0.0.1:5080", "http://127.0.0.1:5080/_emulator/callbacks/x", true)]
    [InlineData("127.0.0.1:5080", "http://127.0.0.1:5081/_emulator/callbacks/x", false)]
    [InlineData("127.0.0.1:5080", "http://2130706433:5080/x", true)] // the same address, however spelled
    [InlineData("127.0.0.1", "http://127.0.0.1:9999/x", true)] // no port: any port
    [InlineData("127.0.0.1", "http://127.0.0.2/x", false)]
    [InlineData("[::1]:8080", "http://[::1]:8080/x", true)]
    [InlineData("[::1]", "http://[0:0:0:0:0:0:0:1]/x", true)]
    [InlineData("[::1]", "http://127.0.0.1/x", false)]
    [InlineData("localhost:5080", "http://LOCALHOST:5080/x", true)]
    [InlineData("sink.internal.example", "http://sink.internal.example./x", true)]
    [InlineData("sink.internal.example", "http://other.internal.example/x", false)]
    [InlineData("10.0.0.5:80", "http://10.0.0.5/x", true)] // the scheme's default port
    [InlineData("10.0.0.5:443", "https://10.0.0.5/x", true)]
    [InlineData("10.0.0.5:443", "http://10.0.0.5/x", false)]
    public void An_allow_listed_host_passes_whatever_its_address(string entry, string url, bool passes)
    {
        CallbackTargetPolicy policy = Policy(true, entry);

        Assert.Equal(passes, policy.AddressProblem(new Uri(url)) is null && policy.IsAllowListed(CallbackTargetPolicy.HostOf(new Uri(url)), new Uri(url).Port));
    }

    [Fact]
    public void The_allow_list_does_not_lift_https_or_the_credentials_rule()
    {
        CallbackTargetPolicy policy = Policy(false, "127.0.0.1:5080");

        Assert.Equal([ValidationCodes.CallbackUrlNotHttps], Codes(policy, "http://127.0.0.1:5080/x"));
        Assert.Equal([ValidationCodes.CallbackUrlHasCredentials], Codes(policy, "https://u:p@127.0.0.1:5080/x"));
        Assert.Empty(Codes(policy, "https://127.0.0.1:5080/x"));
    }

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[::1]:8080")]
    [InlineData("[fd00::7]:443")]
    [InlineData("localhost")]
    [InlineData("hooks.internal.example:8443")]
    [InlineData(" sink.example. ")]
    public void Allow_list_entries_of_the_accepted_forms_pass_the_start(string entry)
    {
        using ServiceProvider services = Services(new() { ["Notifications:AllowedHosts:0"] = entry });

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Single(services.GetRequiredService<CallbackTargetPolicy>().AllowedHosts);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("http://127.0.0.1:5080", "no scheme")]
    [InlineData("127.0.0.1:5080/x", "no scheme")]
    [InlineData("user:pw@127.0.0.1", "not shown")]
    [InlineData("*.example.com", "wildcard")]
    [InlineData("::1", "brackets")]
    [InlineData("[::1", "brackets")]
    [InlineData("[127.0.0.1]", "IPv6 address inside")]
    [InlineData("127.0.0.1:0", "port")]
    [InlineData("127.0.0.1:65536", "port")]
    [InlineData("127.0.0.1:http", "port")]
    [InlineData("0177.0.0.1", "dotted-quad")]
    [InlineData("2130706433", "dotted-quad")]
    [InlineData("256.0.0.1", "dotted-quad")]
    [InlineData("bad_name!", "not a DNS name")]
    public void A_malformed_allow_list_entry_stops_the_start_naming_its_key(string entry, string says)
    {
        using ServiceProvider services = Services(new() { ["Notifications:AllowedHosts:0"] = "127.0.0.1", ["Notifications:AllowedHosts:1"] = entry });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Notifications:AllowedHosts:1 ", failure, StringComparison.Ordinal);
        Assert.Contains(says, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_malformed_setting_is_reported_at_once()
    {
        using ServiceProvider services = Services(new()
        {
            ["Notifications:AllowedHosts:0"] = "*",
            ["Notifications:AllowedHosts:1"] = "::1",
            ["Notifications:ResolveTimeout"] = "00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(3, error.Failures.Count());
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:00:31")]
    public void A_resolve_timeout_outside_its_range_stops_the_start(string value)
    {
        using ServiceProvider services = Services(new() { ["Notifications:ResolveTimeout"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("Notifications:ResolveTimeout ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_strict_https_public_addresses_and_nothing_trusted()
    {
        using ServiceProvider services = Services([]);

        CallbackTargetOptions options = services.GetRequiredService<IOptions<CallbackTargetOptions>>().Value;
        Assert.False(options.AllowHttp);
        Assert.Empty(options.AllowedHosts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ResolveTimeout);
        Assert.Equal([ValidationCodes.CallbackUrlNotHttps], Codes(services.GetRequiredService<CallbackTargetPolicy>(), "http://hooks.example.com/"));
    }

    [Fact]
    public void The_request_parser_of_the_host_applies_the_configured_rules()
    {
        using ServiceProvider services = Services(new() { ["Notifications:AllowHttp"] = "true", ["Notifications:AllowedHosts:0"] = "127.0.0.1:5080" });
        System.Text.Json.Nodes.JsonObject document = RequestDocuments.Seed();
        document["callback_url"] = "http://127.0.0.1:5080/_emulator/callbacks/demo";
        System.Text.Json.Nodes.JsonObject other = RequestDocuments.Seed();
        other["callback_url"] = "http://127.0.0.1:5081/_emulator/callbacks/demo";

        ProvisioningRequestParser parser = services.GetRequiredService<ProvisioningRequestParser>();

        Assert.Empty(parser.Parse(document).Errors);
        Assert.Equal([("/callback_url", ValidationCodes.CallbackUrlNotPublic)], parser.Parse(other).Errors.PointersAndCodes());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddProvisioning(configuration).BuildServiceProvider();
    }
}
