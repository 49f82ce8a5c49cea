namespace Vpcep.Emulator.Faults;

/// <summary>
/// The faults to inject: one rule for every operation (<see cref="Global"/>) and rules by operation
/// name (<c>CreateEndpoint</c>, <c>GetEndpoint</c>, ...). Both apply when both match.
/// </summary>
/// <remarks>
/// Properties with defaults use <c>set</c>, not <c>init</c>: the JSON source generator assigns every
/// init-only property in its object initializer, which would overwrite the defaults with zeros.
/// </remarks>
public sealed record FaultSettings
{
    public FaultRule? Global { get; init; }

    public IReadOnlyDictionary<string, FaultRule> Operations { get; set; } = new Dictionary<string, FaultRule>();
}

/// <summary>
/// One fault rule. Counted modes (<see cref="FailNext"/>, <see cref="DropNext"/>) are deterministic and
/// count down as they fire; rate modes draw a random number per request.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Latency added before the operation runs, in milliseconds (scaled by TimeScale).</summary>
    public int LatencyMs { get; init; }

    /// <summary>Fail this many next calls with <see cref="ErrorStatus"/>/<see cref="ErrorCode"/>.</summary>
    public int FailNext { get; init; }

    /// <summary>Probability (0..1) of failing a call with <see cref="ErrorStatus"/>/<see cref="ErrorCode"/>.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The status of injected failures; default 500.</summary>
    public int ErrorStatus { get; set; } = 500;

    /// <summary>The error code of injected failures; default EndPoint.0001 (system error).</summary>
    public string ErrorCode { get; set; } = "EndPoint.0001";

    /// <summary>Requests per second allowed per project (token bucket); 0 means no limit.</summary>
    public double RateLimitPerSecond { get; init; }

    /// <summary>Bucket size; 0 means one second's worth (at least 1).</summary>
    public double Burst { get; init; }

    /// <summary><c>endpoint</c>: EndPoint.0022 with 400 (the service); <c>gateway</c>: APIG.0308 with 429 (the API gateway).</summary>
    public string ThrottleMode { get; set; } = "endpoint";

    /// <summary>Run the operation (commit it) but drop the answer for this many next calls.</summary>
    public int DropNext { get; init; }

    /// <summary>Probability (0..1) of running the operation and dropping its answer.</summary>
    public double DropRate { get; init; }

    /// <summary>
    /// <c>abort</c>: reset the connection; <c>hang</c>: keep it open for <see cref="HangMs"/>, then reset;
    /// <c>garble</c>: answer the status with half of the body, so a committed success cannot be read.
    /// </summary>
    public string DropMode { get; set; } = "abort";

    /// <summary>How long a <c>hang</c> drop holds the connection, in milliseconds (not scaled).</summary>
    public int HangMs { get; set; } = 120_000;
}
