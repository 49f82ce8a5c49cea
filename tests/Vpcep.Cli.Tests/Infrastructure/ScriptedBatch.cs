using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vpcep.Cli.Tests.Infrastructure;

/// <summary>
/// A batch of six items that moves one step on each <see cref="Advance"/>: nothing ended, then one failure, then an
/// invalid item too, then the end. Served as a host with the items listing serves it (<c>include_items=false</c>,
/// <c>/items</c> paged one item a page), or as an older host without the listing.
/// </summary>
internal sealed class ScriptedBatch
{
    public const string BatchId = "rollout-7";
    public const int Total = 6;

    private static readonly Dictionary<string, int>[] Counts =
    [
        [],
        new() { ["accepted"] = 2, ["failed"] = 1 },
        new() { ["accepted"] = 3, ["failed"] = 1, ["invalid"] = 1 },
        new() { ["accepted"] = 4, ["failed"] = 1, ["invalid"] = 1 },
    ];

    private int step;

    /// <summary>How many steps there are; the last is the end.</summary>
    public static int Steps => Counts.Length;

    /// <summary>Moves the batch one step on (at most to its end).</summary>
    public void Advance() => step = Math.Min(step + 1, Counts.Length - 1);

    /// <summary>
    /// The batch's routes. <paramref name="withListing"/>: <c>/items</c> is served; <paramref name="honoursIncludeItems"/>:
    /// <c>include_items=false</c> leaves the items out (a host from before the listing does neither).
    /// </summary>
    public void Map(IEndpointRouteBuilder app, bool withListing, bool? honoursIncludeItems = null)
    {
        bool stripsItems = honoursIncludeItems ?? withListing;
        app.MapGet("/api/batches/{id}", (HttpContext context) =>
        {
            bool ended = step == Counts.Length - 1;
            bool withItems = !stripsItems || context.Request.Query["include_items"] != "false";
            return FakeVpcepApi.Json(ended ? 200 : 202, Documents.Batch(BatchId, ended ? "Completed" : "Running", Total, Counts[step], withItems ? Items() : null), ended ? null : 3);
        });
        if (withListing)
        {
            app.MapGet("/api/batches/{id}/items", (HttpContext context) =>
            {
                string[] results = context.Request.Query["result"].ToString().Split(',');
                JsonObject[] matching = [.. Items().Where(i => i["result"] is { } r && results.Contains(r.GetValue<string>()))];
                int from = context.Request.Query["continuation_token"] is { Count: 1 } token
                    ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token.ToString())), CultureInfo.InvariantCulture)
                    : 0;
                string? next = from + 1 < matching.Length ? Convert.ToBase64String(Encoding.UTF8.GetBytes((from + 1).ToString(CultureInfo.InvariantCulture))) : null;
                return FakeVpcepApi.Json(200, new JsonObject
                {
                    ["batch_id"] = BatchId,
                    ["items"] = new JsonArray([.. matching.Skip(from).Take(1)]),
                    ["continuation_token"] = next,
                }.ToJsonString());
            });
        }
    }

    private List<JsonObject> Items()
    {
        Dictionary<string, int> counts = Counts[step];
        var items = new List<JsonObject>();
        for (int i = 0; i < Total; i++)
        {
            items.Add(Documents.Item(i, null));
        }

        if (counts.GetValueOrDefault("failed") > 0)
        {
            items[2] = Documents.Item(2, "failed", "VPCEP.9001", "Endpoint quota exceeded");
        }

        if (counts.GetValueOrDefault("invalid") > 0)
        {
            items[4] = Documents.Item(4, "invalid");
            items[4]["validation_errors"] = new JsonArray(new JsonObject { ["pointer"] = "/endpoint/vpc_id", ["code"] = "vpc_not_found", ["message"] = "No such VPC." });
        }

        int accepted = counts.GetValueOrDefault("accepted");
        foreach (int i in new[] { 0, 1, 3, 5 }.Take(accepted))
        {
            items[i] = Documents.Item(i, "accepted");
        }

        return items;
    }
}
