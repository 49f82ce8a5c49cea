using Vpcep.Cli.Api;
using Vpcep.Cli.Rendering;

namespace Vpcep.Cli.Following;

/// <summary>Follows a request's status URL, as the asynchronous request-reply pattern asks: 202 with <c>Retry-After</c> while it runs, 200 once it has ended.</summary>
internal sealed class RequestFollower(VpcepApiClient api, string statusUrl, TimeProvider time)
{
    private readonly DateTimeOffset started = time.GetUtcNow();

    /// <summary>One look: the frame, the document as sent, whether it has ended, and the wait the API asked for.</summary>
    public async Task<(RequestFrame Frame, string Json, bool Ended, TimeSpan Wait)> LookAsync(CancellationToken cancellationToken)
    {
        ApiAnswer<RequestStatus> answer = await api.GetRequestAtAsync(statusUrl, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan elapsed = answer.Document.CreatedAt is { Year: > 2000 } created && created <= now ? now - created : now - started;
        TimeSpan wait = answer.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : BatchWatcher.DefaultInterval;
        return (new RequestFrame(answer.Document, elapsed), answer.Json, answer.Ended, wait);
    }
}
