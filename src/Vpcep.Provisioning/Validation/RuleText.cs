using System.Text;

namespace Vpcep.Provisioning.Validation;

/// <summary>What the rules share for their messages and counts.</summary>
internal static class RuleText
{
    /// <summary>Quotes a submitted value for a message, shortened so a huge value cannot flood logs.</summary>
    public static string Quote(string value) =>
        value.Length <= 80 ? $"'{value}'" : $"'{value[..77]}...'";

    /// <summary>Formats with the invariant culture.</summary>
    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>The length in Unicode code points (see <see cref="EndpointRequestValidator"/> on counting).</summary>
    public static int CodePoints(string text)
    {
        int count = 0;
        foreach (Rune _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
