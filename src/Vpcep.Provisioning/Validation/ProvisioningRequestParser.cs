using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Vpcep.Provisioning.Models;

namespace Vpcep.Provisioning.Validation;

/// <summary>
/// Turns a submitted JSON document into a <see cref="ProvisioningRequest"/> and reports every problem
/// at once, each with a JSON pointer and a code from <see cref="ValidationCodes"/>.
/// </summary>
/// <remarks>
/// The parser walks the JSON tree itself first, because a plain deserializer would silently drop a
/// misspelt member (and the setting the caller meant) and would stop at the first wrong type. Only
/// members of the right type are then materialised with System.Text.Json, and the typed request is
/// checked by <see cref="EndpointRequestValidator"/>. A rule error at or below a place that already
/// has a type or presence error is not repeated. The contents of <c>policy_statement</c> and
/// <c>policy_document</c> follow Huawei's policy language and are passed through unchecked.
/// <para>
/// Unknown members: the envelope and tag objects are strict (every unknown member is refused). In
/// <c>endpoint</c>, unless <see cref="ValidationOptions.RejectUnknownEndpointFields"/> is set, a member that
/// looks like a typo of a known field (see <see cref="FieldNames"/>) or that belongs to the envelope is
/// refused, and any other is kept, unchanged, in <see cref="HuaweiCloud.Models.CreateEndpointRequest.AdditionalProperties"/>
/// (sorted by name, so the same members always serialise, and hash, the same way) for the service to judge.
/// </para>
/// </remarks>
public sealed class ProvisioningRequestParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    private readonly EndpointRequestValidator validator;
    private readonly int maxErrors;
    private readonly bool passUnknownEndpointFields;

    /// <summary>Initializes a new instance of the <see cref="ProvisioningRequestParser"/> class.</summary>
    /// <param name="options">The limits to enforce; in tests, <c>Options.Create(new ValidationOptions())</c>.</param>
    public ProvisioningRequestParser(IOptions<ValidationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        validator = new EndpointRequestValidator(options);
        maxErrors = options.Value.MaxErrors;
        passUnknownEndpointFields = !options.Value.RejectUnknownEndpointFields;
    }

    /// <summary>Parses a whole UTF-8 JSON document (a leading byte order mark is allowed).</summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The request and every problem; malformed JSON gives one <c>malformed_json</c> error at pointer "".</returns>
    public ParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        // The reader checks UTF-8 only where it must; a bad byte inside a string would surface later.
        if (!Utf8.IsValid(utf8Json))
        {
            return new ParseResult(null, [InvalidUtf8(utf8Json)]);
        }

        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);

            // ParseValue stops after the first value; anything but white space after it is an error.
            reader.Read();
            return Parse(document.RootElement, "");
        }
        catch (JsonException exception)
        {
            return new ParseResult(null, [MalformedJson(exception)]);
        }
    }

    /// <summary>Parses a request that is part of a larger document, for example item N of a queue batch.</summary>
    /// <param name="element">The request's JSON value.</param>
    /// <param name="pointer">Where <paramref name="element"/> sits in its document, for example <c>/requests/3</c>; "" for the root.</param>
    /// <returns>The request and every problem, with pointers below <paramref name="pointer"/>.</returns>
    public ParseResult Parse(JsonElement element, string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var shapeErrors = new List<ValidationError>();
        if (element.ValueKind != JsonValueKind.Object)
        {
            shapeErrors.Add(WrongType(pointer, "The provisioning request", "an object", element.ValueKind));
            return new ParseResult(null, shapeErrors);
        }

        JsonObject sanitized = WalkObject(element, pointer, RequestShape.Envelope, shapeErrors);
        ProvisioningRequest request = sanitized.Deserialize<ProvisioningRequest>()
            ?? throw new InvalidOperationException("A JSON object deserialized to null.");

        var errors = new List<ValidationError>(shapeErrors);
        foreach (ValidationError error in validator.Validate(request, pointer))
        {
            if (!shapeErrors.Any(shape => shape.Code is ValidationCodes.WrongType or ValidationCodes.Required or ValidationCodes.MalformedJson
                && JsonPointer.IsAtOrBelow(error.Pointer, shape.Pointer)))
            {
                errors.Add(error);
            }
        }

        if (errors.Count > maxErrors)
        {
            int omitted = errors.Count - maxErrors;
            errors.RemoveRange(maxErrors, omitted);
            errors.Add(new(pointer, ValidationCodes.TooManyErrors,
                string.Create(CultureInfo.InvariantCulture, $"{omitted} more problems were found and not listed; fix the ones above and submit again.")));
        }

        return new ParseResult(shapeErrors.Count == 0 ? request : null, errors);
    }

    /// <summary>Checks a callback URL that is not part of a request (a batch's own), with the request's rule.</summary>
    public IReadOnlyList<ValidationError> ValidateCallbackUrl(string callbackUrl, string pointer)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var errors = new List<ValidationError>();
        validator.ValidateCallbackUrl(callbackUrl, pointer, errors);
        return errors;
    }

    /// <summary>
    /// Checks an object's members against its shape and returns a copy holding only the members of
    /// the right kind (null placeholders keep array positions, so later pointers stay right), plus the
    /// unknown members of <c>endpoint</c> that are passed through.
    /// </summary>
    private JsonObject WalkObject(JsonElement element, string pointer, ObjectShape shape, List<ValidationError> errors)
    {
        var copy = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var passedThrough = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string at = JsonPointer.Append(pointer, property.Name);
            if (!shape.Members.TryGetValue(property.Name, out MemberShape? member))
            {
                UnknownMember(property, at, shape, passedThrough, errors);
                continue;
            }

            if (!seen.Add(property.Name))
            {
                errors.Add(new(at, ValidationCodes.DuplicateField,
                    $"{member.Name} appears more than once in the {shape.Name}; give it once."));
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                // null means absent; for a required member that is a missing value.
                if (member.Required)
                {
                    errors.Add(new(at, ValidationCodes.Required, $"{member.Name} is required and must not be null."));
                }

                continue;
            }

            JsonNode? value = WalkMember(property.Value, at, member, errors);
            if (value is not null)
            {
                copy[property.Name] = value;
            }
        }

        foreach (MemberShape member in shape.Members.Values)
        {
            if (member.Required && !seen.Contains(member.Name))
            {
                errors.Add(new(JsonPointer.Append(pointer, member.Name), ValidationCodes.Required,
                    $"{member.Name} is required in the {shape.Name}."));
            }
        }

        // After the known members and in name order: they land in CreateEndpointRequest.AdditionalProperties.
        foreach ((string name, JsonElement value) in passedThrough)
        {
            copy[name] = JsonNode.Parse(value.GetRawText());
        }

        return copy;
    }

    /// <summary>Refuses an unknown member, or keeps it in <paramref name="passedThrough"/> when <c>endpoint</c>'s policy lets it through.</summary>
    private void UnknownMember(
        JsonProperty property, string at, ObjectShape shape, SortedDictionary<string, JsonElement> passedThrough, List<ValidationError> errors)
    {
        if (!passUnknownEndpointFields || !ReferenceEquals(shape, RequestShape.Endpoint))
        {
            errors.Add(new(at, ValidationCodes.UnknownField, UnknownFieldMessage(property.Name, shape)));
            return;
        }

        string? refusal = FieldNames.RefusalOfUnknownEndpointMember(property.Name);
        if (refusal is not null)
        {
            errors.Add(new(at, ValidationCodes.UnknownField, refusal));
        }
        else if (passedThrough.ContainsKey(property.Name))
        {
            errors.Add(new(at, ValidationCodes.DuplicateField,
                $"{property.Name} appears more than once in the {shape.Name}; give it once."));
        }
        else if (HasUnpairedSurrogate(property.Value))
        {
            errors.Add(new(at, ValidationCodes.MalformedJson, "The value contains an unpaired surrogate escape, which is not Unicode text."));
        }
        else
        {
            passedThrough.Add(property.Name, property.Value);
        }
    }

    /// <summary>Whether a string anywhere in the value (member names included) holds an escaped, unpaired surrogate.</summary>
    private static bool HasUnpairedSurrogate(JsonElement value)
    {
        try
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    _ = value.GetString();
                    return false;
                case JsonValueKind.Array:
                    return value.EnumerateArray().Any(HasUnpairedSurrogate);
                case JsonValueKind.Object:
                    foreach (JsonProperty member in value.EnumerateObject())
                    {
                        // Reading the name unescapes it, which throws for an unpaired surrogate.
                        _ = member.Name;
                        if (HasUnpairedSurrogate(member.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private JsonNode? WalkMember(JsonElement value, string at, MemberShape member, List<ValidationError> errors)
    {
        switch (member.Kind)
        {
            case MemberKind.String when value.ValueKind == JsonValueKind.String:
                return ReadString(value, at, errors);
            case MemberKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetBoolean());
            case MemberKind.Object when value.ValueKind == JsonValueKind.Object:
                return WalkObject(value, at, member.Nested!, errors);
            case MemberKind.OpaqueArray when value.ValueKind == JsonValueKind.Array:
            case MemberKind.OpaqueObject when value.ValueKind == JsonValueKind.Object:
                return JsonNode.Parse(value.GetRawText());
            case MemberKind.StringArray or MemberKind.ObjectArray when value.ValueKind == JsonValueKind.Array:
                return WalkArray(value, at, member, errors);
            default:
                errors.Add(WrongType(at, member.Name, Expected(member.Kind), value.ValueKind));
                return null;
        }
    }

    private JsonArray WalkArray(JsonElement array, string pointer, MemberShape member, List<ValidationError> errors)
    {
        var copy = new JsonArray();
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            string at = JsonPointer.Append(pointer, index++);
            if (member.Kind == MemberKind.StringArray && item.ValueKind == JsonValueKind.String)
            {
                copy.Add(ReadString(item, at, errors));
            }
            else if (member.Kind == MemberKind.ObjectArray && item.ValueKind == JsonValueKind.Object)
            {
                copy.Add(WalkObject(item, at, member.Nested!, errors));
            }
            else
            {
                string expected = member.Kind == MemberKind.StringArray ? "a string" : "an object";
                errors.Add(WrongType(at, $"Each entry of {member.Name}", expected, item.ValueKind));
                copy.Add(null);
            }
        }

        return copy;
    }

    private static JsonValue? ReadString(JsonElement value, string at, List<ValidationError> errors)
    {
        try
        {
            return JsonValue.Create(value.GetString());
        }
        catch (InvalidOperationException)
        {
            // An escaped, unpaired surrogate such as "\ud800" is no Unicode text.
            errors.Add(new(at, ValidationCodes.MalformedJson, "The string contains an unpaired surrogate escape, which is not Unicode text."));
            return null;
        }
    }

    private static string Expected(MemberKind kind) => kind switch
    {
        MemberKind.String => "a string",
        MemberKind.Boolean => "a boolean (true or false)",
        MemberKind.Object or MemberKind.OpaqueObject => "an object",
        _ => "an array",
    };

    private static ValidationError WrongType(string at, string what, string expected, JsonValueKind actual)
    {
        string found = actual switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };
        return new ValidationError(at, ValidationCodes.WrongType, $"{what} must be {expected}, not {found}.");
    }

    private static string UnknownFieldMessage(string name, ObjectShape shape)
    {
        string message = $"The {shape.Name} has no field '{name}'.";
        if (ReferenceEquals(shape, RequestShape.Envelope) && RequestShape.Endpoint.Members.ContainsKey(name))
        {
            return message + $" {name} belongs inside endpoint.";
        }

        string? suggestion = FieldNames.ProbablyMeant(name, shape.Members.Keys);
        return suggestion is null
            ? message + " Known fields: " + string.Join(", ", shape.Members.Keys) + "."
            : message + $" Did you mean '{suggestion}'?";
    }

    private static ValidationError InvalidUtf8(ReadOnlySpan<byte> utf8Json)
    {
        int offset = 0;
        int line = 1;
        int lineStart = 0;
        while (Rune.DecodeFromUtf8(utf8Json[offset..], out _, out int consumed) == OperationStatus.Done)
        {
            if (utf8Json[offset] == (byte)'\n')
            {
                line++;
                lineStart = offset + 1;
            }

            offset += consumed;
        }

        return new ValidationError("", ValidationCodes.MalformedJson,
            string.Create(CultureInfo.InvariantCulture, $"The request is not valid UTF-8: a bad byte at line {line}, byte {offset - lineStart + 1}."));
    }

    private static ValidationError MalformedJson(JsonException exception)
    {
        // The reader's message ends with its own zero-based position; report it one-based instead.
        string reason = exception.Message;
        int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        string where = exception.LineNumber is long line && exception.BytePositionInLine is long position
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {position + 1}")
            : "";
        return new ValidationError("", ValidationCodes.MalformedJson, $"The request is not well-formed JSON{where}: {reason.TrimEnd()}");
    }
}
