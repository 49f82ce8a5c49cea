using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpcep.HuaweiCloud.Serialization;

// Readers for the fields whose JSON type differs between Huawei's sources. They accept every form a
// source documents and write the form the official SDKs use. A value of a form no source documents
// reads as null instead of failing the whole answer: one odd field must never hide an endpoint's id.

/// <summary>
/// A list of strings that may arrive as a lone string: <c>active_status</c> is an array in the official
/// SDKs (.NET <c>List&lt;string&gt;</c>, Go <c>*[]string</c>), the Terraform provider's golangsdk and Open
/// Telekom Cloud's reference, but a plain string in the seed page's example.
/// </summary>
public sealed class StringOrStringListConverter : JsonConverter<IReadOnlyList<string>?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        items.Add(reader.GetString()!);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return items;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (string item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}

/// <summary>
/// A boolean that may arrive as <c>true</c>/<c>false</c>, as the strings <c>"true"</c>/<c>"false"</c>, or as
/// <c>0</c>/<c>1</c> (number or string): <c>is_charge</c> is typed differently by Huawei's SDKs and references.
/// </summary>
public sealed class FlexibleBooleanConverter : JsonConverter<bool?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt64(out long number) ? number != 0 : null;
            case JsonTokenType.String:
                string text = reader.GetString()!.Trim();
                if (bool.TryParse(text, out bool flag))
                {
                    return flag;
                }

                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n != 0 : null;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } flag)
        {
            writer.WriteBooleanValue(flag);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>
/// A 64-bit integer that may arrive as a number or a numeric string. <c>marker_id</c> is a 32-bit
/// integer in the official SDKs, but the seed page's example exceeds 2^31; it is read as 64-bit.
/// </summary>
public sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out long number) ? number : null;
            case JsonTokenType.String:
                ReadOnlySpan<byte> raw = reader.ValueSpan;
                return !reader.ValueIsEscaped && Utf8Parser.TryParse(raw, out long parsed, out int used) && used == raw.Length ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A count (<c>total_count</c>, quota numbers) that may arrive as a number or a numeric string; anything else reads as 0.</summary>
public sealed class FlexibleInt32Converter : JsonConverter<int>
{
    /// <inheritdoc/>
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out int number) ? number : 0;
            case JsonTokenType.String:
                return int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
            default:
                reader.Skip();
                return 0;
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}

/// <summary>
/// A string that may arrive as a number or a boolean (its JSON text is kept); an object or array where a
/// string is expected reads as null. Written as a plain string.
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string?>
{
    /// <inheritdoc/>
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                reader.Skip();
                return null;
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>A dictionary key (SMN's template <c>tags</c>, a string-to-string map) is read as it is.</summary>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() ?? "";

    /// <summary>A dictionary key is written as it is.</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value ?? "");
    }
}
