using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Tests.Infrastructure;

namespace Vpcep.HuaweiCloud.Tests.WireCorpus;

/// <summary>
/// The emulator answers in the shapes of the wire corpus: every field it sends appears in a corpus sample of the
/// same operation with the same JSON type, nested objects and list items included, and every error it sends has a
/// sample with the same code, status and fields. So the emulator and the client can never again agree on
/// something the service does not do.
/// </summary>
public sealed class EmulatorMatchesWireCorpusTests(EmulatorFixture emulator) : EmulatorTest(emulator), IClassFixture<EmulatorFixture>
{
    private HttpClient Raw => Services.GetRequiredService<IHttpClientFactory>().CreateClient(HuaweiApiPipeline.HttpClientName);

    private string V1 => $"/v1/{Project.ProjectId}";

    [Fact]
    public async Task Endpoint_answers_have_the_corpus_shapes()
    {
        JsonElement created = await SendAsync(HttpMethod.Post, V1 + "/vpc-endpoints", HttpStatusCode.OK, $$"""
            {"endpoint_service_id":"{{EmulatorFixture.InterfaceServiceId}}","vpc_id":"{{EmulatorFixture.VpcId}}","subnet_id":"{{EmulatorFixture.SubnetId}}",
             "enable_dns":true,"tags":[{"key":"team","value":"orders"}],"whitelist":["10.0.0.0/24"],"enable_whitelist":true,"description":"orders"}
            """);
        JsonElement gateway = await SendAsync(HttpMethod.Post, V1 + "/vpc-endpoints", HttpStatusCode.OK, $$"""
            {"endpoint_service_id":"{{EmulatorFixture.GatewayServiceId}}","vpc_id":"{{EmulatorFixture.VpcId}}"}
            """);
        string id = created.GetProperty("id").GetString()!;
        await WaitUntilCreatedAsync(id);
        await WaitUntilCreatedAsync(gateway.GetProperty("id").GetString()!);

        AssertConforms("create_endpoint", created);
        AssertConforms("create_endpoint", gateway);
        AssertConforms("get_endpoint", await SendAsync(HttpMethod.Get, $"{V1}/vpc-endpoints/{id}", HttpStatusCode.OK));
        AssertConforms("get_endpoint", await SendAsync(HttpMethod.Get, $"{V1}/vpc-endpoints/{gateway.GetProperty("id").GetString()}", HttpStatusCode.OK));
        // A list holds the same endpoint objects as the details call (the SDKs' list and details models share the
        // endpoint's fields, dns_names and ip included), so its items are checked against both.
        JsonElement[] listSamples =
        [
            .. WireCorpusSample.Of("list_endpoints").Select(s => s.Body),
            .. WireCorpusSample.Of("get_endpoint").Select(s => JsonSerializer.SerializeToElement(new { endpoints = new[] { s.Body } })),
        ];
        AssertShape("list_endpoints", await SendAsync(HttpMethod.Get, $"{V1}/vpc-endpoints?vpc_id={EmulatorFixture.VpcId}", HttpStatusCode.OK), listSamples);
        AssertConforms("find_by_tags", await SendAsync(HttpMethod.Post, $"{V1}/endpoint/resource_instances/action", HttpStatusCode.OK,
            """{"action":"filter","tags":[{"key":"team","values":["orders"]}]}"""));
        AssertConforms("find_by_tags", await SendAsync(HttpMethod.Post, $"{V1}/endpoint/resource_instances/action", HttpStatusCode.OK,
            """{"action":"count","tags":[{"key":"team","values":["orders"]}]}"""));

        Assert.Equal(JsonValueKind.Array, created.GetProperty("active_status").ValueKind);
        Assert.InRange(created.GetProperty("marker_id").GetInt64(), 0, int.MaxValue);
        Assert.False(created.TryGetProperty("dns_names", out _));
    }

    [Fact]
    public async Task Service_quota_and_network_answers_have_the_corpus_shapes()
    {
        AssertConforms("describe_service", await SendAsync(HttpMethod.Get, $"{V1}/vpc-endpoint-services/describe?id={EmulatorFixture.InterfaceServiceId}", HttpStatusCode.OK));
        AssertConforms("list_public_services", await SendAsync(HttpMethod.Get, $"{V1}/vpc-endpoint-services/public", HttpStatusCode.OK));
        AssertConforms("quotas", await SendAsync(HttpMethod.Get, $"{V1}/quotas?type=endpoint", HttpStatusCode.OK));
        AssertConforms("get_vpc", await SendAsync(HttpMethod.Get, $"{V1}/vpcs/{EmulatorFixture.VpcId}", HttpStatusCode.OK));
        AssertConforms("get_subnet", await SendAsync(HttpMethod.Get, $"{V1}/subnets/{EmulatorFixture.SubnetId}", HttpStatusCode.OK));
    }

