using System.Net;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;
using static Vpcep.HuaweiCloud.Tests.Infrastructure.ScriptedHandler;

namespace Vpcep.HuaweiCloud.Tests.Http;

/// <summary>
/// Every operation of both clients against a service that first answers 503: the verb it sends, and whether it
/// is retried, exactly as the README's method table says (create and connection decisions never are).
/// </summary>
public class OperationRetryRuleTests
{
    private static readonly ProjectScope Project = FakeHuaweiService.Project;

    private static readonly Dictionary<string, (Func<VpcepClient, VpcClient, Task> Call, string Answer)> Operations = new()
    {
        ["CreateEndpoint"] = ((c, _) => c.CreateEndpointAsync(Project, new CreateEndpointRequest { EndpointServiceId = "s", VpcId = "v" }), """{"id":"e1"}"""),
        ["GetEndpoint"] = ((c, _) => c.GetEndpointAsync(Project, "e1"), """{"id":"e1"}"""),
        ["ListEndpoints"] = ((c, _) => c.ListEndpointsAsync(Project), """{"endpoints":[],"total_count":0}"""),
        ["DeleteEndpoint"] = ((c, _) => c.DeleteEndpointAsync(Project, "e1"), ""),
        ["UpdateWhitelist"] = ((c, _) => c.UpdateWhitelistAsync(Project, "e1", ["10.0.0.0/8"]), """{"id":"e1"}"""),
        ["UpdatePolicy"] = ((c, _) => c.UpdatePolicyAsync(Project, "e1", new UpdatePolicyRequest()), """{"id":"e1"}"""),
        ["UpdateRouteTables"] = ((c, _) => c.UpdateRouteTablesAsync(Project, "e1", ["rt1"]), """{"id":"e1"}"""),
        ["AddTags"] = ((c, _) => c.AddTagsAsync(Project, "e1", [new ResourceTag("k", "v")]), ""),
        ["RemoveTags"] = ((c, _) => c.RemoveTagsAsync(Project, "e1", [new ResourceTag("k", "v")]), ""),
        ["FindEndpointsByTags"] = ((c, _) => c.FindEndpointsByTagsAsync(Project, [new TagFilter("k", ["v"])]), """{"resources":[],"total_count":0}"""),
        ["CountEndpointsByTags"] = ((c, _) => c.CountEndpointsByTagsAsync(Project, [new TagFilter("k", ["v"])]), """{"total_count":0}"""),
        ["DescribeService"] = ((c, _) => c.DescribeServiceAsync(Project, "s"), """{"id":"s"}"""),
        ["DescribeServiceByName"] = ((c, _) => c.DescribeServiceByNameAsync(Project, "com.myhuaweicloud.cn-north-4.obs"), """{"id":"s"}"""),
        ["ListPublicServices"] = ((c, _) => c.ListPublicServicesAsync(Project), """{"endpoint_services":[],"total_count":0}"""),
        ["ActOnConnection"] = ((c, _) => c.ActOnConnectionAsync(Project, "s", "e1", accept: true), """{"connections":[]}"""),
        ["GetQuotas"] = ((c, _) => c.GetQuotasAsync(Project), """{"quotas":{"resources":[]}}"""),
        ["GetVpc"] = ((_, v) => v.GetVpcAsync(Project, "v"), """{"vpc":{"id":"v"}}"""),
        ["GetSubnet"] = ((_, v) => v.GetSubnetAsync(Project, "n"), """{"subnet":{"id":"n"}}"""),
    };

    [Theory]
    [InlineData("CreateEndpoint", "POST", false)]
    [InlineData("GetEndpoint", "GET", true)]
    [InlineData("ListEndpoints", "GET", true)]
    [InlineData("DeleteEndpoint", "DELETE", true)]
    [InlineData("UpdateWhitelist", "PUT", true)]
    [InlineData("UpdatePolicy", "PUT", true)]
    [InlineData("UpdateRouteTables", "PUT", true)]
    [InlineData("AddTags", "POST", true)]
    [InlineData("RemoveTags", "POST", true)]
    [InlineData("FindEndpointsByTags", "POST", true)]
    [InlineData("CountEndpointsByTags", "POST", true)]
    [InlineData("DescribeService", "GET", true)]
    [InlineData("DescribeServiceByName", "GET", true)]
    [InlineData("ListPublicServices", "GET", true)]
    [InlineData("ActOnConnection", "POST", false)]
    [InlineData("GetQuotas", "GET", true)]
    [InlineData("GetVpc", "GET", true)]
    [InlineData("GetSubnet", "GET", true)]
    public async Task Each_operation_sends_its_verb_and_is_retried_only_when_it_is_safe_to_repeat(string operation, string verb, bool retried)
    {
        (Func<VpcepClient, VpcClient, Task> call, string answer) = Operations[operation];
        var handler = new ScriptedHandler(
            _ => Error(HttpStatusCode.ServiceUnavailable, HuaweiErrorCodes.SystemError),
            _ => answer.Length == 0 ? new HttpResponseMessage(HttpStatusCode.NoContent) : Json(HttpStatusCode.OK, answer));
        var time = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);

        Task result = call(FakeHuaweiService.Client(handler, time), FakeHuaweiService.VpcClient(handler, time));

        if (retried)
        {
            await result;
            Assert.Equal(2, handler.Count);
        }
        else
        {
            var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => result);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
            Assert.Equal(1, handler.Count);
        }

        Assert.All(handler.Requests, r => Assert.Equal(verb, r.Method.Method));
    }

    [Fact]
    public void Every_operation_of_both_clients_is_covered()
    {
        string[] methods = [.. typeof(VpcepClient).GetMethods().Concat(typeof(VpcClient).GetMethods())
            .Where(m => m.IsVirtual && m.DeclaringType != typeof(object) && m.Name.EndsWith("Async", StringComparison.Ordinal) && m.Name != "GetAllEndpointsAsync")
            .Select(m => m.Name[..^"Async".Length])
            .Distinct()
            .Order(StringComparer.Ordinal)];

        Assert.Equal(methods, Operations.Keys.Order(StringComparer.Ordinal));
    }
}
