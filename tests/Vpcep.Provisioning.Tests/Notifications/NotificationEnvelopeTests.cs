using System.Text;
using System.Text.Json;
using Vpcep.Provisioning.Notifications;

namespace Vpcep.Provisioning.Tests.Notifications;

/// <summary>The envelope the queue and SMN channels send.</summary>
public class NotificationEnvelopeTests
{
    private static readonly NotificationMessage Message = new(
        "batch_summary_b-7", "provisioning.batch_summary", "b-7", Encoding.UTF8.GetBytes("""{"batch_id":"b-7","total":2,"note":"caf\u00e9 <&>"}"""));

    [Fact]
    public void The_document_goes_in_data_unchanged_beside_id_type_subject_and_a_utc_timestamp()
    {
        byte[] envelope = NotificationEnvelope.Write(Message, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));

        using var json = JsonDocument.Parse(envelope);
        JsonElement root = json.RootElement;
        Assert.Equal("batch_summary_b-7", root.GetProperty("id").GetString());
        Assert.Equal("provisioning.batch_summary", root.GetProperty("type").GetString());
        Assert.Equal("b-7", root.GetProperty("subject").GetString());
        Assert.Equal("2025-01-02T01:04:05Z", root.GetProperty("timestamp").GetString());
        Assert.Equal(Encoding.UTF8.GetString(Message.Body.Span), root.GetProperty("data").GetRawText());
        Assert.False(root.TryGetProperty("data_ref", out _));
    }

    [Fact]
    public void A_reference_names_the_blob_in_place_of_data()
    {
        byte[] envelope = NotificationEnvelope.WriteReference(Message, DateTimeOffset.UnixEpoch, "vpcep-outcomes", "batch_summary_b-7.json");

        using var json = JsonDocument.Parse(envelope);
        Assert.Equal(["id", "type", "subject", "timestamp", "data_ref"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("vpcep-outcomes", json.RootElement.GetProperty("data_ref").GetProperty("container").GetString());
        Assert.Equal("batch_summary_b-7.json", json.RootElement.GetProperty("data_ref").GetProperty("blob").GetString());
    }

    [Fact]
    public void A_body_that_is_not_one_json_value_is_refused()
    {
        var broken = Message with { Body = Encoding.UTF8.GetBytes("{\"a\":1} trailing") };

        Assert.ThrowsAny<JsonException>(() => NotificationEnvelope.Write(broken, DateTimeOffset.UnixEpoch));
    }
}
