using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vpcep.Cli.Tests.Infrastructure;

namespace Vpcep.Cli.Tests;

public class RefusalTests
{
    private static readonly string InvalidRequest = Documents.Problem(
        400,
        "The request is invalid.",
        "2 problem(s) found; nothing was started.",
        ("/endpoint/vpc_id", "invalid_uuid", "vpc_id must be a UUID."),
        ("/endpoint/tags/3/key", "tag_key_too_long", "A tag key has at most 128 characters."));

    [Fact]
    public async Task A_400_problem_exits_3_and_prints_its_title_detail_and_every_problem_with_pointer_code_and_message()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapPost("/api/vpc-endpoints", () => FakeVpcepApi.Json(400, InvalidRequest, contentType: "application/problem+json")));
        string file = await TempFileAsync("{\"project_id\": \"x\"}");
        var cli = new CliHarness();

        int exit = await cli.RunAsync("submit", file, "--url", api.Url.ToString());

        Assert.Equal((int)ExitCode.Refused, exit);
        Assert.Contains("answered 400", cli.Error, StringComparison.Ordinal);
        Assert.Contains("The request is invalid.", cli.Error, StringComparison.Ordinal);
        Assert.Contains("2 problem(s) found; nothing was started.", cli.Error, StringComparison.Ordinal);
        Assert.Contains("/endpoint/vpc_id  invalid_uuid  vpc_id must be a UUID.", cli.Error, StringComparison.Ordinal);
        Assert.Contains("/endpoint/tags/3/key  tag_key_too_long  A tag key has at most 128 characters.", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Output);
    }

    [Fact]
    public async Task With_json_a_problem_is_also_written_to_standard_output_as_the_api_sent_it()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapPost("/api/vpc-endpoints", () => FakeVpcepApi.Json(400, InvalidRequest, contentType: "application/problem+json")));
        string file = await TempFileAsync("{}");
        var cli = new CliHarness();

        int exit = await cli.RunAsync("submit", file, "--url", api.Url.ToString(), "--json");

        Assert.Equal(3, exit);
        string line = Assert.Single(cli.OutputLines);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(InvalidRequest).RootElement, JsonDocument.Parse(line).RootElement));
    }

    [Theory]
    [InlineData(409, ExitCode.Refused)]
    [InlineData(403, ExitCode.Refused)]
    [InlineData(422, ExitCode.Refused)]
    [InlineData(404, ExitCode.NotFound)]
    [InlineData(500, ExitCode.Unavailable)]
    [InlineData(503, ExitCode.Unavailable)]
    public async Task An_error_status_gives_its_exit_code(int status, ExitCode expected)
    {
        string problem = Documents.Problem(status, "Refused.", "Because.");
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app =>
        {
            app.MapGet("/api/vpc-endpoints/{id}", () => FakeVpcepApi.Json(status, problem, contentType: "application/problem+json"));
            app.MapDelete("/api/vpc-endpoints/{id}", () => FakeVpcepApi.Json(status, problem, contentType: "application/problem+json"));
            app.MapPost("/api/vpc-endpoints/{id}/notifications", () => FakeVpcepApi.Json(status, problem, contentType: "application/problem+json"));
        });

        foreach (string[] command in new[] { new[] { "status", "vpcep-1" }, ["delete", "vpcep-1"], ["redeliver", "vpcep-1"] })
        {
            var cli = new CliHarness();

            int exit = await cli.RunAsync([.. command, "--url", api.Url.ToString()]);

            Assert.Equal((int)expected, exit);
            Assert.Contains($"answered {status}", cli.Error, StringComparison.Ordinal);
            Assert.Contains("Because.", cli.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_delete_refused_while_the_request_still_provisions_exits_3_and_names_the_problem_type()
    {
        string conflict = Documents.Problem(409, "The request is still provisioning.", "Give cancel=true to stop it and delete its endpoint.").Replace("invalid-request", "still-provisioning", StringComparison.Ordinal);
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapDelete("/api/vpc-endpoints/{id}", () => FakeVpcepApi.Json(409, conflict, contentType: "application/problem+json")));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("delete", "vpcep-1", "--url", api.Url.ToString());

        Assert.Equal(3, exit);
        Assert.Contains("urn:vpcep-functions:problem:still-provisioning", cli.Error, StringComparison.Ordinal);
        Assert.Equal("/api/vpc-endpoints/vpcep-1", Assert.Single(api.Requests).PathAndQuery);
    }

    [Fact]
    public async Task A_host_that_cannot_be_reached_exits_4()
    {
        int port = LoopbackPorts.Free();
        var cli = new CliHarness();

        int exit = await cli.RunAsync("status", "vpcep-1", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal((int)ExitCode.Unavailable, exit);
        Assert.Contains("could not be reached", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_slower_than_the_timeout_exits_4()
    {
        using var release = new CancellationTokenSource();
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/vpc-endpoints/{id}", async (HttpContext context) =>
        {
            // Answers only when the test ends (or the client gives up): the CLI's --timeout must stop it first.
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(release.Token, context.RequestAborted).Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return FakeVpcepApi.Json(200, Documents.Request("vpcep-1", "Completed", "accepted"));
        }));
        var cli = new CliHarness();

        int exit = await cli.RunAsync("status", "vpcep-1", "--url", api.Url.ToString(), "--timeout", "0.5");
        await release.CancelAsync();

        Assert.Equal((int)ExitCode.Unavailable, exit);
        Assert.Contains("0.5 s", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_are_sent_in_their_headers_from_the_options_or_the_environment()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(app => app.MapGet("/api/vpc-endpoints/{id}", () => FakeVpcepApi.Json(200, Documents.Request("vpcep-1", "Completed", "accepted"))));
        var fromEnvironment = new CliHarness(environment: new Dictionary<string, string>
        {
            ["VPCEP_URL"] = api.Url.ToString(),
            ["VPCEP_API_KEY"] = "env-api-key",
            ["VPCEP_FUNCTION_KEY"] = "env-function-key",
        });

        Assert.Equal(0, await fromEnvironment.RunAsync("status", "vpcep-1"));
        Assert.Equal(0, await fromEnvironment.RunAsync("status", "vpcep-1", "--api-key", "option-api-key", "--function-key", "option-function-key"));

        FakeVpcepApi.Received[] received = [.. api.Requests];
        Assert.Equal(("env-api-key", "env-function-key"), (received[0].ApiKey, received[0].FunctionKey));
        Assert.Equal(("option-api-key", "option-function-key"), (received[1].ApiKey, received[1].FunctionKey));
    }

    internal static async Task<string> TempFileAsync(string content)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("vpcep-cli-").FullName, "document.json");
        await File.WriteAllTextAsync(file, content);
        return file;
    }
}
