using System.Text.Json;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud.Tests.Models;

/// <summary>The reader accepts every form Huawei's sources document for a field, and odd forms never fail an answer.</summary>
public class TolerantReaderTests
{
    private static VpcEndpoint Endpoint(string fields) =>
        JsonSerializer.Deserialize("{\"id\":\"e1\"," + fields + "}", HuaweiJsonContext.Default.VpcEndpoint)!;

    [Theory]
    [InlineData("\"active_status\":[\"active\"]", new[] { "active" })]
    [InlineData("\"active_status\":\"active\"", new[] { "active" })]
    [InlineData("\"active_status\":[\"active\",\"arrear_frozen\"]", new[] { "active", "arrear_frozen" })]
    [InlineData("\"active_status\":[]", new string[0])]
    public void Active_status_reads_as_a_list_whether_sent_as_a_list_or_a_lone_string(string field, string[] expected)
    {
        Assert.Equal(expected, Endpoint(field).ActiveStatus);
    }

    [Theory]
    [InlineData("\"active_status\":{\"state\":\"active\"}")]
    [InlineData("\"active_status\":42")]
    [InlineData("\"active_status\":null")]
    public void Active_status_of_an_undocumented_form_reads_as_absent_without_failing_the_answer(string field)
    {
        VpcEndpoint endpoint = Endpoint(field);

        Assert.Equal("e1", endpoint.Id);
        Assert.Null(endpoint.ActiveStatus);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"maybe\"", null)]
    [InlineData("null", null)]
    public void Is_charge_reads_from_a_boolean_a_string_or_a_number(string value, bool? expected)
    {
        EndpointServiceInfo service = JsonSerializer.Deserialize("{\"id\":\"s\",\"is_charge\":" + value + "}", HuaweiJsonContext.Default.EndpointServiceInfo)!;
        PublicEndpointServiceList list = JsonSerializer.Deserialize(
            "{\"endpoint_services\":[{\"id\":\"s\",\"is_charge\":" + value + "}],\"total_count\":1}", HuaweiJsonContext.Default.PublicEndpointServiceList)!;

        Assert.Equal(expected, service.IsCharge);
        Assert.Equal(expected, Assert.Single(list.EndpointServices).IsCharge);
    }

    [Theory]
    [InlineData("16777216", 16777216L)]
    [InlineData("2147483647", 2147483647L)]
    [InlineData("322312312312", 322312312312L)]
    [InlineData("\"16777216\"", 16777216L)]
    [InlineData("\"not-a-number\"", null)]
    [InlineData("1.5", null)]
    public void Marker_id_reads_in_32_bit_and_64_bit_range_as_a_number_or_a_numeric_string(string value, long? expected)
    {
        Assert.Equal(expected, Endpoint("\"marker_id\":" + value).MarkerId);
    }

    [Fact]
    public void Unknown_status_values_and_fields_pass_through_as_they_are()
    {
        VpcEndpoint endpoint = Endpoint("\"status\":\"migrating\",\"future_field\":{\"a\":[1,2]},\"service_type\":\"gateway_lb\"");

        Assert.Equal("migrating", endpoint.Status);
        Assert.Equal("gateway_lb", endpoint.ServiceType);
    }

    [Fact]
    public void A_string_field_sent_as_a_number_keeps_its_text_and_one_sent_as_an_object_reads_as_absent()
    {
        VpcEndpoint endpoint = Endpoint("\"created_at\":1700000000,\"description\":{\"text\":\"x\"},\"enable_dns\":\"true\"");

        Assert.Equal("1700000000", endpoint.CreatedAt);
        Assert.Null(endpoint.Description);
        Assert.True(endpoint.EnableDns);
    }

    [Fact]
    public void Counts_read_from_numeric_strings_and_missing_lists_read_as_empty()
    {
        EndpointList list = JsonSerializer.Deserialize("{\"total_count\":\"12\"}", HuaweiJsonContext.Default.EndpointList)!;
        QuotaEnvelope quotas = JsonSerializer.Deserialize("{\"quotas\":{}}", HuaweiJsonContext.Default.QuotaEnvelope)!;

        Assert.Empty(list.Endpoints);
        Assert.Equal(12, list.TotalCount);
        Assert.Empty(quotas.Quotas.Resources);
    }

    [Fact]
    public void A_list_is_written_back_as_an_array()
    {
        string json = JsonSerializer.Serialize(new VpcEndpoint { Id = "e", ActiveStatus = ["active"] }, HuaweiJsonContext.Default.VpcEndpoint);

        Assert.Contains("\"active_status\":[\"active\"]", json, StringComparison.Ordinal);
    }
}
