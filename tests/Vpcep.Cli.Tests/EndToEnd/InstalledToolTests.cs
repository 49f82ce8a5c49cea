using System.Globalization;
using System.Text.Json;

namespace Vpcep.Cli.Tests.EndToEnd;

/// <summary>The CLI as an operator gets it: packed, installed with <c>dotnet tool install</c>, run against a real self-host.</summary>
[Collection(CliStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class InstalledToolTests(CliStack stack) : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("vpcep-tool-");

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_without_the_network_and_submits_and_follows_a_request_to_completion()
    {
        string version = "1.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string feed = work.CreateSubdirectory("feed").FullName;
        string toolPath = Path.Combine(work.FullName, "tools");
        (int packed, string packOutput, string packError) = await CliStack.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryPaths.Root, "src", "Vpcep.Cli", "Vpcep.Cli.csproj"), "--no-build", "-c", CliStack.Configuration, "-o", feed, $"-p:PackageVersion={version}", "-nologo"]);
        Assert.True(packed == 0, packOutput + packError);
        Assert.True(File.Exists(Path.Combine(feed, $"Vpcep.Cli.{version}.nupkg")));

        // Offline: a nuget.config that clears every other source, and a packages folder of its own (a tool package
        // carries its dependencies, so nothing else is needed). Should that fail, the machine's sources are tried too.
        string config = Path.Combine(work.FullName, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var isolated = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages") };
        (int installed, string installOutput, string installError) = await CliStack.RunAsync(
            "dotnet", ["tool", "install", "--tool-path", toolPath, "--configfile", config, "--version", version, "Vpcep.Cli"], isolated);
        if (installed != 0)
        {
            (installed, installOutput, installError) = await CliStack.RunAsync(
                "dotnet", ["tool", "install", "--tool-path", toolPath, "--add-source", feed, "--ignore-failed-sources", "--version", version, "Vpcep.Cli"]);
        }

        Assert.True(installed == 0, installOutput + installError);
        string vpcep = Path.Combine(toolPath, "vpcep");

        (int helped, string help, _) = await CliStack.RunAsync(vpcep, ["--help"]);
        Assert.Equal(0, helped);
        Assert.Contains("Exit codes:", help, StringComparison.Ordinal);
        Assert.Contains("watch <ID>", help, StringComparison.Ordinal);

        string file = await RefusalTests.TempFileAsync(CliStack.Request().ToJsonString());
        var environment = new Dictionary<string, string> { ["VPCEP_URL"] = stack.SelfHostUrl.ToString() };
        (int submitted, string submitOutput, string submitError) = await CliStack.RunAsync(
            vpcep, ["submit", file, "--wait", "--json", "--idempotency-key", "installed-" + version], environment);

        Assert.True(submitted == 0, submitOutput + submitError);
        string[] lines = submitOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string instanceId = JsonDocument.Parse(lines[0]).RootElement.GetProperty("instance_id").GetString()!;
        JsonElement last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(("Completed", "accepted"), (last.GetProperty("runtime_status").GetString(), last.GetProperty("outcome").GetProperty("result").GetString()));

        (int looked, string status, _) = await CliStack.RunAsync(vpcep, ["status", instanceId], environment);
        Assert.Equal(0, looked);
        Assert.Contains(instanceId, status, StringComparison.Ordinal);
        Assert.Contains("accepted", status, StringComparison.Ordinal);

        (int missing, _, string notFound) = await CliStack.RunAsync(vpcep, ["status", "vpcep-00000000000000000000000000000000"], environment);
        Assert.Equal((int)ExitCode.NotFound, missing);
        Assert.Contains("404", notFound, StringComparison.Ordinal);
    }

    public void Dispose() => work.Delete(recursive: true);
}
