using Vpcep.HuaweiCloud.Http;

namespace Vpcep.HuaweiCloud.Tests.Http;

public class EndpointResolutionTests
{
    [Theory]
    [InlineData("vpcep", "cn-north-4", "https://vpcep.cn-north-4.myhuaweicloud.com/")]
    [InlineData("vpcep", "ap-southeast-1", "https://vpcep.ap-southeast-1.myhuaweicloud.com/")]
    [InlineData("vpcep", "eu-west-101", "https://vpcep.eu-west-101.myhuaweicloud.eu/")]
    [InlineData("vpc", "eu-west-101", "https://vpc.eu-west-101.myhuaweicloud.eu/")]
    [InlineData("vpc", "af-south-1", "https://vpc.af-south-1.myhuaweicloud.com/")]
    public void A_region_resolves_to_its_service_host(string service, string region, string expected) =>
        Assert.Equal(new Uri(expected), HuaweiEndpoints.Resolve(service, region, null));

    [Fact]
    public void The_base_url_override_wins_over_the_region()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5080"), HuaweiEndpoints.Resolve("vpcep", "eu-west-101", new Uri("http://127.0.0.1:5080")));
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
