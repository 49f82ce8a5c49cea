namespace Vpcep.Emulator.Api;

/// <summary>Any 32-hex-digit project id is a project; anything else is EndPoint.0014.</summary>
internal sealed class ProjectIdFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? projectId = context.HttpContext.Request.RouteValues["projectId"] as string;
        if (projectId is not { Length: 32 } || !projectId.All(char.IsAsciiHexDigit))
        {
            throw Errors.InvalidProjectId();
        }

        return next(context);
    }
}
