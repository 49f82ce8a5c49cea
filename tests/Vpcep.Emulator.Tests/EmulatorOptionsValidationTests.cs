using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vpcep.Emulator.Tests;

/// <summary>
/// <see cref="EmulatorOptions"/> is checked when the emulator is built and started: every invalid setting is
/// reported, each naming its configuration key; the defaults and the settings the tests, the end-to-end stack
/// and the benchmarks use pass.
/// </summary>
public sealed class EmulatorOptionsValidationTests
{
    private static readonly string[] Loopback = ["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new EmulatorOptionsValidator().Validate(null, new EmulatorOptions()).Succeeded);
    }

    [Fact]
    public async Task The_settings_the_tests_the_stack_and_the_benchmarks_use_are_valid()
    {
        await using WebApplication app = EmulatorApp.Build(
            [
                .. Loopback,
                "--Emulator:CreationDelay=00:00:00",
                "--Emulator:DeletionDelay=00:00:00.100",
                "--Emulator:TimeScale=0.05",
                "--Emulator:Faults:Global:RateLimitPerSecond=5",
                "--Emulator:Credentials:0:AccessKey=AK-PERMANENT",
                "--Emulator:Credentials:0:SecretKey=SK-PERMANENT",
                "--Emulator:Credentials:1:AccessKey=AK-TEMPORARY",
                "--Emulator:Credentials:1:SecretKey=SK-TEMPORARY",
                "--Emulator:Credentials:1:SecurityToken=token",
                "--Emulator:AcceptAuthToken=true",
                "--Emulator:AuthTokens:0=a-token",
            ],
            o => o.MaxClockSkew = TimeSpan.FromDays(3650));

        app.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(2, app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value.Credentials.Count);
    }

    [Fact]
    public void Zero_is_a_valid_time_scale_and_a_valid_limit_where_it_means_something()
    {
        var options = new EmulatorOptions { TimeScale = 0, QuotaPerProject = 0, MaxTags = 0, MaxTagValueLength = 0, MaxWhitelistEntries = 0, MaxClockSkew = TimeSpan.Zero };

        Assert.True(new EmulatorOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("MaxClockSkew", "-00:00:01")]
    [InlineData("CreationDelay", "-00:00:01")]
    [InlineData("DeletionDelay", "-00:00:01")]
    [InlineData("TimeScale", "-0.5")]
    [InlineData("TimeScale", "NaN")]
    [InlineData("TimeScale", "Infinity")]
    [InlineData("QuotaPerProject", "-1")]
    [InlineData("MaxTags", "-1")]
    [InlineData("MaxTagKeyLength", "0")]
    [InlineData("MaxTagValueLength", "-1")]
    [InlineData("MaxWhitelistEntries", "-1")]
    [InlineData("AuthTokens:0", " ")]
    public void An_invalid_setting_stops_the_emulator_with_a_message_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorApp.Build([.. Loopback, $"--Emulator:{key}={value}"]));

        Assert.Contains($"Emulator:{key} ", Assert.Single(error.Failures), StringComparison.Ordinal);
        Assert.Contains($"Emulator:{key} ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccessKey", "SecretKey")]
    [InlineData("SecretKey", "AccessKey")]
    public void A_credential_pair_missing_one_half_is_refused_with_a_message_naming_the_missing_half(string given, string missing)
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorApp.Build(
            [.. Loopback, "--Emulator:Credentials:0:AccessKey=AK", "--Emulator:Credentials:0:SecretKey=SK", $"--Emulator:Credentials:1:{given}=ONLY-HALF"]));

        Assert.Contains($"Emulator:Credentials:1:{missing} ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_access_key_is_refused_with_a_message_naming_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorApp.Build(
        [
            .. Loopback,
            "--Emulator:Credentials:0:AccessKey=AK",
            "--Emulator:Credentials:0:SecretKey=SK-1",
            "--Emulator:Credentials:1:AccessKey=AK",
            "--Emulator:Credentials:1:SecretKey=SK-2",
        ]));

        Assert.Contains("Emulator:Credentials:1:AccessKey ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_changed_by_the_configure_callback_are_checked_too()
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorApp.Build(Loopback, o => o.TimeScale = -1));

        Assert.Contains("Emulator:TimeScale ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        var error = Assert.Throws<OptionsValidationException>(() => EmulatorApp.Build(
        [
            .. Loopback,
            "--Emulator:CreationDelay=-00:00:01",
            "--Emulator:TimeScale=-1",
            "--Emulator:MaxTagKeyLength=0",
            "--Emulator:Credentials:0:AccessKey=AK",
        ]));

        Assert.Equal(4, error.Failures.Count());
    }
}
