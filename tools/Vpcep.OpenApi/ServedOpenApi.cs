using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vpcep.SelfHost;

namespace Vpcep.OpenApi;

/// <summary>
/// The OpenAPI document as the self-host serves it: the app is built as it runs (<see cref="SelfHostApp.Build"/>), started
/// on a free loopback port, asked for <see cref="ContractDocument.Route"/> over HTTP, and stopped. The document does not
/// depend on storage, so the app is pointed at a loopback port nothing listens on (no Azurite needed, nothing written)
/// and its queue listener is off.
/// </summary>
public static class ServedOpenApi
{
    /// <summary>Where the document is committed, relative to the repository root.</summary>
    public const string CommittedPath = "docs/openapi.json";

    /// <summary>The command that regenerates the committed document.</summary>
    public const string RegenerateCommand = "./build.sh openapi";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Starts the self-host, reads the document it serves, stops it.</summary>
    public static async Task<JsonNode> ReadAsync(CancellationToken cancellationToken = default)
    {
        int deadPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        string deadStorage =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;";
        await using WebApplication app = SelfHostApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Production",
            "--Logging:LogLevel:Default=None",
            $"--DurableTask:ConnectionString={deadStorage}",
            "--ProvisioningQueue:Enabled=false",
            "--SharedPacing:Enabled=false",
        ]);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            string text = await http.GetStringAsync(new Uri(ContractDocument.Route, UriKind.Relative), cancellationToken);
            return JsonNode.Parse(text) ?? throw new InvalidOperationException("The self-host served an empty document.");
        }
        finally
        {
            // The workflow's worker is still trying to create its task hub on the dead port (it keeps trying until storage
            // answers, each try bounded by the storage client's own retries): the stop does not wait for it.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(patience.Token);
        }
    }

    /// <summary>The document as committed: indented by two spaces, characters unescaped where JSON allows, a final newline.</summary>
    public static string Format(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>The JSON pointer of the first place two documents differ, or <see langword="null"/> when they are equal.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string at = "")
    {
        if (JsonNode.DeepEquals(expected, actual))
        {
            return null;
        }

        if (expected is JsonObject left && actual is JsonObject right)
        {
            foreach (string name in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                if (!left.ContainsKey(name) || !right.ContainsKey(name))
                {
                    return $"{at}/{Escape(name)}";
                }

                if (FirstDifference(left[name], right[name], $"{at}/{Escape(name)}") is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (expected is JsonArray first && actual is JsonArray second && first.Count == second.Count)
        {
            for (int i = 0; i < first.Count; i++)
            {
                if (FirstDifference(first[i], second[i], $"{at}/{i}") is { } inner)
                {
                    return inner;
                }
            }
        }

        return at.Length == 0 ? "/" : at;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
