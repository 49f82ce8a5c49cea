using Vpcep.HuaweiCloud;

namespace Vpcep.Provisioning.Activities;

/// <summary>
/// Thrown by an activity when the cloud said "not now" rather than "no": throttling (<c>EndPoint.0022</c>,
/// <c>APIG.0308</c>, 429), a 5xx, a code documented as "try again later" (<c>EndPoint.2004</c>), or no
/// answer at all. The orchestration waits it out with durable timers (<see cref="Orchestrations.WorkflowSettings.ActivityRetry"/>)
/// for as long as <see cref="ProvisioningOptions.CloudBusyPatience"/> allows; it is never a verdict on the request.
/// </summary>
public sealed class CloudBusyException : Exception
{
    public CloudBusyException()
    {
    }

    public CloudBusyException(string message)
        : base(message)
    {
    }

    public CloudBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Runs one cloud call of an activity, turning "not now" answers into <see cref="CloudBusyException"/>.</summary>
    public static async Task<T> WhenBusyAsync<T>(Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call();
        }
        catch (HuaweiCloudException ex) when (ex.IsTransient)
        {
            throw new CloudBusyException(ex.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new CloudBusyException("Huawei Cloud did not answer: " + ex.Message, ex);
        }
        catch (TaskCanceledException ex)
        {
            // A per-attempt timeout of the pipeline (no caller cancels activity calls).
            throw new CloudBusyException("Huawei Cloud did not answer in time.", ex);
        }
    }
}
