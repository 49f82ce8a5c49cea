using System.Text;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>The signer against the Standard Webhooks specification's published test vector.</summary>
public class WebhookSignaturesTests
{
    // The specification's test vector (the reference libraries' tests, e.g. svix-webhooks go/webhook_test.go "TestWebhookSign").
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Payload = """{"test": 2432232314}""";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void The_signer_reproduces_the_specifications_test_vector()
    {
        string signature = WebhookSignatures.Sign(Id, Timestamp, Encoding.UTF8.GetBytes(Payload), [WebhookSignatures.KeyOf(Secret)!]);

        Assert.Equal(Expected, signature);
    }

    [Fact]
    public void The_independent_verifier_accepts_the_test_vector_and_refuses_a_changed_payload()
    {
        DateTimeOffset then = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

        Assert.True(StandardWebhooksVerifier.Verify(Secret, Id, "1614265330", Expected, Encoding.UTF8.GetBytes(Payload), then, out string why), why);
        Assert.False(StandardWebhooksVerifier.Verify(Secret, Id, "1614265330", Expected, Encoding.UTF8.GetBytes("""{"test": 2432232315}"""), then, out _));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, Id, "1614265330", Expected, Encoding.UTF8.GetBytes(Payload), then.AddMinutes(10), out _));
    }

    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("whsec_c2hvcnQ=", false)]
    [InlineData("whsec_not base64!", false)]
    [InlineData("", false)]
    public void A_secret_is_the_base64_of_24_to_64_bytes_with_or_without_its_prefix(string secret, bool valid)
    {
        Assert.Equal(valid, WebhookSignatures.KeyOf(secret) is not null);
    }
}
