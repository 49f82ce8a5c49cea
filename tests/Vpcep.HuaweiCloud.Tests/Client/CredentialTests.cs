using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;

namespace Vpcep.HuaweiCloud.Tests.Client;

/// <summary>An emulator that also accepts one temporary key pair, which needs its security token.</summary>
public sealed class TemporaryCredentialsEmulatorFixture : EmulatorFixture
{
    public const string TemporaryAccessKey = "TEMPORARYACCESSKEY001";
    public const string TemporarySecretKey = "temporary-secret-key-never-in-logs";
    public const string SecurityToken = "temporary-security-token-never-in-logs";

    protected override IEnumerable<string> ExtraArguments =>
    [
        $"--Emulator:Credentials:0:AccessKey={AccessKey}",
        $"--Emulator:Credentials:0:SecretKey={SecretKey}",
        $"--Emulator:Credentials:1:AccessKey={TemporaryAccessKey}",
        $"--Emulator:Credentials:1:SecretKey={TemporarySecretKey}",
        $"--Emulator:Credentials:1:SecurityToken={SecurityToken}",
    ];
}

/// <summary>Temporary credentials over real HTTP, and that no secret reaches the logs.</summary>
public class CredentialTests(TemporaryCredentialsEmulatorFixture emulator) : IClassFixture<TemporaryCredentialsEmulatorFixture>, IAsyncLifetime
{
    private readonly ProjectScope project = EmulatorFixture.NewProject();

    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Temporary_credentials_with_their_security_token_are_accepted()
    {
        await using ServiceProvider services = emulator.CreateServices(
            accessKey: TemporaryCredentialsEmulatorFixture.TemporaryAccessKey,
            secretKey: TemporaryCredentialsEmulatorFixture.TemporarySecretKey,
            settings: new Dictionary<string, string?> { ["HuaweiCloud:SecurityToken"] = TemporaryCredentialsEmulatorFixture.SecurityToken });

        EndpointServiceInfo service = await services.GetRequiredService<VpcepClient>().DescribeServiceAsync(project, EmulatorFixture.InterfaceServiceId);

        Assert.Equal(EmulatorFixture.InterfaceServiceId, service.Id);
    }

    [Fact]
    public async Task Temporary_credentials_without_their_security_token_are_refused()
    {
        await using ServiceProvider services = emulator.CreateServices(
            accessKey: TemporaryCredentialsEmulatorFixture.TemporaryAccessKey,
            secretKey: TemporaryCredentialsEmulatorFixture.TemporarySecretKey);

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            services.GetRequiredService<VpcepClient>().DescribeServiceAsync(project, EmulatorFixture.InterfaceServiceId));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("APIG.0301", error.ErrorCode);
    }

    [Fact]
    public async Task The_logs_of_a_failing_call_with_trace_logging_contain_no_secret_key_and_no_token()
    {
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider services = emulator.CreateServices(
            accessKey: TemporaryCredentialsEmulatorFixture.TemporaryAccessKey,
            secretKey: "a-wrong-secret-key-that-must-not-be-logged",
            settings: new Dictionary<string, string?> { ["HuaweiCloud:SecurityToken"] = TemporaryCredentialsEmulatorFixture.SecurityToken },
            logs: logs);
        await emulator.FailNextAsync("GetVpc", 1, 500, "EndPoint.0001");

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() => services.GetRequiredService<VpcClient>().GetVpcAsync(project, EmulatorFixture.VpcId));

        Assert.Equal("APIG.0301", error.ErrorCode);
        Assert.Contains("APIG.0301", logs.All, StringComparison.Ordinal); // the failure was logged...
        Assert.DoesNotContain("a-wrong-secret-key-that-must-not-be-logged", logs.All, StringComparison.Ordinal); // ...without secrets
        Assert.DoesNotContain(TemporaryCredentialsEmulatorFixture.SecurityToken, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-secret-key-that-must-not-be-logged", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_and_retries_are_logged_with_status_code_and_request_id()
    {
        var logs = new CapturingLoggerProvider();
        await using ServiceProvider services = emulator.CreateServices(logs: logs);
        await emulator.FailNextAsync("GetSubnet", 1, 500, "EndPoint.0001");

        await services.GetRequiredService<VpcClient>().GetSubnetAsync(project, EmulatorFixture.SubnetId);

        string retry = Assert.Single(logs.Lines, l => l.Contains("is retried", StringComparison.Ordinal));
        Assert.Contains("EndPoint.0001", retry, StringComparison.Ordinal);
        Assert.Matches("request id [0-9a-f]{32}", retry);
        Assert.DoesNotContain(EmulatorFixture.SecretKey, logs.All, StringComparison.Ordinal);
    }
}
