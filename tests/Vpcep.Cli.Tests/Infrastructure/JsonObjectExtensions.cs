using System.Text.Json.Nodes;

namespace Vpcep.Cli.Tests.Infrastructure;

/// <summary>Builds test documents in one expression.</summary>
internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject value, Action<JsonObject> change)
    {
        change(value);
        return value;
    }
}
