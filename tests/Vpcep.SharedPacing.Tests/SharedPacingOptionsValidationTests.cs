using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud;
using Vpcep.StorageAccounts;

namespace Vpcep.SharedPacing.Tests;

/// <summary>
/// <see cref="SharedPacingOptions"/> (the <c>SharedPacing</c> section) is checked when the host starts, every problem
/// naming its key; the host's storage is the default account; turning sharing off keeps the client's in-process pacer.
/// </summary>
public sealed class SharedPacingOptionsValidationTests
{
    [Fact]
    public void The_defaults_with_a_connection_string_are_valid()
    {
        Assert.True(new SharedPacingOptionsValidator().Validate(null, new SharedPacingOptions { ConnectionString = "UseDevelopmentStorage=true" }).Succeeded);
    }

    [Theory]
    [InlineData("ConnectionString", "not a connection string")]
    [InlineData("TableName", "ab")]
    [InlineData("TableName", "1pacing")]
    [InlineData("TableName", "vpcep-pacing")]
    [InlineData("TableName", "tables")]
    [InlineData("Burst", "0")]
    [InlineData("Burst", "101")]
    [InlineData("MaxSlice", "0")]
    [InlineData("MaxSlice", "1001")]
    [InlineData("FallbackShare", "0")]
    [InlineData("FallbackShare", "1.5")]
    [InlineData("FallbackShare", "NaN")]
    [InlineData("StorageTimeout", "00:00:00.050")]
    [InlineData("StorageTimeout", "00:01:00")]
    [InlineData("StorageRetryInterval", "00:00:00.500")]
    [InlineData("StorageRetryInterval", "01:00:00")]
    public void An_invalid_setting_stops_the_host_with_a_message_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(new() { [$"SharedPacing:{key}"] = value }, hostStorage: StorageConnection.Development);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SharedPacingOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith($"SharedPacing:{key} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_connection_string_here_or_from_the_host_the_host_stops_naming_the_setting()
    {
        using ServiceProvider services = Services([], hostStorage: null);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SharedPacingOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("SharedPacing:ConnectionString (or SharedPacing:AccountName) must be set", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var failures = new SharedPacingOptionsValidator().Validate(null, new SharedPacingOptions { ConnectionString = null, Burst = 0, MaxSlice = 0, FallbackShare = 2 }).Failures;

        Assert.Equal(4, failures!.Count());
    }

    [Fact]
    public void Without_a_connection_string_of_its_own_the_host_storage_is_used()
    {
        using ServiceProvider services = Services([], hostStorage: StorageConnection.Development);

        Assert.Equal("UseDevelopmentStorage=true", services.GetRequiredService<IOptions<SharedPacingOptions>>().Value.ConnectionString);
        Assert.IsType<SharedRequestPacer>(services.GetRequiredService<IRequestPacer>());
    }

    [Fact]
    public void A_host_reaching_its_storage_with_a_managed_identity_shares_the_schedule_the_same_way()
    {
        using ServiceProvider services = Services([], hostStorage: StorageConnection.FromIdentity("stvpcep01", ClientId));

        SharedPacingOptions options = services.GetRequiredService<IOptions<SharedPacingOptions>>().Value;

        Assert.Equal((null, "stvpcep01", ClientId), (options.ConnectionString, options.AccountName, options.ClientId));
        Assert.IsType<SharedRequestPacer>(services.GetRequiredService<IRequestPacer>());
    }

    [Fact]
    public void An_account_of_its_own_wins_over_the_host_storage()
    {
        using ServiceProvider services = Services(new() { ["SharedPacing:AccountName"] = "stpacing01" }, hostStorage: StorageConnection.Development);

        SharedPacingOptions options = services.GetRequiredService<IOptions<SharedPacingOptions>>().Value;

        Assert.Equal((null, "stpacing01"), (options.ConnectionString, options.AccountName));
    }

    [Theory]
    [InlineData("AccountName", "Not_An_Account")]
    [InlineData("ClientId", "not-a-guid")]
    public void An_invalid_identity_setting_stops_the_host_naming_it(string key, string value)
    {
        using ServiceProvider services = Services(
            new() { ["SharedPacing:AccountName"] = "stpacing01", [$"SharedPacing:{key}"] = value }, hostStorage: null);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SharedPacingOptions>>().Value);

        Assert.StartsWith($"SharedPacing:{key} ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_and_an_account_name_together_stop_the_host()
    {
        using ServiceProvider services = Services(
            new() { ["SharedPacing:ConnectionString"] = "UseDevelopmentStorage=true", ["SharedPacing:AccountName"] = "stpacing01" }, hostStorage: null);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SharedPacingOptions>>().Value);

        Assert.StartsWith("SharedPacing:ConnectionString and SharedPacing:AccountName are both set", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void With_sharing_off_the_client_keeps_its_in_process_pacer_and_needs_no_storage()
    {
        using ServiceProvider services = Services(new() { ["SharedPacing:Enabled"] = "false" }, hostStorage: null);

        Assert.False(services.GetRequiredService<IOptions<SharedPacingOptions>>().Value.Enabled);
        Assert.IsNotType<SharedRequestPacer>(services.GetRequiredService<IRequestPacer>());
    }

    [Fact]
    public void The_shared_pacer_replaces_the_client_pacer_whichever_is_registered_first()
    {
        IConfiguration configuration = new ConfigurationBuilder().Build();
        using ServiceProvider services = new ServiceCollection().AddLogging()
            .AddSharedPacing(configuration, _ => StorageConnection.Development)
            .AddHuaweiCloud(configuration)
            .BuildServiceProvider();

        Assert.IsType<SharedRequestPacer>(services.GetRequiredService<IRequestPacer>());
    }

    private const string ClientId = "6f1c9a52-0d6e-4f4b-9d0a-2b8f3c1e7a45";

    private static ServiceProvider Services(Dictionary<string, string?> settings, StorageConnection? hostStorage)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging()
            .AddHuaweiCloud(configuration)
            .AddSharedPacing(configuration, _ => hostStorage)
            .BuildServiceProvider();
    }
}
