using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.HuaweiCloud.Http;
using Vpcep.HuaweiCloud.Models;
using Vpcep.HuaweiCloud.Tests.Infrastructure;

namespace Vpcep.HuaweiCloud.Tests.Client;

/// <summary>
/// The SMN publish call on the wire (SMN API reference, "Publishing a Message"; SDK models
/// <c>PublishMessageRequestBody</c> and <c>PublishMessageResponse</c>) and its error answers.
/// </summary>
public class SmnClientTests
{
    private const string Project = "0123456789abcdef0123456789abcdef";
    private const string TopicUrn = "urn:smn:cn-north-4:" + Project + ":vpcep-events";

    private static readonly ProjectScope Scope = new(Project, "cn-north-4");

    /// <summary>The registered client, signing included, over a scripted handler in place of the network.</summary>
    private static ServiceProvider SignedServices(ScriptedHandler handler)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HuaweiCloud:AccessKey"] = "SMNTESTACCESSKEY00001",
            ["HuaweiCloud:SecretKey"] = "smn-test-secret",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHuaweiCloud(configuration);
        services.AddHttpClient(HuaweiApiPipeline.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Publish_is_a_signed_POST_to_the_topic_in_the_region_of_the_scope_with_the_sdk_body_and_reads_both_ids()
    {
        string? body = null;
        var handler = new ScriptedHandler(request =>
        {
            body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return ScriptedHandler.Json(HttpStatusCode.OK, """{"message_id":"bf94b63a5dfb475994d3ac34664e24f2","request_id":"9974c07f6d554a6d827956acbeb4be5f"}""");
        });
        await using ServiceProvider services = SignedServices(handler);

        SmnPublishResult result = await services.GetRequiredService<SmnClient>().PublishMessageAsync(
            Scope, TopicUrn, new SmnMessage { Subject = "provisioning.outcome: vpcep-1", Message = "{\"id\":\"outcome_vpcep-1\"}", TimeToLive = TimeSpan.FromMinutes(10) });

        HttpRequestMessage sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("smn.cn-north-4.myhuaweicloud.com", sent.RequestUri!.Host);

        // The URN's colons stay as they are, as in the reference's example request and the SDKs' paths.
        Assert.Equal($"/v2/{Project}/notifications/topics/urn:smn:cn-north-4:{Project}:vpcep-events/publish", sent.RequestUri.AbsolutePath);
        Assert.StartsWith("SDK-HMAC-SHA256 Access=SMNTESTACCESSKEY00001, SignedHeaders=", sent.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        Assert.Single(sent.Headers.GetValues("X-Sdk-Date"));
        Assert.Equal(Project, sent.Headers.GetValues("X-Project-Id").Single());
        Assert.Equal("""{"subject":"provisioning.outcome: vpcep-1","message":"{\u0022id\u0022:\u0022outcome_vpcep-1\u0022}","time_to_live":"600"}""", body);
        Assert.Equal("bf94b63a5dfb475994d3ac34664e24f2", result.MessageId);
        Assert.Equal("9974c07f6d554a6d827956acbeb4be5f", result.RequestId);
    }

    [Theory]
    [InlineData("urn:smn:cn-north-4:p:a/b c", "/v2/p/notifications/topics/urn:smn:cn-north-4:p:a%2Fb%20c/publish")]
    [InlineData("urn:smn:cn-north-4:p:x?y#z", "/v2/p/notifications/topics/urn:smn:cn-north-4:p:x%3Fy%23z/publish")]
    public async Task A_urn_with_characters_that_are_not_allowed_in_a_segment_stays_one_segment(string urn, string path)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.OK, """{"message_id":"m","request_id":"r"}"""));

        await FakeHuaweiService.SmnClient(handler).PublishMessageAsync(new ProjectScope("p"), urn, new SmnMessage { Message = "m" });

