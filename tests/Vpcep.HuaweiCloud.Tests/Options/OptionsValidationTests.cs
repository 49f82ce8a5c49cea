using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vpcep.HuaweiCloud.Tests.Options;

/// <summary>
/// <see cref="HuaweiCloudOptions"/> is checked when the host starts: every invalid setting is reported, each
/// naming its configuration key; the defaults and the settings the tests and hosts use pass.
/// </summary>
public class OptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new HuaweiCloudOptionsValidator().Validate(null, new HuaweiCloudOptions()).Succeeded);
    }

    [Fact]
    public void Usual_settings_are_valid()
    {
        var options = new HuaweiCloudOptions
        {
            Region = "eu-west-101",
            BaseUrl = new Uri("http://127.0.0.1:5080/"),
            AccessKey = "AK",
            SecretKey = "SK",
            SecurityToken = "token",
            MaxRequestsPerSecondPerProject = 4.5,
            RequestTimeout = TimeSpan.FromSeconds(5),
            MaxAttempts = 1,
            BaseDelay = TimeSpan.Zero,
            MaxDelay = TimeSpan.FromMilliseconds(50),
        };

        Assert.True(new HuaweiCloudOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new HuaweiCloudOptionsValidator().Validate(null, new HuaweiCloudOptions { RequestTimeout = Timeout.InfiniteTimeSpan }).Succeeded);
    }

    [Theory]
    [InlineData("Region", "")]
    [InlineData("Region", "cn north 4")]
    [InlineData("Region", "cn-north-4/")]
    [InlineData("BaseUrl", "localhost:5080")]
    [InlineData("BaseUrl", "ftp://127.0.0.1")]
    [InlineData("BaseUrl", "http://127.0.0.1:5080/prefix")]
    [InlineData("AccessKey", "AK-without-SK")]
    [InlineData("SecretKey", "SK-without-AK")]
    [InlineData("MaxRequestsPerSecondPerProject", "-1")]
    [InlineData("MaxRequestsPerSecondPerProject", "NaN")]
    [InlineData("RequestTimeout", "00:00:00")]
    [InlineData("RequestTimeout", "-00:00:05")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("BaseDelay", "-00:00:01")]
    [InlineData("MaxDelay", "-00:00:01")]
    [InlineData("MaxDelay", "60.00:00:00")]
    public void An_invalid_setting_stops_the_start_with_a_message_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(new() { [$"HuaweiCloud:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        string failure = Assert.Single(error.Failures);
        Assert.Contains($"HuaweiCloud:{key}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        using ServiceProvider services = Services(new()
        {
            ["HuaweiCloud:Region"] = " ",
            ["HuaweiCloud:MaxAttempts"] = "0",
            ["HuaweiCloud:RequestTimeout"] = "00:00:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(3, error.Failures.Count());
    }

    [Fact]
    public void Valid_settings_start_and_the_clients_resolve()
    {
        using ServiceProvider services = Services(new() { ["HuaweiCloud:AccessKey"] = "AK", ["HuaweiCloud:SecretKey"] = "SK" });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(services.GetRequiredService<VpcepClient>());
        Assert.NotNull(services.GetRequiredService<VpcClient>());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddHuaweiCloud(configuration).BuildServiceProvider();
    }
}
