using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>The channel settings of the <c>Notifications</c> section: queue message encoding and the SMN topic.</summary>
public class ChannelSettingsValidationTests
{
    private static IEnumerable<string> Failures(NotificationOptions options) =>
        new NotificationOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_queue_encoding_is_base64_by_default_as_a_Functions_queue_trigger_expects()
    {
        var options = new NotificationOptions();

        Assert.Equal(QueueMessageEncodings.Base64, options.QueueMessageEncoding);
        Assert.Empty(Failures(options));
    }

    [Theory]
    [InlineData("base64", true)]
    [InlineData("none", true)]
    [InlineData("Base64", false)]
    [InlineData("utf8", false)]
    public void Only_the_encodings_of_the_Functions_extension_are_taken(string encoding, bool valid)
    {
        IEnumerable<string> failures = Failures(new NotificationOptions { QueueMessageEncoding = encoding });

        if (valid)
        {
            Assert.Empty(failures);
        }
        else
        {
            Assert.Contains($"Notifications:QueueMessageEncoding must be base64 or none (it is '{encoding}').", failures);
        }
    }

    [Theory]
    [InlineData("urn:smn:cn-north-4:6e9dfd51d1124e8d8498dce894923a0d:vpcep-outcomes", true)]
    [InlineData("vpcep-outcomes", false)]
    [InlineData("urn:smn:cn-north-4:6e9dfd51d1124e8d8498dce894923a0d", false)]
    public void A_configured_smn_topic_must_be_a_topic_urn(string urn, bool valid)
    {
        IEnumerable<string> failures = Failures(new NotificationOptions { SmnTopicUrn = urn });

        Assert.Equal(valid, !failures.Any(f => f.StartsWith("Notifications:SmnTopicUrn is not an SMN topic URN", StringComparison.Ordinal)));
    }
}
