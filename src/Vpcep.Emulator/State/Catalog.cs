using System.Text.Json;
using Microsoft.Extensions.Options;
using Vpcep.Emulator.Contracts;

namespace Vpcep.Emulator.State;

/// <summary>
/// What the emulated account can see: endpoint services, VPCs, subnets and quotas, from the fixtures
/// file plus anything seeded at run time. Readers get an immutable snapshot; writers swap it.
/// </summary>
public sealed class Catalog
{
    private readonly IOptions<EmulatorOptions> options;
    private readonly ILogger<Catalog> logger;
    private readonly Lock writeGate = new();
    private volatile Snapshot current = Snapshot.Empty;

    public Catalog(IOptions<EmulatorOptions> options, ILogger<Catalog> logger)
    {
        this.options = options;
        this.logger = logger;
        Reload();
    }

    public IEnumerable<ServiceFixture> Services => current.Services.Values;

    public int ServiceCount => current.Services.Count;

    public int VpcCount => current.Vpcs.Count;

    public int SubnetCount => current.Subnets.Count;

    public ServiceFixture? FindService(string id) => current.Services.GetValueOrDefault(id);

    public ServiceFixture? FindServiceByName(string name) =>
        current.Services.Values.FirstOrDefault(s => string.Equals(s.ServiceName, name, StringComparison.OrdinalIgnoreCase));

    public VpcFixture? FindVpc(string id) => current.Vpcs.GetValueOrDefault(id);

    public SubnetFixture? FindSubnet(string id) => current.Subnets.GetValueOrDefault(id);

    /// <summary>Whether the SMN topic <paramref name="name"/> exists (in every project and region, see <see cref="FixtureSet.SmnTopics"/>).</summary>
    public bool HasSmnTopic(string name) => current.SmnTopics.Contains(name);

    public int QuotaFor(string projectId) =>
        current.Quotas.TryGetValue(projectId, out int quota) ? quota : this.options.Value.QuotaPerProject;

    /// <summary>Replaces everything with the fixtures file.</summary>
    public void Reload()
    {
        FixtureSet fixtures = LoadFile();
        lock (writeGate)
        {
            current = Snapshot.Empty.Merge(fixtures);
        }
    }

    /// <summary>Adds or replaces (by id) the given fixtures.</summary>
    public void Merge(FixtureSet fixtures)
    {
        ArgumentNullException.ThrowIfNull(fixtures);
        lock (writeGate)
        {
            current = current.Merge(fixtures);
        }
    }

    private FixtureSet LoadFile()
    {
        string? configured = this.options.Value.FixturesPath;
        string path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "fixtures.json") : configured;
        if (!File.Exists(path))
        {
            // A configured file that is missing is a mistake; a missing default file just means no fixtures.
            if (!string.IsNullOrWhiteSpace(configured))
            {
                throw new FileNotFoundException("The emulator fixtures file does not exist.", path);
            }

            this.logger.NoFixturesFile(path);
            return new FixtureSet();
        }

        using FileStream stream = File.OpenRead(path);
        FixtureSet fixtures = JsonSerializer.Deserialize(stream, EmulatorJsonContext.Default.FixtureSet)
            ?? throw new InvalidDataException($"The fixtures file {path} is empty.");
        this.logger.FixturesLoaded(path, fixtures.Services.Count, fixtures.Vpcs.Count, fixtures.Subnets.Count);
        return fixtures;
    }

    private sealed record Snapshot(
        IReadOnlyDictionary<string, ServiceFixture> Services,
        IReadOnlyDictionary<string, VpcFixture> Vpcs,
        IReadOnlyDictionary<string, SubnetFixture> Subnets,
        IReadOnlyDictionary<string, int> Quotas,
        IReadOnlySet<string> SmnTopics)
    {
        public static readonly Snapshot Empty = new(
            new Dictionary<string, ServiceFixture>(), new Dictionary<string, VpcFixture>(),
            new Dictionary<string, SubnetFixture>(), new Dictionary<string, int>(), new HashSet<string>(StringComparer.Ordinal));

        public Snapshot Merge(FixtureSet add)
        {
            var services = new Dictionary<string, ServiceFixture>(Services, StringComparer.OrdinalIgnoreCase);
            var vpcs = new Dictionary<string, VpcFixture>(Vpcs, StringComparer.OrdinalIgnoreCase);
            var subnets = new Dictionary<string, SubnetFixture>(Subnets, StringComparer.OrdinalIgnoreCase);
            var quotas = new Dictionary<string, int>(Quotas, StringComparer.OrdinalIgnoreCase);
            foreach (ServiceFixture s in add.Services)
            {
                services[s.Id] = s;
            }

            foreach (VpcFixture v in add.Vpcs)
            {
                vpcs[v.Id] = v;
            }

            foreach (SubnetFixture s in add.Subnets)
            {
                subnets[s.Id] = s;
            }

            foreach ((string project, int quota) in add.Quotas)
            {
                quotas[project] = quota;
            }

            // Topic names are case-sensitive in their URNs.
            var topics = new HashSet<string>(SmnTopics, StringComparer.Ordinal);
            topics.UnionWith(add.SmnTopics);
            return new Snapshot(services, vpcs, subnets, quotas, topics);
        }
    }
}