    [Fact]
    public async Task Error_answers_have_a_corpus_sample_with_the_same_code_status_and_fields()
    {
        string missing = Guid.NewGuid().ToString();
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/vpc-endpoints/{missing}");
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/vpcs/{missing}");
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/subnets/{missing}");
        await AssertErrorConformsAsync(HttpMethod.Post, $"{V1}/vpc-endpoints", $$"""{"endpoint_service_id":"{{EmulatorFixture.InterfaceServiceId}}","vpc_id":"{{missing}}","subnet_id":"{{EmulatorFixture.SubnetId}}"}""");
        await AssertErrorConformsAsync(HttpMethod.Post, $"{V1}/vpc-endpoints", "{\"vpc_id\": 5}");

        await Emulator.SetFaultsAsync("""{"operations":{"GetVpc":{"fail_next":1,"error_status":400,"error_code":"EndPoint.0022"}}}""");
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/vpcs/{EmulatorFixture.VpcId}");
        await Emulator.SetFaultsAsync("""{"operations":{"GetVpc":{"fail_next":1}}}""");
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/vpcs/{EmulatorFixture.VpcId}");
        await Emulator.SetFaultsAsync("""{"operations":{"ListQuotas":{"rate_limit_per_second":0.001,"burst":1,"throttle_mode":"gateway"}}}""");
        await SendAsync(HttpMethod.Get, $"{V1}/quotas", HttpStatusCode.OK);
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/quotas");
        await Emulator.ResetAsync();

        using ServiceProvider wrongKey = Emulator.CreateServices(secretKey: "not-the-secret");
        await AssertErrorConformsAsync(HttpMethod.Get, $"{V1}/quotas", client: wrongKey.GetRequiredService<IHttpClientFactory>().CreateClient(HuaweiApiPipeline.HttpClientName));
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpStatusCode expected, string? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Emulator.BaseUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await (client ?? Raw).SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task AssertErrorConformsAsync(HttpMethod method, string path, string? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Emulator.BaseUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await (client ?? Raw).SendAsync(request);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        string? code = (error.TryGetProperty("error_code", out JsonElement c) ? c : error.GetProperty("code")).GetString();
        WireCorpusSample[] samples = [.. WireCorpusSample.Of("error").Where(s => string.Equals(CodeOf(s.Body), code, StringComparison.OrdinalIgnoreCase))];

        Assert.True(samples.Length > 0, $"{method} {path}: the emulator answered {code}, which no corpus sample shows");
        Assert.Contains((int)response.StatusCode, samples.Select(s => s.HttpStatus));
        AssertShape($"error {code}", error, [.. samples.Select(s => s.Body)]);
    }

    private static string? CodeOf(JsonElement body) =>
        body.TryGetProperty("error_code", out JsonElement c) ? c.GetString()
        : body.TryGetProperty("code", out c) ? c.GetString()
        : body.TryGetProperty("error", out JsonElement nested) && nested.ValueKind == JsonValueKind.Object && nested.TryGetProperty("code", out c) ? c.GetString()
        : null;

    private static void AssertConforms(string operation, JsonElement answer) =>
        AssertShape(operation, answer, [.. WireCorpusSample.Of(operation).Select(s => s.Body)]);

    private static void AssertShape(string what, JsonElement answer, IReadOnlyList<JsonElement> samples)
    {
        Assert.NotEmpty(samples);
        var problems = new List<string>();
        Conforms("", answer, samples, problems);
        Assert.True(problems.Count == 0, $"{what}: the emulator's answer differs from the wire corpus:\n" + string.Join("\n", problems) + "\n" + answer.GetRawText());
    }

    /// <summary>Every member of <paramref name="actual"/> must appear in some sample at the same place with the same JSON type.</summary>
    private static void Conforms(string path, JsonElement actual, IReadOnlyList<JsonElement> samples, List<string> problems)
    {
        HashSet<string> kinds = [.. samples.Where(s => s.ValueKind != JsonValueKind.Null).Select(Kind)];
        if (actual.ValueKind == JsonValueKind.Null || kinds.Count == 0)
        {
            return;
        }

        if (!kinds.Contains(Kind(actual)))
        {
            problems.Add($"{path}: {Kind(actual)} where the corpus has {string.Join(" or ", kinds)}");
            return;
        }

        if (actual.ValueKind == JsonValueKind.Object)
        {
            JsonElement[] objects = [.. samples.Where(s => s.ValueKind == JsonValueKind.Object)];
            foreach (JsonProperty member in actual.EnumerateObject())
            {
                JsonElement[] values = [.. objects.Where(o => o.TryGetProperty(member.Name, out _)).Select(o => o.GetProperty(member.Name))];
                if (values.Length == 0)
                {
                    problems.Add($"{path}/{member.Name}: in no corpus sample");
                }
                else
                {
                    Conforms($"{path}/{member.Name}", member.Value, values, problems);
                }
            }
        }
        else if (actual.ValueKind == JsonValueKind.Array)
        {
            JsonElement[] items = [.. samples.Where(s => s.ValueKind == JsonValueKind.Array).SelectMany(a => a.EnumerateArray())];
            int index = 0;
            foreach (JsonElement item in actual.EnumerateArray())
            {
                if (items.Length > 0)
                {
                    Conforms($"{path}/{index}", item, items, problems);
                }

                index++;
            }
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
