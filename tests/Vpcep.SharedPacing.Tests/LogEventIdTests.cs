using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Vpcep.SharedPacing.Tests;

/// <summary>The shared pacer's log messages keep their event ids, all in its range (7000-7099).</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_has_a_unique_event_id_in_the_range_7000_to_7099()
    {
        int[] ids = [.. typeof(Logs).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .Where(a => a is not null)
            .Select(a => a!.EventId)];

        Assert.Equal([7001, 7002, 7003, 7004], ids.Order());
    }
}
