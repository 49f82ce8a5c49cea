using System.Net;
using System.Text.Json;
using Vpcep.Emulator.Tests.Infrastructure;

namespace Vpcep.Emulator.Tests;

/// <summary>
/// The emulator verifies Huawei's published signing example (vector A of the API notes) byte for byte:
/// the request exactly as it was signed in 2019, sent raw, with a clock-skew window wide enough for its date.
/// </summary>
public sealed class PublishedVectorTests
{
    private const string Path = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
    private const string Authorization =
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";

    private static Task<EmulatorHost> StartAsync() => EmulatorHost.StartAsync(o =>
    {
        o.Credentials.Add(new EmulatorCredential { AccessKey = "QTWAOYTTINDUT2QVKYUC", SecretKey = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" });
        o.MaxClockSkew = DateTimeOffset.UtcNow - new DateTimeOffset(2019, 11, 15, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromDays(1);
    });

    private static HttpRequestMessage VectorA(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path) { Content = new ByteArrayContent([]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Host = "service.region.example.com";
        request.Headers.TryAddWithoutValidation("X-Sdk-Date", "20191115T033655Z");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    [Fact]
    public async Task Vector_As_request_passes_signature_verification()
    {
        await using EmulatorHost host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using HttpResponseMessage response = await http.SendAsync(VectorA(Authorization));

        // Past the gateway: the emulator has no VPC list, so the answer is the service's 404, not the gateway's 401.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("error_code", out JsonElement code) && code.GetString() == "APIG.0301", body.ToString());
    }

    [Fact]
    public async Task Vector_As_request_with_one_signature_digit_changed_is_401_APIG_0301()
    {
        await using EmulatorHost host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using HttpResponseMessage response = await http.SendAsync(VectorA(Authorization[..^1] + "f"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("APIG.0301", body.GetProperty("error_code").GetString());
    }
}
