using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vpcep.Cli.Commands;

/// <summary>The rule of the commands that take a request id or <c>--batch</c>: exactly one of them.</summary>
internal static class Targets
{
    public static void RequireOne(CommandResult result, Argument<string?> id, Option<string?> batch)
    {
        bool hasId = !string.IsNullOrEmpty(result.GetValue(id));
        bool hasBatch = result.GetResult(batch) is not null;
        if (hasId == hasBatch)
        {
            result.AddError(hasId
                ? $"'{result.Command.Name}' takes a request ID or --batch BATCH_ID, not both."
                : $"'{result.Command.Name}' needs a request ID or --batch BATCH_ID.");
        }
    }
}
