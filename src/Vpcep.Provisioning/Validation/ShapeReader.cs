using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpcep.Provisioning.Validation;

/// <summary>An item of a <see cref="MemberKind.DocumentArray"/> member, left for its own reading.</summary>
/// <param name="Value">The item's JSON value (valid while its document is).</param>
/// <param name="Pointer">Where the item sits, for example <c>/requests/3</c>.</param>
/// <param name="Shape">The shape the item is to have.</param>
internal readonly record struct NestedDocument(JsonElement Value, string Pointer, ObjectShape Shape);

/// <summary>
/// Reads a JSON object against an <see cref="ObjectShape"/>: reports duplicate, unknown, missing and
/// wrongly typed members and values outside their <see cref="Bounds"/>, and returns a copy that holds only
/// what could be read, ready to be materialised with System.Text.Json.
/// </summary>
/// <remarks>
/// A plain deserializer would silently drop a misspelt member (and the setting the caller meant) and would
/// stop at the first wrong type, so the tree is walked by hand. The copy keeps null placeholders in arrays,
/// so later pointers stay right. Unknown members: refused, except in an object that
/// <see cref="ObjectShape.PassesUnknownMembers"/> (unless <paramref name="passUnknownMembers"/> is false),
/// where a probable typo or an envelope member is refused and any other is copied, unchanged and sorted by
/// name (so the same members always serialise, and hash, the same way), after the known members.
/// </remarks>
/// <param name="passUnknownMembers">False when <see cref="ValidationOptions.RejectUnknownEndpointFields"/> is set.</param>
internal sealed class ShapeReader(bool passUnknownMembers)
{
    /// <summary>Reads an object.</summary>
    /// <param name="element">The object (its kind already checked).</param>
    /// <param name="shape">The shape it should have.</param>
    /// <param name="errors">Where <paramref name="element"/> sits, and where its problems go.</param>
    /// <param name="documents">Receives the items of <see cref="MemberKind.DocumentArray"/> members, which are not copied.</param>
    /// <returns>The members that could be read.</returns>
    public JsonObject ReadObject(JsonElement element, ObjectShape shape, ErrorCollector errors, List<NestedDocument>? documents = null)
    {
        var copy = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var passedThrough = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            ErrorCollector at = errors.At(property.Name);
            if (!shape.Members.TryGetValue(property.Name, out MemberShape? member))
            {
                UnknownMember(property, at, shape, passedThrough);
                continue;
            }

            if (!seen.Add(property.Name))
            {
                if (member.Bounds is { CoversRepeats: true } once)
                {
                    at.Add(once.Code, once.Message);
                    copy.Remove(property.Name);
                }
                else
                {
                    at.Add(ValidationCodes.DuplicateField, $"{member.Name} appears more than once in the {shape.Name}; give it once.");
                }

                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                // null means absent; for a required member that is a missing value.
                if (member.Bounds is { CoversShape: true } bounds)
                {
                    at.AddUnreadable(bounds.Code, bounds.Message);
                }
                else if (member.Required)
                {
                    at.AddUnreadable(ValidationCodes.Required, $"{member.Name} is required and must not be null.");
                }

                continue;
            }

            JsonNode? value = ReadMember(property.Value, at, member, documents);
            if (value is not null)
            {
                copy[property.Name] = value;
            }
        }

        foreach (MemberShape member in shape.Ordered)
        {
            if (member.Required && !seen.Contains(member.Name))
            {
                ErrorCollector at = errors.At(member.Name);
                if (member.Bounds is { CoversShape: true } bounds)
                {
                    at.AddUnreadable(bounds.Code, bounds.Message);
                }
                else
                {
                    at.AddUnreadable(ValidationCodes.Required, $"{member.Name} is required in the {shape.Name}.");
                }
            }
        }

        foreach ((string name, JsonElement value) in passedThrough)
        {
            copy[name] = JsonNode.Parse(value.GetRawText());
        }

