using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Vpcep.Emulator.Tests.Infrastructure;

/// <summary>The fixture ids every consumer of the emulator relies on.</summary>
public static class Ids
{
    public const string Vpc = "84758cf5-9c62-43ae-a778-3dbd8370c0a4";
    public const string Subnet = "68bfbcc1-dff2-47e4-a9d4-332b9bc1b8de";
    public const string OpenService = "e0c748b7-d982-47df-ba06-b9c8c7650c1a";
    public const string ApprovalService = "5f0a1c3e-7b7d-4a8e-9a51-3f1d2a6c9b01";
    public const string GatewayService = "9c1e5d2a-4b3f-4e6a-8d7c-2a1b0c9d8e02";
    public const string FailingService = "3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c03";
    public const string SecondVpc = "1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0";
    public const string SecondSubnet = "2c3d4e5f-6071-4283-94a5-b6c7d8e9f0a1";
    public const string OverlappingSubnet = "3d4e5f60-7182-4394-a5b6-c7d8e9f0a1b2";

    /// <summary>A fresh project, so tests sharing an emulator never see each other's endpoints.</summary>
    public static string NewProject() => Guid.NewGuid().ToString("N");
}

/// <summary>Small helpers for raw JSON calls; tests read the wire format directly.</summary>
public static class Wire
{
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.SendJsonAsync(HttpMethod.Post, path, body.ToJsonString());

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    /// <summary>
    /// Asserts a Huawei error: status, code, the X-Request-Id header, and the request id in the body exactly when
    /// the API gateway answers (APIG.* codes), as the wire corpus shows.
    /// </summary>
    public static async Task AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        JsonNode body = JsonNode.Parse(text)!;
        Assert.Equal(code, (string?)body["error_code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["error_msg"]));
        string header = response.Headers.GetValues("X-Request-Id").Single();
        Assert.NotEmpty(header);
        Assert.Equal(code.StartsWith("APIG", StringComparison.Ordinal) ? header : null, (string?)body["request_id"]);
    }

    /// <summary>Asserts an error of the VPC service: status, and its own <c>{code, message}</c> shape with the request id only in the header.</summary>
    public static async Task AssertVpcServiceErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        JsonObject body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(code, (string?)body["code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        Assert.Equal(["code", "message"], body.Select(p => p.Key).Order());
        Assert.NotEmpty(response.Headers.GetValues("X-Request-Id").Single());
    }

    /// <summary>Asserts an error of SMN: status, and its own <c>{request_id, code, message}</c> shape, the request id also in the header.</summary>
    public static async Task AssertSmnErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        JsonObject body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(code, (string?)body["code"]);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        Assert.Equal(["code", "message", "request_id"], body.Select(p => p.Key).Order());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)body["request_id"]);
    }

    public static async Task<JsonNode> CreateEndpointAsync(this HttpClient client, string project, JsonObject body)
    {
        HttpResponseMessage response = await client.PostJsonAsync($"/v1/{project}/vpc-endpoints", body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public static JsonObject InterfaceRequest(string service = Ids.OpenService) => new()
    {
        ["vpc_id"] = Ids.Vpc,
        ["subnet_id"] = Ids.Subnet,
        ["endpoint_service_id"] = service,
    };

    /// <summary>Polls GET until the endpoint reaches <paramref name="status"/>, or fails after a bounded deadline.</summary>
    public static async Task<JsonNode> WaitForStatusAsync(this HttpClient client, string project, string id, string status)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            HttpResponseMessage response = await client.GetAsync($"/v1/{project}/vpc-endpoints/{id}");
            JsonNode body = await response.ReadJsonAsync();
            last = body.ToJsonString();
            if ((string?)body["status"] == status)
            {
                return body;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"endpoint {id} never reached {status}; last: {last}");
    }

    /// <summary>Polls until GET answers 404, or fails after a bounded deadline.</summary>
    public static async Task<HttpResponseMessage> WaitForGoneAsync(this HttpClient client, string project, string id)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            HttpResponseMessage response = await client.GetAsync($"/v1/{project}/vpc-endpoints/{id}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return response;
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"endpoint {id} was never gone");
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.SendJsonAsync(HttpMethod.Put, path, body.ToJsonString());
}
