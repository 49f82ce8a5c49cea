using Vpcep.Emulator.Hosting;
using Vpcep.Emulator.State;

namespace Vpcep.Emulator.Faults;

/// <summary>
/// Applies injected faults to cloud API operations (after authentication, as the real gateway would):
/// latency, throttling, failures, and "commit then drop" where the operation runs but its answer is
/// replaced by a connection reset or a hang.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector injector, LifecycleClock clock, ILogger<FaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        string? operation = RequestContext.GetOperation(context);
        if (operation is null)
        {
            await next(context);
            return;
        }

        FaultDecision decision = injector.Decide(operation, context.Request.RouteValues["projectId"] as string, clock.TimeScale);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, context.RequestAborted);
        }

        if (decision.Error is not null)
        {
            logger.FaultInjected(decision.Error.ErrorCode, operation);
            throw decision.Error;
        }

        if (decision.DropMode is null)
        {
            await next(context);
            return;
        }

        if (string.Equals(decision.DropMode, "garble", StringComparison.OrdinalIgnoreCase))
        {
            await GarbleAsync(context, operation);
            return;
        }

        // Run the operation against a throw-away body, so it commits but nothing reaches the client.
        Stream original = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        logger.AnswerDropped(operation, decision.DropMode);
        if (string.Equals(decision.DropMode, "hang", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                await Task.Delay(decision.Hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up first, which is the point of a hang.
            }
        }

        context.Abort();
    }

    /// <summary>
    /// Commits the operation and answers its status with only the first half of its body: a success whose
    /// answer cannot be read, as a proxy cutting the stream short would leave it.
    /// </summary>
    private async Task GarbleAsync(HttpContext context, string operation)
    {
        Stream original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        logger.AnswerDropped(operation, "garble");
        byte[] whole = buffer.ToArray();
        context.Response.ContentLength = whole.Length / 2;
        await original.WriteAsync(whole.AsMemory(0, whole.Length / 2), context.RequestAborted);
    }
}
