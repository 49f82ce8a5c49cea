using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Vpcep.Emulator.Api;

/// <summary>
/// Reads JSON bodies by hand instead of through minimal-API binding, so a malformed body answers
/// Huawei's EndPoint.0002 instead of ASP.NET Core's own 400.
/// </summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            T? value = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted);
            return value ?? throw Errors.ParameterError("the request body is empty.");
        }
        catch (JsonException error)
        {
            throw Errors.ParameterError("the request body is not valid JSON for this operation: " + error.Message);
        }
    }

    /// <summary>Parses a non-negative integer query value; null when absent.</summary>
    public static bool TryParseNonNegative(string? text, out int? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
