using Vpcep.Provisioning.Models;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

public class CallbackUrlsTests
{
    [Theory]
    [InlineData("https://user:secret@hooks.example.test/vpcep", "https://hooks.example.test/vpcep")]
    [InlineData("https://hooks.example.test/vpcep?token=secret&x=1", "https://hooks.example.test/vpcep?***")]
    [InlineData("https://hooks.example.test:8443/a/b", "https://hooks.example.test:8443/a/b")]
    [InlineData("not a url", "(unreadable URL)")]
    public void A_callback_url_is_shown_without_credentials_or_query(string url, string shown)
    {
        Assert.Equal(shown, CallbackUrls.Redacted(url));
    }

    [Fact]
    public async Task The_outcome_reports_the_target_without_its_credentials_while_delivery_uses_the_full_url()
    {
        var orchestration = new FakeOrchestration();
        const string Secret = "https://bot:s3cret@hooks.example.test/vpcep?sig=abc";

        ProvisioningOutcome outcome = await orchestration.RunAsync(FakeOrchestration.Input(Secret));

        Assert.Equal("https://hooks.example.test/vpcep?***", outcome.Notification?.Target);
        Assert.Contains(orchestration.Calls, c => c.Input is Vpcep.Provisioning.Activities.NotificationInput n && n.Target == Secret);
    }
}
