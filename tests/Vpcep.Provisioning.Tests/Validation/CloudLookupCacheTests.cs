using System.Net;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Vpcep.HuaweiCloud;
using Vpcep.HuaweiCloud.Models;
using Vpcep.Provisioning.Validation;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Vpcep.Provisioning.Tests.Validation;

public class CloudLookupCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ValidationOptions options = new();
    private readonly CloudLookupCache cache;
    private int calls;

    public CloudLookupCacheTests() => cache = new CloudLookupCache(clock, MsOptions.Create(options));

    private Task<string?> Lookup(string key = "vpc|p|r|1", string? answer = "answer") =>
        cache.GetAsync(key, () =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(answer);
        });

    [Fact]
    public async Task A_second_look_up_within_the_duration_is_answered_from_memory()
    {
        Assert.Equal("answer", await Lookup());
        Assert.Equal("answer", await Lookup());

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task An_answer_older_than_the_duration_is_asked_again()
    {
        await Lookup();
        clock.Advance(options.CloudLookupCacheDuration);
        await Lookup();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_missing_resource_is_remembered_too()
    {
        Assert.Null(await Lookup(answer: null));
        Assert.Null(await Lookup(answer: null));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Different_keys_are_asked_separately()
    {
        await Lookup("vpc|p|r|1");
        await Lookup("vpc|p|r|2");
        await Lookup("vpc|q|r|1");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Concurrent_look_ups_of_one_key_share_one_call()
    {
        var answer = new TaskCompletionSource<string?>();
        Task<string?>[] waiting = [.. Enumerable.Range(0, 20).Select(_ => cache.GetAsync("k", () =>
        {
            Interlocked.Increment(ref calls);
            return answer.Task;
        }))];
        answer.SetResult("shared");

        Assert.All(await Task.WhenAll(waiting), a => Assert.Equal("shared", a));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_failed_look_up_is_not_remembered()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync<string>("k", () => throw new InvalidOperationException("busy")));

        Assert.Equal("answer", await Lookup("k"));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_duration_of_zero_asks_every_time()
    {
        options.CloudLookupCacheDuration = TimeSpan.Zero;

        await Lookup();
        await Lookup();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_batch_validated_item_by_item_looks_each_distinct_resource_up_once()
    {
        var vpcep = Substitute.For<VpcepClient>();
        var vpc = Substitute.For<VpcClient>();
        vpcep.DescribeServiceAsync(default!, default!).ReturnsForAnyArgs(new EndpointServiceInfo { Id = RequestDocuments.ServiceId, ServiceType = EndpointServiceType.Interface });
        vpcep.GetQuotasAsync(default!).ReturnsForAnyArgs([new QuotaResource("endpoint", 3, 500)]);
        vpc.GetVpcAsync(default!, default!).ReturnsForAnyArgs(new Vpc { Id = RequestDocuments.VpcId });
        vpc.GetSubnetAsync(default!, default!).ReturnsForAnyArgs(new Subnet { Id = RequestDocuments.SubnetId, VpcId = RequestDocuments.VpcId, Cidr = "10.0.1.0/24", GatewayIp = "10.0.1.1" });
        var validator = new CloudValidator(vpcep, vpc, cache);

        IReadOnlyList<ValidationError>[] results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => validator.ValidateAsync(RequestDocuments.Request(), CancellationToken.None)));

        Assert.All(results, Assert.Empty);
        await vpcep.ReceivedWithAnyArgs(1).DescribeServiceAsync(default!, default!);
        await vpcep.ReceivedWithAnyArgs(1).GetQuotasAsync(default!);
        await vpc.ReceivedWithAnyArgs(1).GetVpcAsync(default!, default!);
        await vpc.ReceivedWithAnyArgs(1).GetSubnetAsync(default!, default!);
    }

    [Fact]
    public async Task A_throttled_look_up_is_asked_again_by_the_next_item()
    {
        var vpcep = Substitute.For<VpcepClient>();
        var vpc = Substitute.For<VpcClient>();
        vpcep.DescribeServiceAsync(default!, default!).ReturnsForAnyArgs(
            _ => throw new HuaweiCloudException(HttpStatusCode.TooManyRequests, "APIGW.0308", "throttled", "req-1"),
            _ => Task.FromResult(new EndpointServiceInfo { Id = RequestDocuments.ServiceId, ServiceType = EndpointServiceType.Interface }));
        vpcep.GetQuotasAsync(default!).ReturnsForAnyArgs([]);
        vpc.GetVpcAsync(default!, default!).ReturnsForAnyArgs(new Vpc { Id = RequestDocuments.VpcId });
        vpc.GetSubnetAsync(default!, default!).ReturnsForAnyArgs(new Subnet { Id = RequestDocuments.SubnetId, VpcId = RequestDocuments.VpcId, Cidr = "10.0.1.0/24", GatewayIp = "10.0.1.1" });
        var validator = new CloudValidator(vpcep, vpc, cache);

        await Assert.ThrowsAsync<HuaweiCloudException>(() => validator.ValidateAsync(RequestDocuments.Request(), CancellationToken.None));
        Assert.Empty(await validator.ValidateAsync(RequestDocuments.Request(), CancellationToken.None));

        await vpcep.ReceivedWithAnyArgs(2).DescribeServiceAsync(default!, default!);
    }
}
