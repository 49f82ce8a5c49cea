using System.Net.Sockets;
using Azure;

namespace Vpcep.DurableTask.AzureStorage;

/// <summary>Tells a storage outage (unreachable, timing out, overloaded) from an answer storage gave on purpose.</summary>
internal static class StorageFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/> says storage could not be reached or could not answer: a transport
    /// failure, a timeout, 408, 429 or a 5xx, also inside the storage client's "Retry failed after N tries"
    /// <see cref="AggregateException"/> or wrapped by the provider (its internal <c>DurableTaskStorageException</c>
    /// carries the storage client's exception as its inner exception). A 4xx such as
    /// 404, 409 or 412 (another worker got there first, a pop receipt that no longer matches) is an answer, not an
    /// outage.
    /// </summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        RequestFailedException failed => IsTransientStatus(failed.Status),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        // The provider's wrappers, and the SDK's network timeout (an OperationCanceledException around a TimeoutException).
        _ => IsTransient(exception.InnerException),
    };

    private static bool IsTransientStatus(int status) => status is 0 or 408 or 429 or >= 500;
}
