using System.Collections.Frozen;
using Vpcep.HuaweiCloud.Http;

namespace Vpcep.HuaweiCloud.Tests.Http;

/// <summary>
/// Expected hosts come from the official SDK region tables: huaweicloud/huaweicloud-sdk-net-v3 3.1.207
/// (Services/Vpcep/V1/Region/VpcepRegion.cs, Services/Vpc/V2/Region/VpcRegion.cs, Services/Vpc/V3/Region/VpcRegion.cs,
/// Services/Smn/V2/Region/SmnRegion.cs), identical to huaweicloud/huaweicloud-sdk-go-v3 0.1.188
/// (services/vpcep/v1/region/region.go, services/vpc/v2/region/region.go, services/vpc/v3/region/region.go,
/// services/smn/v2/region/region.go).
/// </summary>
public class EndpointResolutionTests
{
    public static TheoryData<string, FrozenDictionary<string, string>> Tables => new()
    {
        { HuaweiEndpoints.Vpcep, HuaweiRegions.Vpcep },
        { HuaweiEndpoints.Vpc, HuaweiRegions.Vpc },
        { HuaweiEndpoints.Smn, HuaweiRegions.Smn },
    };

    [Theory]
    // VpcepRegion.cs / vpcep region.go
    [InlineData("vpcep", "cn-north-4", "https://vpcep.cn-north-4.myhuaweicloud.com/")]
    [InlineData("vpcep", "ap-southeast-1", "https://vpcep.ap-southeast-1.myhuaweicloud.com/")]
    [InlineData("vpcep", "cn-north-9", "https://vpcep.cn-north-9.myhuaweicloud.com/")]
    [InlineData("vpcep", "ap-southeast-4", "https://vpcep.ap-southeast-4.myhuaweicloud.com/")]
    [InlineData("vpcep", "tr-west-1", "https://vpcep.tr-west-1.myhuaweicloud.com/")]
    [InlineData("vpcep", "my-kualalumpur-1", "https://vpcep.my-kualalumpur-1.myhuaweicloud.com/")]
    [InlineData("vpcep", "ru-moscow-1", "https://vpcep.ru-moscow-1.myhuaweicloud.com/")]
    [InlineData("vpcep", "ru-northwest-2", "https://vpcep.ru-northwest-2.myhuaweicloud.com/")]
    [InlineData("vpcep", "cn-north-2", "https://vpcep.cn-north-2.myhuaweicloud.com/")]
    // VpcRegion.cs (V2 and V3) / vpc v2 and v3 region.go
    [InlineData("vpc", "af-south-1", "https://vpc.af-south-1.myhuaweicloud.com/")]
    [InlineData("vpc", "cn-north-4", "https://vpc.cn-north-4.myhuaweicloud.com/")]
    [InlineData("vpc", "cn-north-9", "https://vpc.cn-north-9.myhuaweicloud.com/")]
    [InlineData("vpc", "ap-southeast-4", "https://vpc.ap-southeast-4.myhuaweicloud.com/")]
    [InlineData("vpc", "tr-west-1", "https://vpc.tr-west-1.myhuaweicloud.com/")]
    [InlineData("vpc", "my-kualalumpur-1", "https://vpc.my-kualalumpur-1.myhuaweicloud.com/")]
    [InlineData("vpc", "ru-moscow-1", "https://vpc.ru-moscow-1.myhuaweicloud.com/")]
    [InlineData("vpc", "cn-north-2", "https://vpc.cn-north-2.myhuaweicloud.com/")]
    // SmnRegion.cs / smn region.go
    [InlineData("smn", "cn-north-4", "https://smn.cn-north-4.myhuaweicloud.com/")]
    [InlineData("smn", "cn-north-9", "https://smn.cn-north-9.myhuaweicloud.com/")]
    [InlineData("smn", "ap-southeast-4", "https://smn.ap-southeast-4.myhuaweicloud.com/")]
    [InlineData("smn", "tr-west-1", "https://smn.tr-west-1.myhuaweicloud.com/")]
    [InlineData("smn", "my-kualalumpur-1", "https://smn.my-kualalumpur-1.myhuaweicloud.com/")]
    [InlineData("smn", "ru-moscow-1", "https://smn.ru-moscow-1.myhuaweicloud.com/")]
    public void A_known_region_resolves_to_the_host_the_sdk_table_gives(string service, string region, string expected)
    {
        Assert.True(HuaweiEndpoints.IsKnownRegion(service, region));
        Assert.Equal(new Uri(expected), HuaweiEndpoints.Resolve(service, region, null));
    }

