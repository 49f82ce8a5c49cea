using System.Globalization;
using System.Text;
using Vpcep.Cli.Api;

namespace Vpcep.Cli.Rendering;

/// <summary>An error answer of the API as a person reads it: the status, the problem's title and detail, and every problem of its list.</summary>
internal static class ProblemView
{
    public static string Describe(VpcepApiException error)
    {
        var text = new StringBuilder();
        if (error.Status == 0)
        {
            text.Append("vpcep: ").AppendLine(error.Message);
            return text.ToString();
        }

        string verdict = Outcomes.ForStatus(error.Status) switch
        {
            ExitCode.NotFound => "not found",
            ExitCode.Refused => "refused",
            _ => "failed",
        };
        text.Append(CultureInfo.InvariantCulture, $"vpcep: {error.Message.TrimEnd('.')} ({verdict})").AppendLine();
        if (error.Problem is not { } problem)
        {
            if (!string.IsNullOrWhiteSpace(error.Body))
            {
                text.Append("  ").AppendLine(error.Body.Length > 500 ? error.Body[..500] + "..." : error.Body);
            }

            return text.ToString();
        }

        if (problem.Title is { Length: > 0 } title)
        {
            text.Append("  ").AppendLine(title);
        }

        if (problem.Detail is { Length: > 0 } detail)
        {
            text.Append("  ").AppendLine(detail);
        }

        if (problem.Type is { Length: > 0 } type && type != "about:blank")
        {
            text.Append("  type: ").AppendLine(type);
        }

        IReadOnlyList<ProblemError> errors = problem.Errors ?? [];
        if (errors.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {errors.Count} problem(s):").AppendLine();
            foreach (ProblemError item in errors)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {Where(item.Pointer)}  {item.Code ?? "-"}  {item.Message}").AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Where(string? pointer) => string.IsNullOrEmpty(pointer) ? "(document)" : pointer;
}