        Assert.Equal(path, Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_topic_that_does_not_exist_is_HuaweiCloudException_with_smn_code_and_request_id_and_is_not_found()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.NotFound, """{"request_id":"aad0860d089c482b943971f802a6718e","code":"SMN.0006","message":"Topic not found."}"""));

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            FakeHuaweiService.SmnClient(handler).PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Message = "m" }));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(HuaweiErrorCodes.SmnTopicNotFound, error.ErrorCode);
        Assert.Equal("Topic not found.", error.ErrorMessage);
        Assert.Equal("aad0860d089c482b943971f802a6718e", error.RequestId);
        Assert.True(error.IsNotFound);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "SMN.0018")]
    [InlineData(HttpStatusCode.TooManyRequests, "APIG.0308")]
    public async Task A_transient_answer_is_thrown_after_one_attempt_because_a_repeat_could_publish_twice(HttpStatusCode status, string code)
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(status, $$"""{"request_id":"r","code":"{{code}}","message":"try later"}"""));

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            FakeHuaweiService.SmnClient(handler).PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Message = "m" }));

        Assert.Equal(1, handler.Count);
        Assert.True(error.IsTransient);
        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public async Task A_message_without_content_or_over_the_limits_is_refused_before_anything_is_sent()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.OK, """{"message_id":"m"}"""));
        SmnClient client = FakeHuaweiService.SmnClient(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Subject = "only a subject" }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Subject = new string('\u00e9', 257), Message = "m" }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Message = new string('m', SmnMessage.MaxMessageBytes + 1) }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Message = "m", TimeToLive = TimeSpan.FromDays(2) }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishMessageAsync(Scope, TopicUrn, new SmnMessage { Message = "m", TimeToLive = TimeSpan.FromMilliseconds(1500) }));
        Assert.Equal(0, handler.Count);
    }

    [Fact]
    public async Task Optional_fields_left_unset_are_left_out_of_the_body()
    {
        string? body = null;
        var handler = new ScriptedHandler(request =>
        {
            body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return ScriptedHandler.Json(HttpStatusCode.OK, """{"message_id":"m","request_id":"r"}""");
        });

        await FakeHuaweiService.SmnClient(handler).PublishMessageAsync(Scope, TopicUrn, new SmnMessage
        {
            MessageTemplateName = "confirm_message",
            Tags = new Dictionary<string, string> { ["topic_urn"] = "x" },
        });

        Assert.Equal(["message_template_name", "tags"], JsonDocument.Parse(body!).RootElement.EnumerateObject().Select(p => p.Name));
    }
}

/// <summary>The SMN client against the emulator over real HTTP: the signature is checked there.</summary>
public class SmnClientEmulatorTests(EmulatorFixture emulator) : EmulatorTest(emulator), IClassFixture<EmulatorFixture>
{
    private SmnClient Smn => Services.GetRequiredService<SmnClient>();

    private string Topic(string name) => $"urn:smn:cn-north-4:{Project.ProjectId}:{name}";

    [Fact]
    public async Task A_published_message_is_answered_with_its_ids_and_recorded()
    {
        SmnPublishResult result = await Smn.PublishMessageAsync(Project, Topic("vpcep-events"), new SmnMessage { Subject = "s", Message = "hello" });

        Assert.False(string.IsNullOrEmpty(result.MessageId));
        Assert.False(string.IsNullOrEmpty(result.RequestId));
        Assert.Equal(1, await Emulator.RequestCountAsync("PublishSmnMessage"));
    }

    [Fact]
    public async Task A_missing_topic_is_404_SMN_0006_sent_once()
    {
        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            Smn.PublishMessageAsync(Project, Topic("no-such-topic"), new SmnMessage { Message = "hello" }));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(HuaweiErrorCodes.SmnTopicNotFound, error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Equal(1, await Emulator.RequestCountAsync("PublishSmnMessage"));
    }

    [Fact]
    public async Task A_server_error_is_not_retried()
    {
        await Emulator.FailNextAsync("PublishSmnMessage", 1, 500, HuaweiErrorCodes.SmnInternalError);

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            Smn.PublishMessageAsync(Project, Topic("vpcep-events"), new SmnMessage { Message = "hello" }));

        Assert.True(error.IsTransient);
        Assert.Equal(1, await Emulator.RequestCountAsync("PublishSmnMessage"));
    }

    [Fact]
    public async Task A_wrong_secret_key_is_401_APIG_0301()
    {
        await using ServiceProvider services = Emulator.CreateServices(secretKey: "wrong-secret-key");

        var error = await Assert.ThrowsAsync<HuaweiCloudException>(() =>
            services.GetRequiredService<SmnClient>().PublishMessageAsync(Project, Topic("vpcep-events"), new SmnMessage { Message = "hello" }));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(HuaweiErrorCodes.GatewayAuthenticationFailed, error.ErrorCode);
    }
}
