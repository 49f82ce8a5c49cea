using Microsoft.Extensions.Options;
using NSubstitute;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.HuaweiCloud.Tests.Signing;

public class CredentialSourceTests
{
    [Fact]
    public void ToString_shows_the_access_key_but_never_the_secret_key_or_the_token()
    {
        var credentials = new HuaweiCredentials("MYACCESSKEY", "my-very-secret-key", "my-session-token");

        string text = credentials.ToString();

        Assert.Contains("MYACCESSKEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("my-very-secret-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("my-session-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("my-very-secret-key", $"{credentials}", StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_keys_are_used_as_they_are()
    {
        HuaweiCredentials credentials = Provider(new HuaweiCloudOptions { AccessKey = "AK", SecretKey = "SK" }, Environment()).GetCredentials();

        Assert.Equal(new HuaweiCredentials("AK", "SK"), credentials);
        Assert.False(credentials.IsTemporary);
    }

    [Fact]
    public void Without_configured_keys_the_official_SDK_variables_are_read_with_the_security_token()
    {
        var env = Environment(("HUAWEICLOUD_SDK_AK", "ENVAK"), ("HUAWEICLOUD_SDK_SK", "envsk"), ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "envtoken"));

        HuaweiCredentials credentials = Provider(new HuaweiCloudOptions(), env).GetCredentials();

        Assert.Equal(new HuaweiCredentials("ENVAK", "envsk", "envtoken"), credentials);
        Assert.True(credentials.IsTemporary);
    }

    [Fact]
    public void Configured_keys_are_never_mixed_with_keys_from_the_environment()
    {
        var env = Environment(("HUAWEICLOUD_SDK_AK", "ENVAK"), ("HUAWEICLOUD_SDK_SK", "envsk"), ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "envtoken"));

        HuaweiCredentials credentials = Provider(new HuaweiCloudOptions { AccessKey = "AK", SecretKey = "SK" }, env).GetCredentials();

        Assert.Equal(new HuaweiCredentials("AK", "SK"), credentials);
    }

    [Fact]
    public void Incomplete_credentials_fail_with_a_message_that_names_the_settings_and_no_secret()
    {
        var env = Environment(("HUAWEICLOUD_SDK_SK", "lonely-secret"));

        var error = Assert.Throws<InvalidOperationException>(() => Provider(new HuaweiCloudOptions(), env).GetCredentials());

        Assert.Contains("HUAWEICLOUD_SDK_AK", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lonely-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_configuration_takes_effect_on_the_next_call()
    {
        var options = new HuaweiCloudOptions { AccessKey = "AK1", SecretKey = "SK1" };
        ConfiguredCredentialProvider provider = Provider(options, Environment());
        Assert.Equal("AK1", provider.GetCredentials().AccessKey);

        options.AccessKey = "AK2";

        Assert.Equal("AK2", provider.GetCredentials().AccessKey);
    }

    [Fact]
    public void The_project_scope_comes_from_the_options_with_their_region()
    {
        ProjectScope scope = ProjectScope.FromOptions(new HuaweiCloudOptions { ProjectId = "0123456789abcdef0123456789abcdef", Region = "eu-west-101" });

        Assert.Equal(new ProjectScope("0123456789abcdef0123456789abcdef", "eu-west-101"), scope);
    }

    private static ConfiguredCredentialProvider Provider(HuaweiCloudOptions options, Func<string, string?> environment)
    {
        IOptionsMonitor<HuaweiCloudOptions> monitor = Substitute.For<IOptionsMonitor<HuaweiCloudOptions>>();
        monitor.CurrentValue.Returns(options);
        return new ConfiguredCredentialProvider(monitor, environment);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
