using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Vpcep.Functions.Functions;

/// <summary>
/// Lets a trigger return the shared handlers' <see cref="IResult"/>: the Functions ASP.NET Core
/// integration executes <see cref="IActionResult"/>s.
/// </summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    /// <summary>The wrapped result (tests inspect it).</summary>
    public IResult Result { get; } = result;

    /// <inheritdoc/>
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Result.ExecuteAsync(context.HttpContext);
    }
}
