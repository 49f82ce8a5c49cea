using System.Reflection;
using Microsoft.Extensions.Logging;
using Vpcep.HuaweiCloud.Http;

namespace Vpcep.HuaweiCloud.Tests.Http;

/// <summary>
/// The client's log messages all live in the one source-generated <c>Logs</c> class, and their event ids are
/// stable (dashboards and alerts filter on them) and unique.
/// </summary>
public class LogEventIdTests
{
    private static readonly Dictionary<string, int> Pinned = new()
    {
        ["Answered"] = 1,
        ["RetryingAfterError"] = 2,
        ["RetryingAfterTransportError"] = 3,
        ["Failed"] = 4,
        ["UnreadableAnswer"] = 5,
        ["Changed"] = 6,
    };

    [Fact]
    public void Every_log_message_keeps_its_event_id_and_no_two_share_one()
    {
        Dictionary<string, int> actual = MessagesOf(typeof(Logs)).ToDictionary(m => m.Method.Name, m => m.Attribute.EventId);

        Assert.Equal(Pinned.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.Equal(actual.Count, actual.Values.Distinct().Count());
    }

    [Fact]
    public void Only_the_Logs_class_declares_log_messages()
    {
        Type[] declaring = [.. typeof(VpcepClient).Assembly.GetTypes().Where(t => MessagesOf(t).Any())];

        Assert.Equal([typeof(Logs)], declaring);
    }

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> MessagesOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method, m.Attribute!));
}
