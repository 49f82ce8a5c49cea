using System.Globalization;

namespace Vpcep.Provisioning.Validation;

/// <summary>Builds RFC 6901 JSON pointers.</summary>
internal static class JsonPointer
{
    /// <summary>Appends a member name, escaping <c>~</c> as <c>~0</c> and <c>/</c> as <c>~1</c>.</summary>
    public static string Append(string pointer, string name) =>
        pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Appends an array index.</summary>
    public static string Append(string pointer, int index) =>
        pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="pointer"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsAtOrBelow(string pointer, string ancestor) =>
        pointer.Length == ancestor.Length
            ? string.Equals(pointer, ancestor, StringComparison.Ordinal)
            : pointer.Length > ancestor.Length && pointer[ancestor.Length] == '/' && pointer.StartsWith(ancestor, StringComparison.Ordinal);
}
