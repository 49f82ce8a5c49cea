using Vpcep.Cli.Following;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli.Commands;

/// <summary>Watching one request until it ends, shared by <c>watch ID</c> and <c>submit --wait</c>.</summary>
internal static class RequestWatch
{
    public static async Task<ExitCode> RunAsync(Invocation run, string statusUrl, CancellationToken cancellationToken)
    {
        var follower = new RequestFollower(run.Api, statusUrl, run.Console.Time);
        WatchLoop.Look<RequestFrame> last = await WatchLoop.RunAsync(
            run,
            async token =>
            {
                (RequestFrame frame, string json, bool ended, TimeSpan wait) = await follower.LookAsync(token);
                return new WatchLoop.Look<RequestFrame>(
                    frame,
                    () => Views.Request(frame.Request, frame.Elapsed),
                    () => [Views.RequestLine(frame, run.Console.Time.GetUtcNow())],
                    json,
                    frame.ChangeKey,
                    ended,
                    wait);
            },
            cancellationToken);
        return Outcomes.ForRequest(last.State.Request.RuntimeStatus, last.State.Request.Outcome?.Result);
    }
}
