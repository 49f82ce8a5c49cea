using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Vpcep.Api;
using Vpcep.Functions.Functions;
using Vpcep.Provisioning.Intake;

namespace Vpcep.Functions.Tests.Functions;

/// <summary>The Functions app's side of the asynchronous contract: status URLs carry the function key; terminate, purge, readiness.</summary>
public sealed class AsyncContractFunctionsTests
{
    private readonly FakeTaskHub hub = new();
    private readonly string id = InstanceIds.For("order-1234");

    private VpcEndpointsHttpFunctions Functions() => new(hub.Intake, hub.Options, NullLogger<VpcEndpointsServices>.Instance);

    private static async Task ExecuteAsync(IActionResult result, HttpExchange exchange)
    {
        var action = Assert.IsType<HttpResultAction>(result);
        await action.ExecuteResultAsync(new ActionContext(exchange.Context, new RouteData(), new ActionDescriptor()));
    }

    [Fact]
    public async Task A_key_in_the_header_goes_into_the_status_url_and_location_of_a_submission()
    {
        using var exchange = new HttpExchange("POST", RequestDocuments.SeedExample, "order-1234");
        exchange.Context.Request.Headers["x-functions-key"] = "key/with+chars==";

        await ExecuteAsync(await Functions().SubmitAsync(exchange.Request, hub.Client), exchange);

        string expected = $"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}?code=key%2Fwith%2Bchars%3D%3D";
        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal(expected, exchange.Location);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal(expected, body.RootElement.GetProperty("status_url").GetString());
    }

    [Fact]
    public async Task A_key_in_the_code_parameter_goes_into_the_location_of_a_running_request()
    {
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));
        using var exchange = new HttpExchange("GET");
        exchange.Context.Request.QueryString = new QueryString("?code=abc");

        await ExecuteAsync(await Functions().GetAsync(exchange.Request, id, hub.Client), exchange);

        Assert.Equal(StatusCodes.Status202Accepted, exchange.StatusCode);
        Assert.Equal($"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}?code=abc", exchange.Location);
    }

    [Fact]
    public async Task Without_a_key_the_urls_stay_clean()
    {
        using var exchange = new HttpExchange("POST", RequestDocuments.SeedExample, "order-1234");

        await ExecuteAsync(await Functions().SubmitAsync(exchange.Request, hub.Client), exchange);

        Assert.Equal($"https://provisioning.example.test/tenant-a/api/vpc-endpoints/{id}", exchange.Location);
    }

    [Fact]
    public async Task Terminate_and_purge_call_the_shared_handlers()
    {
        hub.GivenInstances(FakeTaskHub.Instance(id, FakeTaskHub.InputFor(RequestDocuments.SeedExample)));
        using var terminate = new HttpExchange("POST");
        using var purge = new HttpExchange("DELETE");

        await ExecuteAsync(await VpcEndpointsHttpFunctions.TerminateAsync(terminate.Request, id, hub.Client), terminate);
        await ExecuteAsync(await VpcEndpointsHttpFunctions.PurgeHistoryAsync(purge.Request, id, hub.Client), purge);

        Assert.Equal(StatusCodes.Status202Accepted, terminate.StatusCode);
        Assert.Equal(StatusCodes.Status409Conflict, purge.StatusCode);
        await hub.Client.Received(1).TerminateInstanceAsync(id, Arg.Any<TerminateInstanceOptions?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public void The_task_hub_name_comes_from_the_host_json_beside_the_app_unless_an_app_setting_overrides_it()
    {
        string folder = Directory.CreateTempSubdirectory("vpcep-hostjson-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "host.json"), """{"version": "2.0", "extensions": {"durableTask": {"hubName": "FromHostJson"}}}""");
            IConfiguration none = new ConfigurationBuilder().Build();
            IConfiguration overridden = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "FromSetting" })
                .Build();

            Assert.Equal("FromHostJson", HealthFunctions.TaskHubName(none, folder));
            Assert.Equal("FromSetting", HealthFunctions.TaskHubName(overridden, folder));
            Assert.Null(HealthFunctions.TaskHubName(none, Path.Combine(folder, "missing")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_host_json_names_the_task_hub_the_readiness_check_reads() =>
        Assert.Equal("VpcepProvisioning", HealthFunctions.TaskHubName(new ConfigurationBuilder().Build(), AppContext.BaseDirectory));

    [Fact]
    public async Task Readiness_answers_503_with_the_reason_when_the_task_hubs_storage_is_unreachable()
    {
        int deadPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            deadPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] =
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"QueueEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;",
        }).Build();
        using var exchange = new HttpExchange("GET");

        await ExecuteAsync(await new HealthFunctions(configuration).ReadyAsync(exchange.Request), exchange);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, exchange.StatusCode);
        using JsonDocument body = exchange.ResponseJson();
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        JsonElement check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal(HealthApi.TaskHubStorageCheck, check.GetProperty("name").GetString());
        Assert.Contains("could not be reached", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_without_a_storage_account_it_can_read_is_503_saying_so()
    {
        using var exchange = new HttpExchange("GET");

        await ExecuteAsync(await new HealthFunctions(new ConfigurationBuilder().Build()).ReadyAsync(exchange.Request), exchange);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, exchange.StatusCode);
        Assert.Contains("AzureWebJobsStorage", exchange.ResponseText, StringComparison.Ordinal);
    }
}
