using System.Text.Json;

namespace Vpcep.Emulator.Contracts;

/// <summary>One request received by the callback sink.</summary>
public sealed record CallbackRecordBody(
    string Name, string ReceivedAt, IReadOnlyDictionary<string, string> Headers, JsonElement? Body, string RawBody, int Status = 200);

/// <summary>Answer of <c>GET /_emulator/callbacks/{name}</c>.</summary>
public sealed record CallbackListBody(IReadOnlyList<CallbackRecordBody> Callbacks);

/// <summary>Answer of <c>GET /_emulator/callbacks</c>: every sink by name.</summary>
public sealed record CallbackSinksBody(IReadOnlyDictionary<string, IReadOnlyList<CallbackRecordBody>> Sinks);

/// <summary>Body and answer of <c>PUT /_emulator/time-scale</c>.</summary>
public sealed record TimeScaleBody(double TimeScale);

/// <summary>Answer of <c>GET /_emulator/health</c>.</summary>
public sealed record HealthBody(string Status);

/// <summary>Answer of <c>POST /_emulator/fixtures</c> and <c>GET /_emulator/fixtures</c>.</summary>
public sealed record FixtureCountsBody(int Services, int Vpcs, int Subnets);

/// <summary>When an endpoint was created and when its creation ends (it leaves <c>creating</c>), at full precision: benchmarks measure detection lag against it.</summary>
public sealed record EndpointTimelineBody(string Id, string ProjectId, DateTimeOffset CreatedAt, DateTimeOffset ReadyAt);

/// <summary>The timelines of every endpoint, oldest first.</summary>
public sealed record EndpointTimelineListBody(IReadOnlyList<EndpointTimelineBody> Endpoints);
/// <summary>
/// Answer of <c>GET /_emulator/throttled</c>: the calls the rate limit refused since the last reset, in all and by
/// operation, so a test can tell paced calls from calls that were throttled and retried.
/// </summary>
public sealed record ThrottledBody(long Total, IReadOnlyDictionary<string, long> Operations);
