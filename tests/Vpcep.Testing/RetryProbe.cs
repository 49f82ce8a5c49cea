using Microsoft.DurableTask;
using NSubstitute;

namespace Vpcep.Testing;

/// <summary>
/// Drives an activity's retry handler as the Durable Task worker does after each failed attempt, on a fake
/// orchestration clock that the handler's own durable timers advance: the waits it asks for, until it gives up.
/// </summary>
public static class RetryProbe
{
    public static readonly TaskFailureDetails OtherFailure = new("System.InvalidOperationException", "Broken.", null, null, null);

    public static readonly TaskFailureDetails BusyFailure = new(
        typeof(Vpcep.Provisioning.Activities.CloudBusyException).FullName!, "Huawei Cloud answered 400 EndPoint.0022: Too many requests.", null, null, null);

    public static async Task<IReadOnlyList<TimeSpan>> WaitsAsync(TaskOptions options, Func<int, TaskFailureDetails> failureOfAttempt, string instanceId = "vpcep-probe", int limit = 10_000)
    {
        AsyncRetryHandler handler = options.Retry?.Handler ?? throw new InvalidOperationException("The options carry no retry handler.");
        var context = Substitute.For<TaskOrchestrationContext>();
        DateTime start = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        DateTime now = start;
        var waits = new List<TimeSpan>();
        context.InstanceId.Returns(instanceId);
        context.CurrentUtcDateTime.Returns(_ => now);
        context.CreateTimer(Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            DateTime fireAt = call.Arg<DateTime>();
            waits.Add(fireAt - now);
            now = fireAt;
            return Task.CompletedTask;
        });

        for (int attempt = 1; attempt <= limit; attempt++)
        {
            if (!await handler(new RetryContext(context, attempt, failureOfAttempt(attempt), now - start, CancellationToken.None)))
            {
                return waits;
            }
        }

        throw new InvalidOperationException($"The handler still retried after {limit} attempts.");
    }
}
