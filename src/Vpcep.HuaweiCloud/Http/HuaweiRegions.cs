using System.Collections.Frozen;

namespace Vpcep.HuaweiCloud.Http;

/// <summary>
/// Region id → base URL per service, copied entry by entry (same order) from the official Huawei Cloud SDKs' region tables.
/// </summary>
/// <remarks>
/// Sources, read at:
/// <list type="bullet">
/// <item>huaweicloud/huaweicloud-sdk-net-v3, release 3.1.207 (2026-08-20), commit 1e954c49d6835068a5e55ca7a1817171eede787f;</item>
/// <item>huaweicloud/huaweicloud-sdk-go-v3, release 0.1.188 (2026-03-12), commit 1cd70eb6f730ea721771a6ec8d96352bbb801787.</item>
/// </list>
/// For all three services the .NET and Go tables list the same region ids with the same URLs; there was no
/// disagreement to settle (had there been one, the newer release, the .NET one, would win).
/// Both SDKs first ask a region provider chain (environment variables, then a profile file) and only then their
/// static table; this client has no such chain: its equivalent is the base URL override.
/// </remarks>
internal static class HuaweiRegions
{
    // VPCEP, 34 regions. .NET: Services/Vpcep/V1/Region/VpcepRegion.cs (3.1.207);
    // Go: services/vpcep/v1/region/region.go (0.1.188) — identical.
    // Special host: eu-west-101 is on myhuaweicloud.eu.
    internal static readonly FrozenDictionary<string, string> Vpcep = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cn-north-4"] = "https://vpcep.cn-north-4.myhuaweicloud.com",
        ["cn-north-1"] = "https://vpcep.cn-north-1.myhuaweicloud.com",
        ["cn-east-2"] = "https://vpcep.cn-east-2.myhuaweicloud.com",
        ["cn-east-3"] = "https://vpcep.cn-east-3.myhuaweicloud.com",
        ["cn-south-1"] = "https://vpcep.cn-south-1.myhuaweicloud.com",
        ["cn-southwest-2"] = "https://vpcep.cn-southwest-2.myhuaweicloud.com",
        ["ap-southeast-1"] = "https://vpcep.ap-southeast-1.myhuaweicloud.com",
        ["la-south-2"] = "https://vpcep.la-south-2.myhuaweicloud.com",
        ["na-mexico-1"] = "https://vpcep.na-mexico-1.myhuaweicloud.com",
        ["cn-north-9"] = "https://vpcep.cn-north-9.myhuaweicloud.com",
        ["ap-southeast-3"] = "https://vpcep.ap-southeast-3.myhuaweicloud.com",
        ["ap-southeast-2"] = "https://vpcep.ap-southeast-2.myhuaweicloud.com",
        ["cn-north-2"] = "https://vpcep.cn-north-2.myhuaweicloud.com",
        ["af-south-1"] = "https://vpcep.af-south-1.myhuaweicloud.com",
        ["cn-south-2"] = "https://vpcep.cn-south-2.myhuaweicloud.com",
        ["sa-brazil-1"] = "https://vpcep.sa-brazil-1.myhuaweicloud.com",
        ["la-north-2"] = "https://vpcep.la-north-2.myhuaweicloud.com",
        ["tr-west-1"] = "https://vpcep.tr-west-1.myhuaweicloud.com",
        ["eu-west-101"] = "https://vpcep.eu-west-101.myhuaweicloud.eu",
        ["ap-southeast-4"] = "https://vpcep.ap-southeast-4.myhuaweicloud.com",
        ["eu-west-0"] = "https://vpcep.eu-west-0.myhuaweicloud.com",
        ["my-kualalumpur-1"] = "https://vpcep.my-kualalumpur-1.myhuaweicloud.com",
        ["ae-ad-1"] = "https://vpcep.ae-ad-1.myhuaweicloud.com",
        ["ru-moscow-1"] = "https://vpcep.ru-moscow-1.myhuaweicloud.com",
        ["cn-east-5"] = "https://vpcep.cn-east-5.myhuaweicloud.com",
        ["cn-south-4"] = "https://vpcep.cn-south-4.myhuaweicloud.com",
        ["me-east-1"] = "https://vpcep.me-east-1.myhuaweicloud.com",
        ["ru-northwest-2"] = "https://vpcep.ru-northwest-2.myhuaweicloud.com",
        ["cn-north-11"] = "https://vpcep.cn-north-11.myhuaweicloud.com",
        ["cn-east-4"] = "https://vpcep.cn-east-4.myhuaweicloud.com",
        ["af-north-1"] = "https://vpcep.af-north-1.myhuaweicloud.com",
        ["ap-southeast-5"] = "https://vpcep.ap-southeast-5.myhuaweicloud.com",
        ["cn-north-12"] = "https://vpcep.cn-north-12.myhuaweicloud.com",
        ["cn-southwest-3"] = "https://vpcep.cn-southwest-3.myhuaweicloud.com",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // VPC, 34 regions. .NET: Services/Vpc/V2/Region/VpcRegion.cs and Services/Vpc/V3/Region/VpcRegion.cs (3.1.207);
    // Go: services/vpc/v2/region/region.go and services/vpc/v3/region/region.go (0.1.188) — all four identical.
    // Special case by absence: eu-west-101 is on myhuaweicloud.com, NOT myhuaweicloud.eu. Both SDKs changed it from
    // .eu to .com on 2024-03-28 (.NET 3.1.87, Go 0.1.88) and have kept .com since.
    internal static readonly FrozenDictionary<string, string> Vpc = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["af-south-1"] = "https://vpc.af-south-1.myhuaweicloud.com",
        ["cn-north-4"] = "https://vpc.cn-north-4.myhuaweicloud.com",
        ["cn-north-1"] = "https://vpc.cn-north-1.myhuaweicloud.com",
        ["cn-east-2"] = "https://vpc.cn-east-2.myhuaweicloud.com",
        ["cn-east-3"] = "https://vpc.cn-east-3.myhuaweicloud.com",
        ["cn-east-5"] = "https://vpc.cn-east-5.myhuaweicloud.com",
        ["cn-south-1"] = "https://vpc.cn-south-1.myhuaweicloud.com",
        ["cn-south-4"] = "https://vpc.cn-south-4.myhuaweicloud.com",
        ["cn-southwest-2"] = "https://vpc.cn-southwest-2.myhuaweicloud.com",
        ["ap-southeast-2"] = "https://vpc.ap-southeast-2.myhuaweicloud.com",
        ["cn-north-9"] = "https://vpc.cn-north-9.myhuaweicloud.com",
        ["cn-north-11"] = "https://vpc.cn-north-11.myhuaweicloud.com",
        ["ap-southeast-1"] = "https://vpc.ap-southeast-1.myhuaweicloud.com",
        ["ap-southeast-3"] = "https://vpc.ap-southeast-3.myhuaweicloud.com",
        ["sa-brazil-1"] = "https://vpc.sa-brazil-1.myhuaweicloud.com",
        ["la-north-2"] = "https://vpc.la-north-2.myhuaweicloud.com",
        ["cn-south-2"] = "https://vpc.cn-south-2.myhuaweicloud.com",
        ["cn-north-2"] = "https://vpc.cn-north-2.myhuaweicloud.com",
        ["la-south-2"] = "https://vpc.la-south-2.myhuaweicloud.com",
        ["na-mexico-1"] = "https://vpc.na-mexico-1.myhuaweicloud.com",
        ["ap-southeast-4"] = "https://vpc.ap-southeast-4.myhuaweicloud.com",
        ["tr-west-1"] = "https://vpc.tr-west-1.myhuaweicloud.com",
        ["eu-west-101"] = "https://vpc.eu-west-101.myhuaweicloud.com",
        ["me-east-1"] = "https://vpc.me-east-1.myhuaweicloud.com",
        ["ae-ad-1"] = "https://vpc.ae-ad-1.myhuaweicloud.com",
        ["eu-west-0"] = "https://vpc.eu-west-0.myhuaweicloud.com",
        ["ru-northwest-2"] = "https://vpc.ru-northwest-2.myhuaweicloud.com",
        ["my-kualalumpur-1"] = "https://vpc.my-kualalumpur-1.myhuaweicloud.com",
        ["ru-moscow-1"] = "https://vpc.ru-moscow-1.myhuaweicloud.com",
        ["cn-east-4"] = "https://vpc.cn-east-4.myhuaweicloud.com",
        ["af-north-1"] = "https://vpc.af-north-1.myhuaweicloud.com",
        ["ap-southeast-5"] = "https://vpc.ap-southeast-5.myhuaweicloud.com",
        ["cn-southwest-3"] = "https://vpc.cn-southwest-3.myhuaweicloud.com",
        ["cn-north-12"] = "https://vpc.cn-north-12.myhuaweicloud.com",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // SMN, 33 regions. .NET: Services/Smn/V2/Region/SmnRegion.cs (3.1.207);
    // Go: services/smn/v2/region/region.go (0.1.188) — identical.
    // Special hosts: cn-north-2 is on myhuaweicloud.cn; eu-west-101 is on myhuaweicloud.eu.
    // ru-northwest-2 (listed for VPCEP and VPC) is not in the SMN table.
    internal static readonly FrozenDictionary<string, string> Smn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["af-south-1"] = "https://smn.af-south-1.myhuaweicloud.com",
        ["cn-north-4"] = "https://smn.cn-north-4.myhuaweicloud.com",
        ["cn-north-1"] = "https://smn.cn-north-1.myhuaweicloud.com",
        ["cn-east-2"] = "https://smn.cn-east-2.myhuaweicloud.com",
        ["cn-east-3"] = "https://smn.cn-east-3.myhuaweicloud.com",
        ["cn-south-1"] = "https://smn.cn-south-1.myhuaweicloud.com",
        ["cn-southwest-2"] = "https://smn.cn-southwest-2.myhuaweicloud.com",
        ["ap-southeast-2"] = "https://smn.ap-southeast-2.myhuaweicloud.com",
        ["ap-southeast-1"] = "https://smn.ap-southeast-1.myhuaweicloud.com",
        ["ap-southeast-3"] = "https://smn.ap-southeast-3.myhuaweicloud.com",
        ["cn-north-2"] = "https://smn.cn-north-2.myhuaweicloud.cn",
        ["cn-south-2"] = "https://smn.cn-south-2.myhuaweicloud.com",
        ["na-mexico-1"] = "https://smn.na-mexico-1.myhuaweicloud.com",
        ["la-north-2"] = "https://smn.la-north-2.myhuaweicloud.com",
        ["sa-brazil-1"] = "https://smn.sa-brazil-1.myhuaweicloud.com",
        ["la-south-2"] = "https://smn.la-south-2.myhuaweicloud.com",
        ["cn-north-9"] = "https://smn.cn-north-9.myhuaweicloud.com",
        ["ap-southeast-4"] = "https://smn.ap-southeast-4.myhuaweicloud.com",
        ["tr-west-1"] = "https://smn.tr-west-1.myhuaweicloud.com",
        ["eu-west-101"] = "https://smn.eu-west-101.myhuaweicloud.eu",
        ["eu-west-0"] = "https://smn.eu-west-0.myhuaweicloud.com",
        ["my-kualalumpur-1"] = "https://smn.my-kualalumpur-1.myhuaweicloud.com",
        ["ru-moscow-1"] = "https://smn.ru-moscow-1.myhuaweicloud.com",
        ["ae-ad-1"] = "https://smn.ae-ad-1.myhuaweicloud.com",
        ["cn-south-4"] = "https://smn.cn-south-4.myhuaweicloud.com",
        ["cn-east-5"] = "https://smn.cn-east-5.myhuaweicloud.com",
        ["cn-east-4"] = "https://smn.cn-east-4.myhuaweicloud.com",
        ["cn-north-12"] = "https://smn.cn-north-12.myhuaweicloud.com",
        ["cn-north-11"] = "https://smn.cn-north-11.myhuaweicloud.com",
        ["cn-southwest-3"] = "https://smn.cn-southwest-3.myhuaweicloud.com",
        ["ap-southeast-5"] = "https://smn.ap-southeast-5.myhuaweicloud.com",
        ["af-north-1"] = "https://smn.af-north-1.myhuaweicloud.com",
        ["me-east-1"] = "https://smn.me-east-1.myhuaweicloud.com",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The region table of <paramref name="service"/>, or <see langword="null"/> for a service without one.</summary>
    internal static FrozenDictionary<string, string>? For(string service) => service switch
    {
        HuaweiEndpoints.Vpcep => Vpcep,
        HuaweiEndpoints.Vpc => Vpc,
        HuaweiEndpoints.Smn => Smn,
        _ => null,
    };
}
