namespace Vpcep.HuaweiCloud.Http;

/// <summary>Resolves the base URL of a Huawei Cloud service in a region.</summary>
/// <remarks>
/// Known regions come from the official SDKs' per-service region tables (see <see cref="HuaweiRegions"/>); a region
/// a table does not list still resolves, by the common pattern, so that new regions work before the tables learn them.
/// </remarks>
public static class HuaweiEndpoints
{
    /// <summary>The VPC endpoint service.</summary>
    public const string Vpcep = "vpcep";

    /// <summary>The VPC service.</summary>
    public const string Vpc = "vpc";

    /// <summary>The Simple Message Notification service.</summary>
    public const string Smn = "smn";

    /// <summary>
    /// The base URL of <paramref name="service"/> in <paramref name="region"/>: the override if there is one; else the
    /// SDK region table's entry; else <c>https://{service}.{region}.myhuaweicloud.com</c>
    /// (<c>myhuaweicloud.eu</c> for <c>eu-west-101</c>).
    /// </summary>
    public static Uri Resolve(string service, string region, Uri? baseUrlOverride)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (baseUrlOverride is not null)
        {
            return baseUrlOverride;
        }

        if (HuaweiRegions.For(service) is { } table && table.TryGetValue(region, out string? baseUrl))
        {
            return new Uri(baseUrl);
        }

        // A region the table does not know: the pattern most regions follow. eu-west-101 is kept on the .eu domain
        // here because that is where VPCEP and SMN serve it (the VPC table, which says .com, never reaches this line).
        string domain = region == "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com";
        return new Uri($"https://{service}.{region}.{domain}");
    }

    /// <summary>
    /// Whether the SDK region table of <paramref name="service"/> lists <paramref name="region"/>. When it does not,
    /// <see cref="Resolve"/> still answers, with a host built by the common pattern that may not exist.
    /// </summary>
    public static bool IsKnownRegion(string service, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return HuaweiRegions.For(service) is { } table && table.ContainsKey(region);
    }
}
