namespace Vpcep.HuaweiCloud.Models;

/// <summary>
/// An answer that keeps the request id Huawei Cloud gave it (<c>X-Request-Id</c>), so a success can be traced at
/// Huawei's support as an error can (<see cref="HuaweiCloudException.RequestId"/>). The client sets it after reading
/// the body; it is not part of the body.
/// </summary>
public interface IHuaweiAnswer
{
    /// <summary>Gets or sets the request id of the answer this was read from.</summary>
    string? RequestId { get; set; }
}
