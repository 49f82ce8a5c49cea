using System.Text.Json;

namespace Vpcep.HuaweiCloud.Tests.WireCorpus;

/// <summary>One sample of <c>tests/wire-corpus</c>: an answer of Huawei Cloud with the source it comes from.</summary>
public sealed record WireCorpusSample(string Name, string Operation, int HttpStatus, bool Legacy, JsonElement Expect, JsonElement Body, JsonElement Envelope)
{
    private static readonly Lazy<IReadOnlyList<WireCorpusSample>> Loaded = new(Load);

    /// <summary>Every sample, in file name order.</summary>
    public static IReadOnlyList<WireCorpusSample> All => Loaded.Value;

    /// <summary>The samples of one operation; the seed page's legacy shapes only when asked for.</summary>
    public static IEnumerable<WireCorpusSample> Of(string operation, bool includeLegacy = false) =>
        All.Where(s => s.Operation == operation && (includeLegacy || !s.Legacy));

    /// <summary>Names of every sample, as xunit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (WireCorpusSample sample in All)
        {
            data.Add(sample.Name);
        }

        return data;
    }

    public static WireCorpusSample Named(string name) => All.Single(s => s.Name == name);

    public override string ToString() => Name;

    private static List<WireCorpusSample> Load()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "wire-corpus");
        var samples = new List<WireCorpusSample>();
        foreach (string file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            JsonElement envelope = JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();
            string name = Path.GetRelativePath(root, file).Replace('\\', '/');
            samples.Add(new WireCorpusSample(
                name,
                envelope.GetProperty("operation").GetString()!,
                envelope.GetProperty("http_status").GetInt32(),
                envelope.TryGetProperty("legacy", out JsonElement legacy) && legacy.GetBoolean(),
                envelope.GetProperty("expect"),
                envelope.GetProperty("body"),
                envelope));
        }

        return samples;
    }
}
