using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vpcep.Emulator.Tests.Infrastructure;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.Emulator.Tests;

/// <summary>An emulator with a permanent pair, a temporary pair and token auth enabled for one token.</summary>
public sealed class AuthFixture : IAsyncLifetime
{
    public static readonly HuaweiCredentials Permanent = new("PERMANENTKEY000000001", "permanent-secret");
    public static readonly HuaweiCredentials Temporary = new("TEMPORARYKEY000000001", "temporary-secret", "security-token-value");

    public EmulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync(o =>
        {
            o.Credentials.Add(new EmulatorCredential { AccessKey = Permanent.AccessKey, SecretKey = Permanent.SecretKey });
            o.Credentials.Add(new EmulatorCredential { AccessKey = Temporary.AccessKey, SecretKey = Temporary.SecretKey, SecurityToken = Temporary.SecurityToken });
            o.AcceptAuthToken = true;
            o.AuthTokens.Add("good-token");
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class AuthenticationTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private readonly string project = Ids.NewProject();

    private string VpcPath => $"/v1/{project}/vpcs/{Ids.Vpc}";

    [Fact]
    public async Task Configured_pair_is_accepted()
    {
        using HttpClient client = fixture.Host.CreateClient(AuthFixture.Permanent);

        HttpResponseMessage response = await client.GetAsync(VpcPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Default_pair_is_replaced_when_pairs_are_configured()
    {
        using HttpClient client = fixture.Host.CreateClient(EmulatorHost.DefaultCredentials);

        await (await client.GetAsync(VpcPath)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Fact]
    public async Task Wrong_secret_key_is_401_APIG_0301_with_the_gateway_message()
    {
        using HttpClient client = fixture.Host.CreateClient(AuthFixture.Permanent with { SecretKey = "wrong" });

        HttpResponseMessage response = await client.GetAsync(VpcPath);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
        JsonNode body = await response.ReadJsonAsync();
        Assert.Equal("Incorrect IAM authentication information: verify aksk signature fail", (string?)body["error_msg"]);
    }

    [Fact]
    public async Task Unsigned_request_is_401()
    {
        await (await fixture.Host.Admin.GetAsync(VpcPath)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    public async Task Clock_skew_over_15_minutes_is_401(int minutes)
    {
        using HttpClient client = fixture.Host.CreateClient(AuthFixture.Permanent, () => DateTimeOffset.UtcNow.AddMinutes(minutes));

        await (await client.GetAsync(VpcPath)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Theory]
    [InlineData(-14)]
    [InlineData(14)]
    public async Task Clock_skew_within_15_minutes_is_accepted(int minutes)
    {
        using HttpClient client = fixture.Host.CreateClient(AuthFixture.Permanent, () => DateTimeOffset.UtcNow.AddMinutes(minutes));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(VpcPath)).StatusCode);
    }

    [Fact]
    public async Task Body_changed_after_signing_is_401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Host.BaseAddress, $"/v1/{project}/vpc-endpoints"))
        {
            Content = new StringContent(Wire.InterfaceRequest().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        await SdkHmacSha256Signer.SignAsync(request, AuthFixture.Permanent, DateTimeOffset.UtcNow);
        JsonObject tampered = Wire.InterfaceRequest();
        tampered["port_ip"] = "192.168.0.50";
        request.Content = new StringContent(tampered.ToJsonString(), Encoding.UTF8, "application/json");

        HttpResponseMessage response = await fixture.Host.Admin.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Fact]
    public async Task Query_changed_after_signing_is_401()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Host.BaseAddress, $"/v1/{project}/vpc-endpoints?limit=1"));
        await SdkHmacSha256Signer.SignAsync(request, AuthFixture.Permanent, DateTimeOffset.UtcNow);
        request.RequestUri = new Uri(fixture.Host.BaseAddress, $"/v1/{project}/vpc-endpoints?limit=2");

        await (await fixture.Host.Admin.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Fact]
    public async Task Signed_body_is_accepted_and_unsigned_payload_header_is_honoured()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Host.BaseAddress, $"/v1/{project}/vpc-endpoints"))
        {
            Content = new StringContent(Wire.InterfaceRequest().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SdkHmacSha256Signer.ContentSha256Header, "UNSIGNED-PAYLOAD");
        await SdkHmacSha256Signer.SignAsync(request, AuthFixture.Permanent, DateTimeOffset.UtcNow);

        HttpResponseMessage response = await fixture.Host.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Temporary_pair_with_its_token_is_accepted()
    {
        using HttpClient client = fixture.Host.CreateClient(AuthFixture.Temporary);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(VpcPath)).StatusCode);
    }

    [Fact]
    public async Task Temporary_pair_without_or_with_a_wrong_token_is_401()
    {
        using HttpClient noToken = fixture.Host.CreateClient(AuthFixture.Temporary with { SecurityToken = null });
        using HttpClient wrongToken = fixture.Host.CreateClient(AuthFixture.Temporary with { SecurityToken = "other-token" });

        await (await noToken.GetAsync(VpcPath)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
        await (await wrongToken.GetAsync(VpcPath)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Fact]
    public async Task Auth_token_is_accepted_only_when_it_is_a_configured_token()
    {
        using var good = new HttpRequestMessage(HttpMethod.Get, VpcPath);
        good.Headers.Add("X-Auth-Token", "good-token");
        using var bad = new HttpRequestMessage(HttpMethod.Get, VpcPath);
        bad.Headers.Add("X-Auth-Token", "bad-token");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Admin.SendAsync(good)).StatusCode);
        await (await fixture.Host.Admin.SendAsync(bad)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }

    [Fact]
    public async Task Percent_encoded_path_segments_verify()
    {
        using HttpClient client = fixture.Host.CreateClient(AuthFixture.Permanent);
        var body = new JsonObject { ["subject"] = "s", ["message"] = "m" };

        // The topic URN's colons percent-encoded: the signature covers the decoded-then-encoded segment.
        HttpResponseMessage response = await client.PostJsonAsync($"/v2/{project}/notifications/topics/urn%3Asmn%3Acn-north-4%3A{project}%3Avpcep-events/publish", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class DefaultAuthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Default_pair_is_accepted_and_auth_tokens_are_off_by_default()
    {
        string path = $"/v1/{Ids.NewProject()}/subnets/{Ids.Subnet}";
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, path);
        tokenRequest.Headers.Add("X-Auth-Token", "anything");

        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync(path)).StatusCode);
        await (await fixture.Host.Admin.SendAsync(tokenRequest)).AssertErrorAsync(HttpStatusCode.Unauthorized, "APIG.0301");
    }
}
