using System.Text;
using System.Text.Json;
using Vpcep.HuaweiCloud.Models;

namespace Vpcep.HuaweiCloud.Tests.Models;

/// <summary>The JSON the models read and write, against the seed page's tables and examples.</summary>
public class WireFormatTests
{
    private const string SeedExampleResponse = """
        {
            "id": "4189d3c2-8882-4871-a3c2-d380272eed83",
            "status": "creating",
            "service_type": "interface",
            "marker_id": 322312312312,
            "active_status":"active",
            "vpc_id": "4189d3c2-8882-4871-a3c2-d380272eed83",
            "enable_dns": false,
            "endpoint_service_name": "test123",
            "endpoint_service_id": "test123",
            "project_id": "6e9dfd51d1124e8d8498dce894923a0d",
            "whitelist": [
                "127.0.0.1"
            ],
            "enable_whitelist": true,
            "enable_status":"enable",
            "created_at": "2018-01-30T07:42:01Z",
            "update_at": "2018-01-30T07:42:01Z",
            "tags": [
                {
                    "key": "test1",
                    "value": "test1"
                }
            ]
        }
        """;

    [Fact]
    public void The_seed_example_response_reads_with_a_64_bit_marker_id_and_the_update_at_spelling()
    {
        VpcEndpoint endpoint = JsonSerializer.Deserialize(SeedExampleResponse, HuaweiJsonContext.Default.VpcEndpoint)!;

        Assert.Equal("4189d3c2-8882-4871-a3c2-d380272eed83", endpoint.Id);
        Assert.Equal(322312312312L, endpoint.MarkerId);
        Assert.Equal("2018-01-30T07:42:01Z", endpoint.UpdateAt);
        Assert.Null(endpoint.UpdatedAt);
        Assert.Equal("2018-01-30T07:42:01Z", endpoint.LastUpdatedAt);
        Assert.Equal(["active"], endpoint.ActiveStatus);
        Assert.Equal("enable", endpoint.EnableStatus);
        Assert.Equal(["127.0.0.1"], endpoint.Whitelist);
        Assert.True(endpoint.EnableWhitelist);
        Assert.False(endpoint.EnableDns);
        Assert.Equal([new ResourceTag("test1", "test1")], endpoint.Tags);
    }

    [Fact]
    public void Every_documented_response_field_is_read()
    {
        const string json = """
            {"id":"e","service_type":"gateway","status":"failed","active_status":"police_frozen","endpoint_service_name":"s",
             "marker_id":9007199254740993,"endpoint_service_id":"sid","enable_dns":true,"dns_names":["a.example","b.example"],
             "ip":"192.168.0.5","subnet_id":"sub","vpc_id":"vpc","created_at":"c","updated_at":"u","project_id":"p",
             "tags":[{"key":"k","value":""}],"whitelist":[],"enable_whitelist":false,"routetables":["rt"],"enable_status":"disable",
             "description":"d","specification_name":"default","public_border_group":"center","ip_version":"dualstack",
             "ipv6_address":"2001:db8::1","endpoint_pool_id":"pool","policy_statement":[{"Effect":"Allow"}],
             "policy_document":{"Version":"5.0"},"error":[{"error_code":"EndPoint.2004","error_message":"unavailable"}]}
            """;

        VpcEndpoint e = JsonSerializer.Deserialize(json, HuaweiJsonContext.Default.VpcEndpoint)!;

        Assert.Equal(9007199254740993L, e.MarkerId);
        Assert.Equal(["a.example", "b.example"], e.DnsNames);
        Assert.Equal("192.168.0.5", e.Ip);
        Assert.Equal("u", e.LastUpdatedAt);
        Assert.Equal(["rt"], e.RouteTables);
        Assert.Equal("disable", e.EnableStatus);
        Assert.Equal("d", e.Description);
        Assert.Equal("default", e.SpecificationName);
        Assert.Equal("center", e.PublicBorderGroup);
        Assert.Equal("dualstack", e.IpVersion);
        Assert.Equal("2001:db8::1", e.Ipv6Address);
        Assert.Equal("pool", e.EndpointPoolId);
        Assert.Equal("Allow", e.PolicyStatement!.Value[0].GetProperty("Effect").GetString());
        Assert.Equal("5.0", e.PolicyDocument!.Value.GetProperty("Version").GetString());
        Assert.Equal([new EndpointError("EndPoint.2004", "unavailable")], e.Error);
        Assert.Equal([new ResourceTag("k", "")], e.Tags);
    }

