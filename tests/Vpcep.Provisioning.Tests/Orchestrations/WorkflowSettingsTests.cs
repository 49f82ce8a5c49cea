using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;
using Vpcep.Provisioning.Orchestrations;

namespace Vpcep.Provisioning.Tests.Orchestrations;

public class WorkflowSettingsTests
{
    private static ProvisioningOptions BoundOptions(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using ServiceProvider services = new ServiceCollection().AddProvisioning(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
    }

    [Fact]
    public void Settings_are_copied_from_the_options()
    {
        var options = new ProvisioningOptions
        {
            InitialPollDelay = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromSeconds(2),
            CreationTimeout = TimeSpan.FromSeconds(3),
            MaxActivityAttempts = 4,
            FirstRetryInterval = TimeSpan.FromSeconds(5),
        };

        options.CloudBusyPatience = TimeSpan.FromMinutes(6);
        options.CoalescedPollingFallback = TimeSpan.FromMinutes(7);

        var notifications = new NotificationOptions { MaxRetryAfter = TimeSpan.FromMinutes(8), PendingAcceptancePollInterval = TimeSpan.FromMinutes(9) };
        notifications.RetrySchedule.Add(TimeSpan.FromSeconds(10));
        notifications.RetrySchedule.Add(TimeSpan.FromSeconds(11));

        Assert.Equal(
            new WorkflowSettings(
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 4, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(7),
                new DeliverySettings([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11)], TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(9), TimeSpan.FromDays(7))),
            WorkflowSettings.From(options, notifications));
    }

    [Fact]
    public void Inputs_written_before_delivery_settings_existed_get_the_default_schedule()
    {
        var settings = new WorkflowSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 4, TimeSpan.FromSeconds(5));

        Assert.Equal(NotificationOptions.DefaultRetrySchedule, settings.EffectiveDelivery.RetrySchedule);
        Assert.Equal(TimeSpan.FromHours(27) + TimeSpan.FromMinutes(35) + TimeSpan.FromSeconds(5), NotificationOptions.DefaultRetrySchedule.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public void With_coalesced_polling_off_the_request_polls_itself()
    {
        var options = new ProvisioningOptions { CoalescedPolling = false };

        Assert.Null(WorkflowSettings.From(options).CoalescedPollingFallback);
    }

    [Fact]
    public void The_provisioning_section_binds_the_workflow_settings()
    {
        ProvisioningOptions options = BoundOptions(("Provisioning:PollInterval", "00:00:09"), ("Provisioning:DefaultCallbackUrl", "https://hooks.example.test/"));

        Assert.Equal(TimeSpan.FromSeconds(9), options.PollInterval);
        Assert.Equal(new Uri("https://hooks.example.test/"), options.DefaultCallbackUrl);
    }

    [Fact]
    public async Task A_first_retry_interval_longer_than_a_minute_still_provisions()
    {
        var orchestration = new FakeOrchestration();
        WorkflowSettings settings = FakeOrchestration.Settings() with { FirstRetryInterval = TimeSpan.FromMinutes(2) };

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input(settings: settings));

        Assert.Equal(ProvisioningResult.Accepted, outcome.Result);
        Assert.Equal(EndpointStatus.Accepted, outcome.Endpoint?.Status);
    }

    [Fact]
    public async Task A_busy_cloud_is_waited_out_with_growing_durable_waits_for_as_long_as_the_patience_allows()
    {
        WorkflowSettings settings = FakeOrchestration.Settings() with { CloudBusyPatience = TimeSpan.FromMinutes(10) };

        IReadOnlyList<TimeSpan> waits = await RetryProbe.WaitsAsync(settings.ActivityRetry(), _ => RetryProbe.BusyFailure);

        // Far more attempts than MaxActivityAttempts: a busy cloud is no verdict.
        Assert.True(waits.Count > settings.MaxActivityAttempts * 2, $"only {waits.Count} waits");
        TimeSpan total = waits.Aggregate(TimeSpan.Zero, (a, w) => a + w);
        Assert.InRange(total, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(11));

        // From 2.5-5 s, growing, never above a minute (a per-minute window always passes).
        Assert.InRange(waits[0], TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(2.5), TimeSpan.FromMinutes(1)));
        Assert.True(waits[^1] > TimeSpan.FromSeconds(29), $"last wait {waits[^1]}");
    }

    [Fact]
    public async Task Busy_waits_are_jittered_by_instance_and_the_same_on_every_replay()
    {
        WorkflowSettings settings = FakeOrchestration.Settings();

        IReadOnlyList<TimeSpan> a1 = await WaitsOfBusyCallsAsync(settings, "vpcep-a");
        IReadOnlyList<TimeSpan> a2 = await WaitsOfBusyCallsAsync(settings, "vpcep-a");
        IReadOnlyList<TimeSpan> b = await WaitsOfBusyCallsAsync(settings, "vpcep-b");

        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b);
    }

    [Fact]
    public async Task Other_failures_between_busy_answers_still_get_only_the_configured_attempts()
    {
        WorkflowSettings settings = FakeOrchestration.Settings();

        // Busy, busy, then failures of another kind: MaxActivityAttempts (4) of those end it.
        IReadOnlyList<TimeSpan> waits = await RetryProbe.WaitsAsync(
            settings.ActivityRetry(), attempt => attempt <= 2 ? RetryProbe.BusyFailure : RetryProbe.OtherFailure);

        Assert.Equal(2 + 3, waits.Count);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], waits.Skip(2));
    }

    [Fact]
    public void A_busy_cloud_is_recognised_in_the_failure_or_any_of_its_causes()
    {
        var wrapped = new TaskFailureDetails("Microsoft.DurableTask.TaskFailedException", "Activity failed.", null, RetryProbe.BusyFailure, null);

        Assert.True(WorkflowSettings.IsBusy(RetryProbe.BusyFailure));
        Assert.True(WorkflowSettings.IsBusy(wrapped));
        Assert.False(WorkflowSettings.IsBusy(RetryProbe.OtherFailure));
        Assert.False(WorkflowSettings.IsBusy(null));
    }

    [Fact]
    public void Settings_written_before_the_patience_existed_get_the_default_patience()
    {
        WorkflowSettings old = System.Text.Json.JsonSerializer.Deserialize<WorkflowSettings>(
            """{"InitialPollDelay":"00:00:05","PollInterval":"00:00:03","CreationTimeout":"00:10:00","MaxActivityAttempts":5,"FirstRetryInterval":"00:00:02"}""")!;

        Assert.Null(old.CloudBusyPatience);
        Assert.Equal(TimeSpan.FromHours(1), WorkflowSettings.DefaultCloudBusyPatience);
    }

    private static async Task<IReadOnlyList<TimeSpan>> WaitsOfBusyCallsAsync(WorkflowSettings settings, string instanceId)
    {
        WorkflowSettings shortPatience = settings with { CloudBusyPatience = TimeSpan.FromMinutes(3) };
        return await RetryProbe.WaitsAsync(shortPatience.ActivityRetry(), _ => RetryProbe.BusyFailure, instanceId);
    }

    [Theory]
    [InlineData("Provisioning:CloudBusyPatience", "00:00:00")]
    [InlineData("Provisioning:MaxActivityAttempts", "0")]
    [InlineData("Provisioning:FirstRetryInterval", "00:00:00")]
    public void Settings_the_workflow_cannot_run_with_are_refused_when_the_options_are_read(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => BoundOptions((key, value)));
    }
}
