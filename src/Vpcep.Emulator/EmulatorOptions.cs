using Vpcep.Emulator.Faults;

namespace Vpcep.Emulator;

/// <summary>
/// Settings of the emulator, bound from the configuration section <c>Emulator</c> (appsettings.json,
/// <c>--Emulator:TimeScale=0.1</c> on the command line, or <c>Emulator__TimeScale</c> in the environment),
/// checked when the emulator starts (<see cref="EmulatorOptionsValidator"/>).
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Emulator";

    /// <summary>The access key accepted when <see cref="Credentials"/> is empty.</summary>
    public const string DefaultAccessKey = "EMULATORACCESSKEY00001";

    /// <summary>The secret key accepted when <see cref="Credentials"/> is empty.</summary>
    public const string DefaultSecretKey = "emulator-secret-key-0001-do-not-use-in-production";

    /// <summary>
    /// The AK/SK pairs a signature may use. Empty means the single default pair
    /// (<see cref="DefaultAccessKey"/>, <see cref="DefaultSecretKey"/>); configuring any pair replaces it.
    /// </summary>
    public IList<EmulatorCredential> Credentials { get; } = [];

    /// <summary>The largest difference between <c>X-Sdk-Date</c> and the emulator's clock that is accepted.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Accept <c>X-Auth-Token</c> (IAM token auth) instead of a signature.</summary>
    public bool AcceptAuthToken { get; set; }

    /// <summary>The tokens accepted when <see cref="AcceptAuthToken"/> is on; empty means any non-empty token.</summary>
    public IList<string> AuthTokens { get; } = [];

    /// <summary>
    /// How long an endpoint stays <c>creating</c>, before <see cref="TimeScale"/>; a service fixture may override it.
    /// 90 s by default: Huawei's create page says creation takes one to two minutes. Tests and local runs
    /// shorten it with <see cref="TimeScale"/>.
    /// </summary>
    public TimeSpan CreationDelay { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Answer in the seed page example's shapes instead of the documented ones: <c>active_status</c> as a plain
    /// string, <c>update_at</c> instead of <c>updated_at</c>, and <c>marker_id</c> above 2^31. Keeps clients'
    /// tolerant readers tested; the default follows the wire corpus.
    /// </summary>
    public bool LegacyWireShapes { get; set; }

    /// <summary>How long an endpoint stays <c>deleting</c> before it is gone, before <see cref="TimeScale"/>.</summary>
    public TimeSpan DeletionDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Multiplies every lifecycle delay and injected latency (0.01 makes a 2 s creation take 20 ms).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>The fixtures file; default <c>fixtures.json</c> next to the executable.</summary>
    public string? FixturesPath { get; set; }

    /// <summary>The endpoint quota of a project that the fixtures do not list.</summary>
    public int QuotaPerProject { get; set; } = 500;

    /// <summary>Most tags per endpoint (the seed page says 10; newer SDKs allow 20).</summary>
    public int MaxTags { get; set; } = 10;

    /// <summary>Longest tag key in characters (seed: 36; newer SDKs: 128).</summary>
    public int MaxTagKeyLength { get; set; } = 36;

    /// <summary>Longest tag value in characters (seed: 43; newer SDKs: 255).</summary>
    public int MaxTagValueLength { get; set; } = 43;

    /// <summary>Most whitelist entries per endpoint; more is EndPoint.2045.</summary>
    public int MaxWhitelistEntries { get; set; } = 20;

    /// <summary>Faults active from start (the admin API can change them at run time).</summary>
    public FaultSettings Faults { get; set; } = new();

    /// <summary>The configured pairs, or the default pair when none is configured.</summary>
    internal IReadOnlyList<EmulatorCredential> EffectiveCredentials =>
        Credentials.Count > 0 ? [.. Credentials] : [new EmulatorCredential { AccessKey = DefaultAccessKey, SecretKey = DefaultSecretKey }];
}

/// <summary>An AK/SK pair the emulator accepts; with <see cref="SecurityToken"/> it is a temporary pair.</summary>
public sealed class EmulatorCredential
{
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";

    /// <summary>When set, requests must carry a signed, equal <c>X-Security-Token</c>.</summary>
    public string? SecurityToken { get; set; }
}
