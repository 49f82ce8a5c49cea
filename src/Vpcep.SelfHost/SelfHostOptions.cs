namespace Vpcep.SelfHost;

/// <summary>
/// Who may call <c>/api</c>, bound from the <c>SelfHost</c> section and checked when the host starts
/// (<see cref="SelfHostOptionsValidator"/>).
/// </summary>
public sealed class SelfHostOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "SelfHost";

    /// <summary>
    /// Shared API keys, like Azure Functions' function keys: whoever holds one acts as the operator and reads every
    /// request. Callers send a key in the <c>x-functions-key</c> header or the <c>code</c> query parameter, so
    /// clients work unchanged against either host. No key may be empty or white space. With neither these nor
    /// <see cref="Callers"/>, no key is asked for (local development).
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>
    /// Named callers, each with its own key (<c>SelfHost:Callers:{name}:Key</c>): a caller's idempotency keys,
    /// instance ids and reads are its own, optionally limited to some projects (<c>Projects</c>); an
    /// <c>Admin</c> caller reads everyone's requests.
    /// </summary>
    public IDictionary<string, CallerOptions> Callers { get; } = new Dictionary<string, CallerOptions>(StringComparer.Ordinal);

    /// <summary>Whether any key is configured (then every <c>/api</c> call must present one).</summary>
    public bool RequiresKey => ApiKeys.Count > 0 || Callers.Count > 0;
}

/// <summary>One named caller of the self-host.</summary>
public sealed class CallerOptions
{
    /// <summary>The caller's API key.</summary>
    public string Key { get; set; } = "";

    /// <summary>The Huawei project ids it may provision in; empty: any.</summary>
    public IList<string> Projects { get; } = [];

    /// <summary>An operator: reads every request.</summary>
    public bool Admin { get; set; }
}
