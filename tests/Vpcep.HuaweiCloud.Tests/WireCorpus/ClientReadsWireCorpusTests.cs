using System.Net;
using System.Text;
using System.Text.Json;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud.Tests.WireCorpus;

/// <summary>
/// Every sample of the wire corpus (answers of Huawei Cloud as its API reference, SDKs and Open Telekom Cloud's
/// reference document them; the source is named in each file) is read by the client, and means what the
/// sample's <c>expect</c> says.
/// </summary>
public class ClientReadsWireCorpusTests
{
    private static readonly string[] Operations =
    [
        "create_endpoint", "get_endpoint", "list_endpoints", "describe_service", "list_public_services", "quotas",
        "find_by_tags", "get_vpc", "get_subnet", "error",
    ];

    [Fact]
    public void The_corpus_covers_every_operation_the_client_reads()
    {
        Assert.All(Operations, operation => Assert.NotEmpty(WireCorpusSample.Of(operation, includeLegacy: true)));
        Assert.Contains(WireCorpusSample.All, s => s.Legacy);
    }

    [Theory]
    [MemberData(nameof(WireCorpusSample.Names), MemberType = typeof(WireCorpusSample))]
    public void Every_sample_names_its_source(string name)
    {
        JsonElement envelope = WireCorpusSample.Named(name).Envelope;

        Assert.False(string.IsNullOrWhiteSpace(envelope.GetProperty("source").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(envelope.GetProperty("source_url").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(envelope.GetProperty("verified").GetString()));
        Assert.Contains(envelope.GetProperty("operation").GetString(), Operations);
    }

    [Theory]
    [MemberData(nameof(WireCorpusSample.Names), MemberType = typeof(WireCorpusSample))]
    public async Task Every_sample_is_read_and_means_what_it_says(string name)
    {
        WireCorpusSample sample = WireCorpusSample.Named(name);
        JsonElement expect = sample.Expect;
        string body = sample.Body.GetRawText();
        switch (sample.Operation)
        {
            case "create_endpoint" or "get_endpoint":
                AssertEndpoint(expect, Read(body, HuaweiJsonContext.Default.VpcEndpoint));
                break;
            case "list_endpoints":
                EndpointList list = Read(body, HuaweiJsonContext.Default.EndpointList);
                AssertPage(expect, list.Endpoints.Count, list.TotalCount, (list.Endpoints.Count > 0 ? list.Endpoints[0].Id : null));
                break;
            case "describe_service":
                EndpointServiceInfo service = Read(body, HuaweiJsonContext.Default.EndpointServiceInfo);
                AssertService(expect, service.Id, service.ServiceType, service.IsCharge);
                break;
            case "list_public_services":
                PublicEndpointServiceList services = Read(body, HuaweiJsonContext.Default.PublicEndpointServiceList);
                PublicEndpointService first = services.EndpointServices[0];
                AssertService(expect, first.Id, first.ServiceType, first.IsCharge);
                AssertPage(expect, services.EndpointServices.Count, services.TotalCount, null);
                break;
            case "quotas":
                QuotaResource endpoints = Read(body, HuaweiJsonContext.Default.QuotaEnvelope).Quotas.Resources.Single(q => q.Type == "endpoint");
                Assert.Equal(expect.GetProperty("endpoint_used").GetInt32(), endpoints.Used);
                Assert.Equal(expect.GetProperty("endpoint_quota").GetInt32(), endpoints.Quota);
                break;
            case "find_by_tags":
                TaggedResourceList tagged = Read(body, HuaweiJsonContext.Default.TaggedResourceList);
                AssertPage(expect, tagged.Resources?.Count ?? 0, tagged.TotalCount, (tagged.Resources is { Count: > 0 } found ? found[0].ResourceId : null));
                break;
            case "get_vpc":
                Vpc vpc = Read(body, HuaweiJsonContext.Default.VpcEnvelope).Vpc;
                Assert.Equal(expect.GetProperty("id").GetString(), vpc.Id);
                Assert.Equal(expect.GetProperty("cidr").GetString(), vpc.Cidr);
                break;
            case "get_subnet":
                Subnet subnet = Read(body, HuaweiJsonContext.Default.SubnetEnvelope).Subnet;
                Assert.Equal(expect.GetProperty("id").GetString(), subnet.Id);
                Assert.Equal(expect.GetProperty("cidr").GetString(), subnet.Cidr);
                Assert.Equal(expect.GetProperty("vpc_id").GetString(), subnet.VpcId);
                Assert.Equal(expect.GetProperty("gateway_ip").GetString(), subnet.GatewayIp);
                break;
            case "error":
                await AssertErrorAsync(sample, expect);
                break;
            default:
                Assert.Fail($"{name}: no reader for operation {sample.Operation}");
                break;
        }
    }

    private static T Read<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new InvalidOperationException("null answer");

    private static void AssertEndpoint(JsonElement expect, VpcEndpoint endpoint)
    {
        Assert.Equal(expect.GetProperty("id").GetString(), endpoint.Id);
        Assert.Equal(expect.GetProperty("status").GetString(), endpoint.Status);
        string[] active = [.. expect.GetProperty("active_status").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(active, endpoint.ActiveStatus ?? []);
        JsonElement marker = expect.GetProperty("marker_id");
        Assert.Equal(marker.ValueKind == JsonValueKind.Null ? null : marker.GetInt64(), endpoint.MarkerId);
    }

    private static void AssertService(JsonElement expect, string id, string? serviceType, bool? isCharge)
    {
        Assert.Equal(expect.GetProperty("id").GetString(), id);
        Assert.Equal(expect.GetProperty("service_type").GetString(), serviceType);
        Assert.Equal(expect.GetProperty("is_charge").GetBoolean(), isCharge);
    }

    private static void AssertPage(JsonElement expect, int count, int totalCount, string? firstId)
    {
        Assert.Equal(expect.GetProperty("count").GetInt32(), count);
        Assert.Equal(expect.GetProperty("total_count").GetInt32(), totalCount);
        if (expect.TryGetProperty("first_id", out JsonElement first))
        {
            Assert.Equal(first.ValueKind == JsonValueKind.Null ? null : first.GetString(), firstId);
        }
    }

    private static async Task AssertErrorAsync(WireCorpusSample sample, JsonElement expect)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)sample.HttpStatus)
        {
            Content = new StringContent(sample.Body.GetRawText(), Encoding.UTF8, "application/json"),
        };

        HuaweiCloudException error = await HuaweiApiPipeline.ReadErrorAsync(response, CancellationToken.None);

        Assert.Equal(NullableString(expect, "error_code"), error.ErrorCode);
        Assert.Equal(NullableString(expect, "error_message"), error.ErrorMessage);
        Assert.Equal(NullableString(expect, "request_id"), error.RequestId);
        Assert.Equal(expect.GetProperty("not_found").GetBoolean(), error.IsNotFound);
        Assert.Equal(expect.GetProperty("throttled").GetBoolean(), error.IsThrottling);
        Assert.Equal(expect.GetProperty("retryable").GetBoolean(), error.IsTransient);
    }

    private static string? NullableString(JsonElement expect, string property) =>
        expect.GetProperty(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
