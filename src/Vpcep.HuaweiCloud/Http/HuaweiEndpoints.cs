namespace Vpcep.HuaweiCloud.Http;

/// <summary>Resolves the base URL of a Huawei Cloud service in a region.</summary>
public static class HuaweiEndpoints
{
    /// <summary>The VPC endpoint service.</summary>
    public const string Vpcep = "vpcep";

    /// <summary>The VPC service.</summary>
    public const string Vpc = "vpc";

    /// <summary>The Simple Message Notification service.</summary>
    public const string Smn = "smn";

    /// <summary>The base URL of <paramref name="service"/> in <paramref name="region"/>, or the override.</summary>
    public static Uri Resolve(string service, string region, Uri? baseUrlOverride)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (baseUrlOverride is not null)
        {
            return baseUrlOverride;
        }

        // eu-west-101 is served from the .eu domain; every other region from myhuaweicloud.com.
        string domain = region == "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com";
        return new Uri($"https://{service}.{region}.{domain}");
    }
}
