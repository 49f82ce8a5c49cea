using Vpcep.Cli.Tests.Infrastructure;

namespace Vpcep.Cli.Tests;

public class ParsingTests
{
    [Theory]
    [InlineData(new[] { "status" }, "needs a request ID or --batch")]
    [InlineData(new[] { "status", "vpcep-1", "--batch", "b1" }, "not both")]
    [InlineData(new[] { "watch" }, "needs a request ID or --batch")]
    [InlineData(new[] { "redeliver" }, "needs a request ID or --batch")]
    [InlineData(new[] { "redeliver", "vpcep-1", "--batch", "b1" }, "not both")]
    [InlineData(new[] { "delete", "--batch", "b1", "--wait" }, "does not wait")]
    [InlineData(new[] { "enqueue", "batch.json", "--blob", "--split" }, "--blob and --split")]
    [InlineData(new[] { "enqueue", "batch.json", "--connection-string", "UseDevelopmentStorage=true", "--account-name", "acct" }, "two ways")]
    [InlineData(new[] { "enqueue", "batch.json", "--client-id", "abc" }, "--client-id needs --account-name")]
    [InlineData(new[] { "status", "vpcep-1", "--timeout", "soon" }, "--timeout 'soon'")]
    [InlineData(new[] { "status", "vpcep-1", "--timeout", "0" }, "--timeout '0'")]
    [InlineData(new[] { "status", "vpcep-1", "--url", "127.0.0.1:7071" }, "--url '127.0.0.1:7071' is not an absolute http or https URL")]
    [InlineData(new[] { "submit" }, "FILE")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "status", "vpcep-1", "--no-such-option" }, "--no-such-option")]
    public async Task A_command_line_that_is_wrong_exits_2_naming_the_problem_and_sends_nothing(string[] args, string expected)
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(_ => { });
        var cli = new CliHarness(environment: new Dictionary<string, string> { ["VPCEP_URL"] = api.Url.ToString() });

        int exit = await cli.RunAsync(args);

        Assert.Equal((int)ExitCode.Usage, exit);
        Assert.Contains(expected, cli.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Every_problem_of_a_command_line_is_named_at_once()
    {
        var cli = new CliHarness();

        int exit = await cli.RunAsync("status", "--timeout", "never", "--url", "ftp://x");

        Assert.Equal(2, exit);
        Assert.Contains("needs a request ID or --batch", cli.Error, StringComparison.Ordinal);
        Assert.Contains("--timeout 'never'", cli.Error, StringComparison.Ordinal);
        Assert.Contains("--url 'ftp://x'", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_cannot_be_read_is_a_usage_error()
    {
        await using FakeVpcepApi api = await FakeVpcepApi.StartAsync(_ => { });
        var cli = new CliHarness();

        int exit = await cli.RunAsync("submit", Path.Combine(Path.GetTempPath(), "no-such-file-" + Guid.NewGuid().ToString("N") + ".json"), "--url", api.Url.ToString());

        Assert.Equal(2, exit);
        Assert.Contains("cannot read", cli.Error, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task Help_lists_every_command_and_the_exit_codes_and_exits_0()
    {
        var cli = new CliHarness();

        int exit = await cli.RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (string command in new[] { "submit", "enqueue", "status", "watch", "delete", "redeliver" })
        {
            Assert.Contains(command + " ", cli.Output, StringComparison.Ordinal);
        }

        foreach (ExitCode code in Enum.GetValues<ExitCode>())
        {
            Assert.Contains($"  {(int)code}  ", cli.Output, StringComparison.Ordinal);
        }

        Assert.Contains("VPCEP_URL", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exit_codes_keep_the_numbers_scripts_rely_on()
    {
        Assert.Equal(
            [0, 1, 2, 3, 4, 5],
            new[] { ExitCode.Success, ExitCode.NotSuccessful, ExitCode.Usage, ExitCode.Refused, ExitCode.Unavailable, ExitCode.NotFound }.Select(c => (int)c));
    }
}
