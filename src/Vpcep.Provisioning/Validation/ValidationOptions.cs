namespace Vpcep.Provisioning.Validation;

/// <summary>
/// The limits the request validators enforce, bound from the configuration section
/// <see cref="SectionName"/>. Defaults are the rules of Huawei's "Creating a VPC Endpoint" page
/// (request Tables 2 and 3); newer Huawei SDKs document looser tag limits (20 tags, key 128,
/// value 255), so a deployment whose region accepts those can raise them here.
/// </summary>
public sealed class ValidationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Validation";

    /// <summary>Gets or sets the most tags one endpoint may carry (Huawei: 10).</summary>
    public int MaxTags { get; set; } = 10;

    /// <summary>Gets or sets the longest tag key, in Unicode code points (Huawei: 36).</summary>
    public int MaxTagKeyLength { get; set; } = 36;

    /// <summary>Gets or sets the longest tag value, in Unicode code points (Huawei: 43).</summary>
    public int MaxTagValueLength { get; set; } = 43;

    /// <summary>Gets or sets the characters a tag key or value must not contain (Huawei: <c>=*&lt;&gt;\,|/</c>).</summary>
    public string TagForbiddenCharacters { get; set; } = "=*<>\\,|/";

    /// <summary>Gets or sets the longest description, in Unicode code points (Huawei: 128).</summary>
    public int MaxDescriptionLength { get; set; } = 128;

    /// <summary>
    /// Gets or sets the most whitelist entries. Huawei's create page states no number; its console
    /// and error <c>EndPoint.2045</c> ("whitelist full") show there is one. 20 is this project's
    /// assumption, kept configurable.
    /// </summary>
    public int MaxWhitelistEntries { get; set; } = 20;

    /// <summary>
    /// Gets or sets the most route tables of a gateway endpoint. Not stated by Huawei's create page;
    /// 20 is this project's assumption, kept configurable.
    /// </summary>
    public int MaxRouteTables { get; set; } = 20;

    /// <summary>Gets or sets the longest accepted <c>callback_url</c>, in characters.</summary>
    public int MaxCallbackUrlLength { get; set; } = 2048;

    /// <summary>
    /// Gets or sets the most errors one parse reports; the rest are summarised in one
    /// <c>too_many_errors</c> error, so a hostile document cannot produce a huge answer.
    /// </summary>
    public int MaxErrors { get; set; } = 100;
}
