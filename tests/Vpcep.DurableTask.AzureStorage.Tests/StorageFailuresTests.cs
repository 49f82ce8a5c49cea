using System.Net.Sockets;
using Azure;

namespace Vpcep.DurableTask.AzureStorage.Tests;

/// <summary>Storage that cannot be reached or cannot answer is an outage; an answer storage gave on purpose is not.</summary>
public sealed class StorageFailuresTests
{
    public static TheoryData<Exception> Outages() =>
    [
        new AggregateException("Retry failed after 6 tries.", new RequestFailedException("Connection refused", new HttpRequestException("Connection refused"))),
        new RequestFailedException(503, "Server busy"),
        new RequestFailedException(500, "Internal error"),
        new RequestFailedException(429, "Too many requests"),
        new RequestFailedException(408, "Timeout"),
        new HttpRequestException("The response ended prematurely."),
        new IOException("Connection reset by peer", new SocketException(104)),
        new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout.", new TimeoutException()),
        new InvalidOperationException("An error occurred while communicating with Azure Storage", new RequestFailedException(503, "Server busy")),
    ];

    public static TheoryData<Exception> Answers() =>
    [
        new RequestFailedException(400, "The specified pop receipt did not match.", "PopReceiptMismatch", null),
        new RequestFailedException(404, "The specified message does not exist.", "MessageNotFound", null),
        new RequestFailedException(409, "Conflict"),
        new RequestFailedException(412, "Precondition failed"),
        new InvalidOperationException("Non-deterministic workflow detected"),
        new OperationCanceledException(),
        new AggregateException(new RequestFailedException(412, "Precondition failed")),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_unreachable_or_overloaded_storage_is_an_outage(Exception exception)
    {
        Assert.True(StorageFailures.IsTransient(exception));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void An_answer_storage_gave_on_purpose_is_not_an_outage(Exception exception)
    {
        Assert.False(StorageFailures.IsTransient(exception));
    }
}
