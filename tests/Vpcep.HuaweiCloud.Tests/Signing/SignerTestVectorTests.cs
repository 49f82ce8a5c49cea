using System.Text;
using Vpcep.HuaweiCloud.Signing;

namespace Vpcep.HuaweiCloud.Tests.Signing;

public class SignerTestVectorTests
{
    [Fact]
    public void Vector_A_canonical_request_matches_the_published_example()
    {
        string canonical = CanonicalRequest.Build(
            "GET",
            "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            "?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
            VectorAHeaders,
            CanonicalRequest.EmptyBodyHash);

        Assert.Equal(
            "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n" +
            "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\n" +
            "content-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);
        Assert.Equal("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a", CanonicalRequest.HexSha256(Encoding.UTF8.GetBytes(canonical)));
    }

    [Fact]
    public void Vector_A_authorization_header_matches_the_published_example()
    {
        string header = SdkHmacSha256Signer.Authorize(
            "GET",
            new Uri("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"),
            VectorAHeaders,
            [],
            new HuaweiCredentials("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"));

        Assert.Equal(
            "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, " +
            "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
            header);
    }

    [Fact]
    public async Task Vector_A_signed_through_an_HttpRequestMessage_gives_the_same_header()
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new("application/json");

        await SdkHmacSha256Signer.SignAsync(
            request,
            new HuaweiCredentials("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"),
            new DateTimeOffset(2019, 11, 15, 3, 36, 55, TimeSpan.Zero));

        Assert.Equal("20191115T033655Z", request.Headers.GetValues("X-Sdk-Date").Single());
        Assert.EndsWith(
            "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
            request.Headers.GetValues("Authorization").Single(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Vector_B_leaves_headers_with_underscores_unsigned()
    {
        string header = SdkHmacSha256Signer.Authorize(
            "GET",
            new Uri("https://example.huaweicloud.com/path?limit=1"),
            [new("X-Sdk-Date", "20060102T150405Z"), new("TEST_UNDERSCORE", "TEST_VALUE")],
            [],
            new HuaweiCredentials("AccessKey", "SecretKey"));

        Assert.Equal(
            "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, " +
            "Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
            header);
    }

    [Fact]
    public void Vector_C_query_is_sorted_and_encoded()
    {
        string canonical = CanonicalRequest.CanonicalQuery(
        [
            new("limit", "1"),
            new("enable", "true"),
            new("test", "一 (&=?!#%.*)"),
            new("path", "/tmp/123"),
            new("multi", "3"),
            new("multi", "1"),
            new("multi", "2"),
        ]);

        Assert.Equal(
            "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29",
            canonical);
    }

    [Fact]
    public void Vector_C_survives_a_round_trip_through_a_raw_query_string()
    {
        const string raw = "?test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29&path=%2Ftmp%2F123&multi=2&multi=1&multi=3&limit=1&enable=true";

        Assert.Equal(
            "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29",
            CanonicalRequest.CanonicalQuery(raw));
    }

    private static readonly KeyValuePair<string, string>[] VectorAHeaders =
    [
        new("Content-Type", "application/json"),
        new("Host", "service.region.example.com"),
        new("X-Sdk-Date", "20191115T033655Z"),
    ];
}
