using System.Net;
using System.Text;
using Vpcep.HuaweiCloud.Http;

namespace Vpcep.HuaweiCloud.Tests.Http;

public class ErrorParsingTests
{
    [Fact]
    public async Task The_current_error_shape_gives_code_message_and_request_id()
    {
        HuaweiCloudException error = await ReadAsync(HttpStatusCode.BadRequest, """{"error_code":"EndPoint.0002","error_msg":"Parameter error.","request_id":"r-1"}""", headerRequestId: "ignored");

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("EndPoint.0002", error.ErrorCode);
        Assert.Equal("Parameter error.", error.ErrorMessage);
        Assert.Equal("r-1", error.RequestId);
        Assert.Equal("Huawei Cloud answered 400 EndPoint.0002: Parameter error. (request id r-1)", error.Message);
    }

    [Fact]
    public async Task The_older_nested_error_shape_is_read_too_with_the_request_id_from_the_header()
    {
        HuaweiCloudException error = await ReadAsync(HttpStatusCode.NotFound, """{"error":{"code":"EndPoint.0005","message":"Resource not found."}}""", headerRequestId: "hdr-7");

        Assert.Equal("EndPoint.0005", error.ErrorCode);
        Assert.Equal("Resource not found.", error.ErrorMessage);
        Assert.Equal("hdr-7", error.RequestId);
        Assert.True(error.IsNotFound);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "<html><body>502 Bad Gateway</body></html>")]
    [InlineData("[1,2,3]", "[1,2,3]")]
    [InlineData("{\"unexpected\":true}", "{\"unexpected\":true}")]
    [InlineData("{\"error_code\":", "{\"error_code\":")]
    public async Task A_body_that_is_not_a_Huawei_error_becomes_the_message(string body, string message)
    {
        HuaweiCloudException error = await ReadAsync(HttpStatusCode.BadGateway, body, headerRequestId: "hdr-1");

        Assert.Null(error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal("hdr-1", error.RequestId);
        Assert.True(error.IsServerError);
    }

    [Fact]
    public async Task An_empty_body_takes_the_reason_phrase_as_message()
    {
        HuaweiCloudException error = await ReadAsync(HttpStatusCode.ServiceUnavailable, "", headerRequestId: null);

        Assert.Equal("Service Unavailable", error.ErrorMessage);
        Assert.Null(error.RequestId);
    }

    [Fact]
    public async Task A_long_non_JSON_body_is_cut_short()
    {
        HuaweiCloudException error = await ReadAsync(HttpStatusCode.BadGateway, new string('x', 5000), headerRequestId: null);

        Assert.True(error.ErrorMessage!.Length < 600);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022", true, false)]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308", true, false)]
    [InlineData(HttpStatusCode.TooManyRequests, null, true, false)]
    [InlineData(HttpStatusCode.InternalServerError, "EndPoint.0001", false, true)]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0002", false, false)]
    public void Throttling_and_server_errors_are_recognised(HttpStatusCode status, string? code, bool throttling, bool serverError)
    {
        var error = new HuaweiCloudException(status, code, "m", null);

        Assert.Equal(throttling, error.IsThrottling);
        Assert.Equal(serverError, error.IsServerError);
    }

    [Fact]
    public async Task The_VPC_APIs_top_level_code_and_message_shape_is_read()
    {
        HuaweiCloudException error = await ReadAsync(HttpStatusCode.NotFound, """{"code":"VPC.0003","message":"VPC does not exist."}""", headerRequestId: "hdr-2");

        Assert.Equal("VPC.0003", error.ErrorCode);
        Assert.Equal("VPC does not exist.", error.ErrorMessage);
        Assert.Equal("hdr-2", error.RequestId);
        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task A_nested_error_with_error_code_and_error_msg_and_its_own_request_id_is_read()
    {
        HuaweiCloudException error = await ReadAsync(
            HttpStatusCode.BadRequest, """{"error":{"error_code":"EndPoint.2004","error_msg":"Try again later.","request_id":"r-9"}}""", headerRequestId: null);

        Assert.Equal("EndPoint.2004", error.ErrorCode);
        Assert.Equal("Try again later.", error.ErrorMessage);
        Assert.Equal("r-9", error.RequestId);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task A_gateway_404_for_a_wrong_host_or_region_is_not_a_missing_resource()
    {
        HuaweiCloudException error = await ReadAsync(
            HttpStatusCode.NotFound, """{"error_code":"APIG.0101","error_msg":"The API does not exist or has not been published in the environment","request_id":"r-3"}""", headerRequestId: null);

        Assert.False(error.IsNotFound);
        Assert.True(error.IsWrongEndpoint);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void A_bare_404_without_an_error_code_is_not_taken_for_a_missing_resource()
    {
        Assert.False(new HuaweiCloudException(HttpStatusCode.NotFound, null, "Not Found", null).IsNotFound);
    }

    [Theory]
    [InlineData("EndPoint.2001")]
    [InlineData("EndPoint.2003")]
    public void A_missing_VPC_or_service_named_in_a_request_is_a_missing_reference_not_a_missing_resource(string code)
    {
        var error = new HuaweiCloudException(HttpStatusCode.BadRequest, code, "m", null);

        Assert.True(error.IsMissingReference);
        Assert.False(error.IsNotFound);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "VPC.0202", true)]
    [InlineData(HttpStatusCode.InternalServerError, "VPC.0202", false)]
    [InlineData(HttpStatusCode.NotFound, "VPC.0105", true)]
    [InlineData(HttpStatusCode.BadRequest, "VPC.0101", false)] // "vpcId is invalid": a bad id, not a missing VPC
    [InlineData(HttpStatusCode.NotFound, "APIGW.0101", false)]
    public void The_VPC_APIs_query_failures_mean_not_found_only_with_404(HttpStatusCode status, string code, bool notFound)
    {
        Assert.Equal(notFound, new HuaweiCloudException(status, code, "m", null).IsNotFound);
    }

    [Theory]
    [InlineData("EndPoint.0005")]
    [InlineData("EndPoint.2006")]
    [InlineData("EndPoint.2008")]
    [InlineData("EndPoint.4004")]
    public void The_services_not_found_codes_mean_not_found_whatever_the_status(string code)
    {
        Assert.True(new HuaweiCloudException(HttpStatusCode.BadRequest, code, "m", null).IsNotFound);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0022", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308", true)]
    [InlineData(HttpStatusCode.InternalServerError, "EndPoint.0001", true)]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0001", true)]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.2004", true)]
    [InlineData(HttpStatusCode.BadGateway, null, true)]
    [InlineData(HttpStatusCode.BadRequest, "EndPoint.0002", false)]
    [InlineData(HttpStatusCode.BadRequest, "Endpoint.1018", false)]
    [InlineData(HttpStatusCode.Unauthorized, "APIG.0301", false)]
    public void Transient_answers_are_those_the_references_say_to_try_again(HttpStatusCode status, string? code, bool transient)
    {
        Assert.Equal(transient, new HuaweiCloudException(status, code, "m", null).IsTransient);
    }

    private static async Task<HuaweiCloudException> ReadAsync(HttpStatusCode status, string body, string? headerRequestId)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        if (headerRequestId is not null)
        {
            response.Headers.Add("X-Request-Id", headerRequestId);
        }

        return await HuaweiApiPipeline.ReadErrorAsync(response, CancellationToken.None);
    }
}