        return copy;
    }

    /// <summary>A wrong-type error: "{what} must be {expected}, not {found}."</summary>
    public static string WrongTypeMessage(string what, string expected, JsonValueKind actual)
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
        return $"{what} must be {expected}, not {found}.";
    }

    /// <summary>Refuses an unknown member, or keeps it in <paramref name="passedThrough"/> when the shape's policy lets it through.</summary>
    private void UnknownMember(JsonProperty property, ErrorCollector at, ObjectShape shape, SortedDictionary<string, JsonElement> passedThrough)
    {
        if (!passUnknownMembers || !shape.PassesUnknownMembers)
        {
            at.Add(ValidationCodes.UnknownField, UnknownFieldMessage(property.Name, shape));
            return;
        }

        string? refusal = FieldNames.RefusalOfUnknownEndpointMember(property.Name);
        if (refusal is not null)
        {
            at.Add(ValidationCodes.UnknownField, refusal);
        }
        else if (passedThrough.ContainsKey(property.Name))
        {
            at.Add(ValidationCodes.DuplicateField, $"{property.Name} appears more than once in the {shape.Name}; give it once.");
        }
        else if (HasUnpairedSurrogate(property.Value))
        {
            at.Add(ValidationCodes.MalformedJson, "The value contains an unpaired surrogate escape, which is not Unicode text.");
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

    private JsonNode? ReadMember(JsonElement value, ErrorCollector at, MemberShape member, List<NestedDocument>? documents)
    {
        switch (member.Kind)
        {
            case MemberKind.String when value.ValueKind == JsonValueKind.String:
                return ReadString(value, at, member.Bounds);
            case MemberKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetBoolean());
            case MemberKind.Object when value.ValueKind == JsonValueKind.Object:
                return ReadObject(value, member.Nested!, at, documents);
            case MemberKind.OpaqueArray when value.ValueKind == JsonValueKind.Array:
            case MemberKind.OpaqueObject when value.ValueKind == JsonValueKind.Object:
                return JsonNode.Parse(value.GetRawText());
            case MemberKind.StringArray or MemberKind.ObjectArray or MemberKind.DocumentArray when value.ValueKind == JsonValueKind.Array:
                if (member.Bounds is { } bounds && !bounds.Admits(value.GetArrayLength()))
                {
                    at.Add(bounds.Code, bounds.Message);
                    return null;
                }

                return member.Kind == MemberKind.DocumentArray
                    ? SetAside(value, at, member, documents)
                    : ReadArray(value, at, member);
            default:
                if (member.Bounds is { CoversShape: true } covering)
                {
                    at.AddUnreadable(covering.Code, covering.Message);
                }
                else
                {
                    at.AddUnreadable(ValidationCodes.WrongType, WrongTypeMessage(member.Name, Expected(member.Kind), value.ValueKind));
                }

                return null;
        }
    }

    /// <summary>Leaves each item of a document array for its own reading; nothing is copied.</summary>
    private static JsonNode? SetAside(JsonElement array, ErrorCollector at, MemberShape member, List<NestedDocument>? documents)
    {
        if (documents is null)
        {
            throw new InvalidOperationException($"The shape has documents in {member.Name}, but nobody reads them.");
        }

        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            documents.Add(new NestedDocument(item, at.At(index++).Pointer, member.Nested!));
        }

        return null;
    }

    private JsonArray ReadArray(JsonElement array, ErrorCollector errors, MemberShape member)
    {
        var copy = new JsonArray();
        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            ErrorCollector at = errors.At(index++);
            if (member.Kind == MemberKind.StringArray && item.ValueKind == JsonValueKind.String)
            {
                copy.Add(ReadString(item, at, bounds: null));
            }
            else if (member.Kind == MemberKind.ObjectArray && item.ValueKind == JsonValueKind.Object)
            {
                copy.Add(ReadObject(item, member.Nested!, at));
            }
            else
            {
                string expected = member.Kind == MemberKind.StringArray ? "a string" : "an object";
                at.AddUnreadable(ValidationCodes.WrongType, WrongTypeMessage($"Each entry of {member.Name}", expected, item.ValueKind));
                copy.Add(null);
            }
        }

        return copy;
    }

    private static JsonValue? ReadString(JsonElement value, ErrorCollector at, Bounds? bounds)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped, unpaired surrogate such as "\ud800" is no Unicode text.
            at.AddUnreadable(ValidationCodes.MalformedJson, "The string contains an unpaired surrogate escape, which is not Unicode text.");
            return null;
        }

        if (bounds is not null && !bounds.Admits(text))
        {
            at.Add(bounds.Code, bounds.Message);
            return null;
        }

        return JsonValue.Create(text);
    }

    private static string Expected(MemberKind kind) => kind switch
    {
        MemberKind.String => "a string",
        MemberKind.Boolean => "a boolean (true or false)",
        MemberKind.Object or MemberKind.OpaqueObject => "an object",
        _ => "an array",
    };

    private static string UnknownFieldMessage(string name, ObjectShape shape)
    {
        string message = $"The {shape.Name} has no field '{name}'.";

        // A member of a nested object given one level too high (a request's vpc_id next to endpoint).
        if (shape.Ordered.FirstOrDefault(m => m.Kind == MemberKind.Object && m.Nested!.Members.ContainsKey(name)) is { } home)
        {
            return message + $" {name} belongs inside {home.Name}.";
        }

        string? suggestion = FieldNames.ProbablyMeant(name, shape.Members.Keys);
        return suggestion is null
            ? message + " Known fields: " + string.Join(", ", shape.Members.Keys) + "."
            : message + $" Did you mean '{suggestion}'?";
    }
}