    [Theory]
    // VpcepRegion.cs / vpcep region.go: EU_WEST_101 = "https://vpcep.eu-west-101.myhuaweicloud.eu"
    [InlineData("vpcep", "eu-west-101", "https://vpcep.eu-west-101.myhuaweicloud.eu/")]
    // VpcRegion.cs V2 and V3 / vpc v2 and v3 region.go: EU_WEST_101 = "https://vpc.eu-west-101.myhuaweicloud.com"
    // (.eu until 2024-03-28, .com since .NET 3.1.87 / Go 0.1.88)
    [InlineData("vpc", "eu-west-101", "https://vpc.eu-west-101.myhuaweicloud.com/")]
    // SmnRegion.cs / smn region.go: CN_NORTH_2 = "https://smn.cn-north-2.myhuaweicloud.cn"
    [InlineData("smn", "cn-north-2", "https://smn.cn-north-2.myhuaweicloud.cn/")]
    // SmnRegion.cs / smn region.go: EU_WEST_101 = "https://smn.eu-west-101.myhuaweicloud.eu"
    [InlineData("smn", "eu-west-101", "https://smn.eu-west-101.myhuaweicloud.eu/")]
    public void A_special_host_in_the_sdk_table_is_used_as_given(string service, string region, string expected)
    {
        Assert.True(HuaweiEndpoints.IsKnownRegion(service, region));
        Assert.Equal(new Uri(expected), HuaweiEndpoints.Resolve(service, region, null));
    }

    [Theory]
    [InlineData("vpcep")]
    [InlineData("vpc")]
    [InlineData("smn")]
    public void The_base_url_override_wins_over_the_table_and_the_pattern(string service)
    {
        var emulator = new Uri("http://127.0.0.1:5080");

        Assert.Equal(emulator, HuaweiEndpoints.Resolve(service, "eu-west-101", emulator));
        Assert.Equal(emulator, HuaweiEndpoints.Resolve(service, "cn-north-2", emulator));
        Assert.Equal(emulator, HuaweiEndpoints.Resolve(service, "xx-new-1", emulator));
    }

    [Theory]
    [InlineData("vpcep", "xx-new-1", "https://vpcep.xx-new-1.myhuaweicloud.com/")]
    [InlineData("vpc", "xx-new-1", "https://vpc.xx-new-1.myhuaweicloud.com/")]
    [InlineData("smn", "xx-new-1", "https://smn.xx-new-1.myhuaweicloud.com/")]
    // SmnRegion.cs / smn region.go list no ru-northwest-2 (the VPCEP and VPC tables do).
    [InlineData("smn", "ru-northwest-2", "https://smn.ru-northwest-2.myhuaweicloud.com/")]
    public void An_unknown_region_falls_back_to_the_common_pattern(string service, string region, string expected)
    {
        Assert.False(HuaweiEndpoints.IsKnownRegion(service, region));
        Assert.Equal(new Uri(expected), HuaweiEndpoints.Resolve(service, region, null));
    }

    [Fact]
    public void A_service_without_a_table_falls_back_to_the_pattern_with_eu_west_101_on_the_eu_domain()
    {
        Assert.False(HuaweiEndpoints.IsKnownRegion("ecs", "cn-north-4"));
        Assert.Equal(new Uri("https://ecs.cn-north-4.myhuaweicloud.com/"), HuaweiEndpoints.Resolve("ecs", "cn-north-4", null));
        Assert.Equal(new Uri("https://ecs.eu-west-101.myhuaweicloud.eu/"), HuaweiEndpoints.Resolve("ecs", "eu-west-101", null));
    }

    [Fact]
    public void The_tables_hold_as_many_regions_as_the_sdk_files()
    {
        Assert.Equal(34, HuaweiRegions.Vpcep.Count);
        Assert.Equal(34, HuaweiRegions.Vpc.Count);
        Assert.Equal(33, HuaweiRegions.Smn.Count);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_table_url_is_absolute_https_with_no_path_and_names_its_service_and_region(string service, FrozenDictionary<string, string> table)
    {
        Assert.All(table, entry =>
        {
            Assert.True(Uri.TryCreate(entry.Value, UriKind.Absolute, out Uri? uri), entry.Value);
            Assert.Equal(Uri.UriSchemeHttps, uri!.Scheme);
            Assert.Equal("/", uri.AbsolutePath);
            Assert.Empty(uri.Query);
            Assert.Empty(uri.Fragment);
            Assert.True(uri.IsDefaultPort, entry.Value);
            Assert.StartsWith($"{service}.{entry.Key}.", uri.Host, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_table_entry_is_what_resolve_answers(string service, FrozenDictionary<string, string> table)
    {
        Assert.All(table, entry =>
        {
            Assert.True(HuaweiEndpoints.IsKnownRegion(service, entry.Key));
            Assert.Equal(new Uri(entry.Value), HuaweiEndpoints.Resolve(service, entry.Key, null));
        });
    }

    [Fact]
    public async Task A_scope_region_overrides_the_configured_default_region()
    {
        var handler = new Infrastructure.ScriptedHandler(_ => Infrastructure.ScriptedHandler.Json(System.Net.HttpStatusCode.OK, """{"id":"s"}"""));
        VpcepClient client = Infrastructure.FakeHuaweiService.Client(handler, options: new HuaweiCloudOptions { Region = "cn-north-4" });

        await client.DescribeServiceAsync(new ProjectScope("0123456789abcdef0123456789abcdef", "eu-west-101"), "s");
        await client.DescribeServiceAsync(new ProjectScope("0123456789abcdef0123456789abcdef"), "s");

        Assert.Equal(["vpcep.eu-west-101.myhuaweicloud.eu", "vpcep.cn-north-4.myhuaweicloud.com"], handler.Requests.Select(r => r.RequestUri!.Host));
    }
}
