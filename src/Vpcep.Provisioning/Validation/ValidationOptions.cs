namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The limits and switches the request validators enforce, bound from the configuration section
/// <see cref="SectionName"/> (for example <c>Validation:MaxTags</c>). docs/validation-rules.md lists every
/// rule with its source.
/// </summary>
/// <remarks>
/// Tag defaults follow the seed page, Huawei's "Creating a VPC Endpoint" API reference (updated
/// 2022-12-06), Table 3: at most 10 tags, key 36 and value 43 Unicode characters, none of
/// <c>=*&lt;&gt;\,|/</c>, no leading or trailing space. The current documentation
/// (huaweicloud-sdk-go-v3 and huaweicloud-sdk-net-v3 vpcep v1 <c>TagList</c> since their 2024-09-12
/// releases; Open Telekom Cloud's VPCEP API reference, "Tag Character Set Specifications", 2025-11)
/// describes looser lengths (key 128, value 255), 20 tags (Open Telekom Cloud) and an allow-list of
/// characters instead. Regions differ, so the seed's rules stay the default and the current rules are
/// one configuration away: <c>MaxTags=20</c>, <c>MaxTagKeyLength=128</c>, <c>MaxTagValueLength=255</c>,
/// <c>TagCharacterRules=Current</c>.
/// </remarks>
public sealed class ValidationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Validation";

    /// <summary>
    /// Gets or sets the most tags one endpoint may carry. Seed page Table 2: 10. Open Telekom Cloud's
    /// VPCEP API reference (Creating a VPC Endpoint, Table 2, since 2022-10): 20.
    /// </summary>
    public int MaxTags { get; set; } = 10;

    /// <summary>Gets or sets the longest tag key, in Unicode code points. Seed page Table 3: 36; current SDK <c>TagList</c>: 128.</summary>
    public int MaxTagKeyLength { get; set; } = 36;

    /// <summary>Gets or sets the longest tag value, in Unicode code points. Seed page Table 3: 43; current SDK <c>TagList</c>: 255.</summary>
    public int MaxTagValueLength { get; set; } = 43;

    /// <summary>
    /// Gets or sets which character rules tag keys and values follow: <see cref="TagCharacterRules.Seed"/>
    /// (the default) or <see cref="TagCharacterRules.Current"/>. ASCII and C1 control characters are refused
    /// under both.
    /// </summary>
    public TagCharacterRules TagCharacterRules { get; set; } = TagCharacterRules.Seed;

    /// <summary>
    /// Gets or sets the characters a tag key or value must not contain under <see cref="TagCharacterRules.Seed"/>
    /// (seed page Table 3: <c>=*&lt;&gt;\,|/</c>).
    /// </summary>
    public string TagForbiddenCharacters { get; set; } = "=*<>\\,|/";

    /// <summary>
    /// Gets or sets the symbols a tag key may hold besides letters, digits and spaces under
    /// <see cref="TagCharacterRules.Current"/> (SDK <c>TagList.key</c>: <c>_ . : = + - @</c>).
    /// </summary>
    public string TagKeyAllowedSymbols { get; set; } = "_.:=+-@";

    /// <summary>
    /// Gets or sets the symbols a tag value may hold besides letters, digits and spaces under
    /// <see cref="TagCharacterRules.Current"/> (SDK <c>TagList.value</c>: <c>_ . : / = + - @</c>).
    /// </summary>
    public string TagValueAllowedSymbols { get; set; } = "_.:/=+-@";

    /// <summary>
    /// Gets or sets the prefix reserved for system tags that a key must not start with under
    /// <see cref="TagCharacterRules.Current"/> (SDK <c>TagList.key</c>: <c>_sys_</c>); empty for none.
    /// </summary>
    public string TagReservedKeyPrefix { get; set; } = "_sys_";

    /// <summary>
    /// Gets or sets the longest description, in Unicode code points (Open Telekom Cloud's VPCEP API
    /// reference, Creating a VPC Endpoint, Table 2: 128).
    /// </summary>
    public int MaxDescriptionLength { get; set; } = 128;

    /// <summary>
    /// Gets or sets how long the answers of the validation look-ups (endpoint service, VPC, subnet, quota)
    /// are remembered per process (see <see cref="CloudLookupCache"/>), so a batch looks each distinct
    /// value up once; zero turns the cache off. Default 1 minute; at most 1 hour.
    /// </summary>
    public TimeSpan CloudLookupCacheDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the most whitelist entries. Huawei's create page states no number; Terraform's
    /// huaweicloud_vpcep_endpoint documentation and Open Telekom Cloud's user guide ("Configuring Access
    /// Control for a VPC Endpoint") both say 20.
    /// </summary>
    public int MaxWhitelistEntries { get; set; } = 20;

    /// <summary>
    /// Gets or sets the most route tables of a gateway endpoint. No source states a number (unverified);
    /// 20 is this project's bound on the input, kept configurable.
    /// </summary>
    public int MaxRouteTables { get; set; } = 20;

    /// <summary>
    /// Gets or sets a value indicating whether every member of <c>endpoint</c> the parser does not know is
    /// refused. False (the default): a member close to a known name (a probable typo) is refused with a
    /// suggestion and any other is passed through to Huawei unchanged, so a field Huawei adds later does not
    /// block anyone. True: the strict behaviour, every unknown member is refused.
    /// </summary>
    public bool RejectUnknownEndpointFields { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether requests the service is not known to refuse, but that are
    /// probably mistakes, are refused as well: <c>enable_whitelist: true</c> with no entries, whitelist CIDR
    /// blocks with host bits set (<c>192.168.0.1/24</c>), repeated whitelist entries and repeated route
    /// tables. False by default: intake must not refuse what the service accepts.
    /// </summary>
    public bool RefuseLikelyMistakes { get; set; }

    /// <summary>Gets or sets the longest accepted <c>callback_url</c>, in characters.</summary>
    public int MaxCallbackUrlLength { get; set; } = 2048;

    /// <summary>
    /// Gets or sets the most errors one parse reports; the rest are summarised in one
    /// <c>too_many_errors</c> error, so a hostile document cannot produce a huge answer.
    /// </summary>
    public int MaxErrors { get; set; } = 100;
}

/// <summary>The character rules for tag keys and values; see <see cref="ValidationOptions.TagCharacterRules"/>.</summary>
public enum TagCharacterRules
{
    /// <summary>
    /// The seed page's Table 3: any character but <see cref="ValidationOptions.TagForbiddenCharacters"/> and
    /// control characters; neither a key nor a value may start or end with white space.
    /// </summary>
    Seed,

    /// <summary>
    /// The current documentation (SDK <c>TagList</c> since 2024-09; Open Telekom Cloud "Tag Character Set
    /// Specifications"): letters, digits, spaces and <see cref="ValidationOptions.TagKeyAllowedSymbols"/> in a
    /// key (which must not start or end with white space nor start with
    /// <see cref="ValidationOptions.TagReservedKeyPrefix"/>); letters, digits, spaces and
    /// <see cref="ValidationOptions.TagValueAllowedSymbols"/> in a value.
    /// </summary>
    Current,
}