    [Fact]
    public void A_response_full_of_unknown_fields_still_reads()
    {
        const string json = """
            {"brand_new_field":1,"id":"e1","nested":{"deep":[1,2,{"x":null}]},"status":"accepted","list":[[]],
             "marker_id":5,"tags":[{"key":"k","value":"v","colour":"blue"}],"error":[{"error_code":"c","error_message":"m","hint":true}],
             "zz_last":"yes","enable_dns":true,"flag":false,"number":1.5e300}
            """;

        VpcEndpoint e = JsonSerializer.Deserialize(json, HuaweiJsonContext.Default.VpcEndpoint)!;
        EndpointList list = JsonSerializer.Deserialize("""{"endpoints":[""" + json + """],"total_count":1,"request_id":"r","links":{}}""", HuaweiJsonContext.Default.EndpointList)!;
        EndpointServiceInfo service = JsonSerializer.Deserialize("""{"id":"s","service_name":"n","new":{"a":1},"is_charge":true}""", HuaweiJsonContext.Default.EndpointServiceInfo)!;

        Assert.Equal("e1", e.Id);
        Assert.Equal("accepted", e.Status);
        Assert.Equal(5, e.MarkerId);
        Assert.Equal([new ResourceTag("k", "v")], e.Tags);
        Assert.Equal("e1", Assert.Single(list.Endpoints).Id);
        Assert.True(service.IsCharge);
    }

    [Fact]
    public void A_create_request_writes_every_field_in_snake_case_and_leaves_out_what_is_unset()
    {
        var request = new CreateEndpointRequest
        {
            EndpointServiceId = "s",
            VpcId = "v",
            SubnetId = "n",
            EnableDns = true,
            Tags = [new ResourceTag("k", "v")],
            RouteTables = ["rt"],
            PortIp = "10.0.0.5",
            Whitelist = ["10.0.0.0/8"],
            EnableWhitelist = true,
            Description = "d",
            PolicyStatement = JsonDocument.Parse("""[{"Effect":"Allow","Action":["*"],"Resource":["*"]}]""").RootElement,
            PolicyDocument = JsonDocument.Parse("""{"Version":"5.0"}""").RootElement,
            IpVersion = "dualstack",
            Ipv6Address = "2001:db8::5",
        };

        using JsonDocument written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(request, HuaweiJsonContext.Default.CreateEndpointRequest));
        string minimal = JsonSerializer.Serialize(new CreateEndpointRequest { EndpointServiceId = "s", VpcId = "v" }, HuaweiJsonContext.Default.CreateEndpointRequest);

        Assert.Equal(
            ["description", "enable_dns", "enable_whitelist", "endpoint_service_id", "ip_version", "ipv6_address", "policy_document",
             "policy_statement", "port_ip", "routetables", "subnet_id", "tags", "vpc_id", "whitelist"],
            written.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("""{"endpoint_service_id":"s","vpc_id":"v"}""", minimal);
    }

    [Fact]
    public void Find_by_tags_sends_limit_and_offset_as_strings()
    {
        string json = JsonSerializer.Serialize(
            new FindByTagsRequest { Action = "filter", Tags = [new TagFilter("env", ["prod"])], Limit = "100", Offset = "0" },
            HuaweiJsonContext.Default.FindByTagsRequest);

        Assert.Equal("""{"action":"filter","tags":[{"key":"env","values":["prod"]}],"limit":"100","offset":"0"}""", json);
    }

    [Fact]
    public void Quotas_public_services_and_tag_answers_read_their_documented_shapes()
    {
        QuotaEnvelope quotas = JsonSerializer.Deserialize("""{"quotas":{"resources":[{"type":"endpoint","used":3,"quota":50}]}}""", HuaweiJsonContext.Default.QuotaEnvelope)!;
        PublicEndpointServiceList services = JsonSerializer.Deserialize(
            """{"endpoint_services":[{"id":"i","owner":"o","service_name":"n","service_type":"gateway","created_at":"c","is_charge":false,"enable_policy":true}],"total_count":7}""",
            HuaweiJsonContext.Default.PublicEndpointServiceList)!;
        TaggedResourceList tagged = JsonSerializer.Deserialize(
            """{"resources":[{"resource_id":"r","resource_name":"n","tags":[{"key":"k","value":"v"}]}],"total_count":1}""",
            HuaweiJsonContext.Default.TaggedResourceList)!;

        Assert.Equal(new QuotaResource("endpoint", 3, 50), Assert.Single(quotas.Quotas.Resources));
        Assert.Equal(7, services.TotalCount);
        Assert.Equal("o", Assert.Single(services.EndpointServices).Owner);
        Assert.Equal("r", Assert.Single(tagged.Resources!).ResourceId);
    }

    [Fact]
    public void Update_bodies_use_the_api_field_names()
    {
        Assert.Equal("""{"whitelist":[],"enable_whitelist":false}""",
            JsonSerializer.Serialize(new UpdateWhitelistRequest { Whitelist = [], EnableWhitelist = false }, HuaweiJsonContext.Default.UpdateWhitelistRequest));
        Assert.Equal("""{"routetables":["a"]}""",
            JsonSerializer.Serialize(new UpdateRouteTablesRequest(["a"]), HuaweiJsonContext.Default.UpdateRouteTablesRequest));
        Assert.Equal("""{"action":"delete","tags":[{"key":"k"}]}""",
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new TagActionRequest("delete", [new ResourceTag("k", null)]), HuaweiJsonContext.Default.TagActionRequest)));
    }
}
