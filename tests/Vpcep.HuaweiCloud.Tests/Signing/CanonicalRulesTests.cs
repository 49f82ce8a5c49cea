using System.Text;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.HuaweiCloud.Tests.Signing;

/// <summary>The canonical-request rules of section 6 of the API notes, one at a time.</summary>
public class CanonicalRulesTests
{
    private static readonly HuaweiCredentials Credentials = new("AK", "SK");
    private static readonly DateTimeOffset Now = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Theory]
    [InlineData("/v1/p/vpcs", "/v1/p/vpcs/")]
    [InlineData("/v1/p/vpcs/", "/v1/p/vpcs/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/a b/c", "/a%20b/c/")]
    [InlineData("/a%20b/%E4%B8%80", "/a%20b/%E4%B8%80/")]
    [InlineData("/x+y/~z_-.", "/x%2By/~z_-./")]
    [InlineData("/a%2Fb", "/a%2Fb/")]
    public void The_canonical_uri_encodes_each_segment_and_always_ends_in_a_slash(string path, string expected) =>
        Assert.Equal(expected, CanonicalRequest.CanonicalUri(path));

    [Theory]
    [InlineData("", "")]
    [InlineData("?", "")]
    [InlineData("?b=2&a=1", "a=1&b=2")]
    [InlineData("?a=2&a=10&a=1", "a=1&a=10&a=2")]
    [InlineData("?flag", "flag=")]
    [InlineData("?name=a%20b", "name=a%20b")]
    [InlineData("?name=a+b", "name=a%2Bb")]
    [InlineData("?B=1&a=1", "B=1&a=1")]
    public void The_canonical_query_sorts_keys_by_byte_order_and_each_keys_values(string query, string expected) =>
        Assert.Equal(expected, CanonicalRequest.CanonicalQuery(query));

    [Fact]
    public void Only_unreserved_characters_stay_and_every_other_byte_is_upper_case_percent_hex()
    {
        Assert.Equal("AZaz09-_.~", SignatureEncoding.Encode("AZaz09-_.~"));
        Assert.Equal("%20%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D", SignatureEncoding.Encode(" !*'();:@&=+$,/?#[]"));
        Assert.Equal("%C3%A9%F0%9F%98%80", SignatureEncoding.Encode("é😀"));
    }

    [Fact]
    public async Task The_body_hash_is_over_the_exact_bytes_sent()
    {
        string a = await SignAsync(HttpMethod.Post, "https://h/v1/p/vpc-endpoints", """{"a":1}""");
        string b = await SignAsync(HttpMethod.Post, "https://h/v1/p/vpc-endpoints", """{"a": 1}""");

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void An_empty_body_hashes_to_the_documented_constant()
    {
        Assert.Equal(CanonicalRequest.EmptyBodyHash, CanonicalRequest.HexSha256([]));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CanonicalRequest.EmptyBodyHash);
    }

    [Fact]
    public void X_Sdk_Content_Sha256_replaces_the_body_hash_in_the_canonical_request()
    {
        KeyValuePair<string, string>[] headers = [new("X-Sdk-Date", "20240506T070809Z"), new("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")];
        string withBody = SdkHmacSha256Signer.Authorize("PUT", new Uri("https://h/o"), headers, Encoding.UTF8.GetBytes("large body"), Credentials);
        string withOtherBody = SdkHmacSha256Signer.Authorize("PUT", new Uri("https://h/o"), headers, Encoding.UTF8.GetBytes("other body"), Credentials);
        string canonical = CanonicalRequest.Build("PUT", "/o", null, headers, "UNSIGNED-PAYLOAD");

        Assert.Equal(withBody, withOtherBody);
        Assert.EndsWith("\nUNSIGNED-PAYLOAD", canonical, StringComparison.Ordinal);
        Assert.Equal(
            CanonicalRequest.Signature(CanonicalRequest.StringToSign(canonical, "20240506T070809Z"), "SK"),
            withBody[(withBody.LastIndexOf('=') + 1)..]);
    }

    [Fact]
    public void Header_values_are_trimmed_and_the_block_ends_with_an_empty_line_before_the_signed_list()
    {
        string canonical = CanonicalRequest.Build("get", "/p", null, [new("X-Sdk-Date", "  20240506T070809Z "), new("Host", "h")], CanonicalRequest.EmptyBodyHash);

        Assert.Equal($"GET\n/p/\n\nhost:h\nx-sdk-date:20240506T070809Z\n\nhost;x-sdk-date\n{CanonicalRequest.EmptyBodyHash}", canonical);
    }

    [Fact]
    public void The_string_to_sign_names_the_algorithm_the_date_and_the_hash_of_the_canonical_request()
    {
        Assert.Equal(
            "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a",
            CanonicalRequest.StringToSign(
                "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n" +
                "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\n" +
                "content-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "20191115T033655Z"));
    }

    [Fact]
    public async Task SignAsync_signs_host_content_type_the_project_id_and_the_date()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://vpcep.cn-north-4.myhuaweicloud.com/v1/p/vpc-endpoints?limit=1");
        request.Headers.TryAddWithoutValidation("X-Project-Id", "0123456789abcdef0123456789abcdef");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new("application/json");

        await SdkHmacSha256Signer.SignAsync(request, Credentials, Now);

        Assert.True(AuthorizationHeader.TryParse(request.Headers.GetValues("Authorization").Single(), out AuthorizationHeader? header));
        Assert.Equal(["content-type", "host", "x-project-id", "x-sdk-date"], header!.SignedHeaders);
        Assert.Equal("20240506T070809Z", request.Headers.GetValues("X-Sdk-Date").Single());
        Assert.False(request.Headers.Contains("X-Security-Token"));
    }

    [Fact]
    public async Task Temporary_credentials_add_a_signed_X_Security_Token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h/v1/p/quotas");

        await SdkHmacSha256Signer.SignAsync(request, new HuaweiCredentials("AK", "SK", "the-token"), Now);

        Assert.Equal("the-token", request.Headers.GetValues("X-Security-Token").Single());
        Assert.True(AuthorizationHeader.TryParse(request.Headers.GetValues("Authorization").Single(), out AuthorizationHeader? header));
        Assert.Contains("x-security-token", header!.SignedHeaders);
    }

    [Fact]
    public async Task Signing_twice_replaces_the_date_and_the_authorization_instead_of_adding_to_them()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h/v1/p/quotas");

        await SdkHmacSha256Signer.SignAsync(request, Credentials, Now);
        await SdkHmacSha256Signer.SignAsync(request, Credentials, Now.AddMinutes(1));

        Assert.Equal("20240506T070909Z", request.Headers.GetValues("X-Sdk-Date").Single());
        Assert.Single(request.Headers.GetValues("Authorization"));
    }

    private static async Task<string> SignAsync(HttpMethod method, string uri, string body)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        await SdkHmacSha256Signer.SignAsync(request, Credentials, Now);
        return request.Headers.GetValues("Authorization").Single();
    }
}
